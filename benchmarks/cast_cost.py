"""What the cast stage costs on top of spaCy's parse, on the same stories in one run.

Usage: python benchmarks/cast_cost.py [--data ../shared/data/cnndm_dev.jsonl] [--limit 100]

Parses every story once with the pipeline newsdigest loads (timed: the baseline), then
runs ``find_cast`` on the parsed Doc (timed: what the cast adds), and prints both rates
and the ratio.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsdigest.analysis import Analysis
from newsdigest.cast import find_cast
from newsdigest.model import Article
from newsdigest.nlp import load_pipeline
from newsdigest.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared/data/cnndm_dev.jsonl")
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    lines = args.data.read_text(encoding="utf-8").splitlines()[: args.limit]
    texts = [json.loads(line)["article"] for line in lines]
    settings = Settings()
    load_pipeline(settings.spacy_pipeline)
    analyses = [Analysis(Article(text=t), settings) for t in texts]
    find_cast(Analysis(Article(text=texts[0]), settings))  # load the name-type model
    started = time.perf_counter()
    for analysis in analyses:
        _ = analysis.doc
    parse = time.perf_counter() - started
    started = time.perf_counter()
    for analysis in analyses:
        find_cast(analysis)
    cast = time.perf_counter() - started
    n = len(texts)
    print(f"{n} stories  spaCy parse: {n / parse:.1f}/s  find_cast alone: {n / cast:.1f}/s")
    print(f"cast adds {100 * cast / parse:.1f}% to spaCy's time")


if __name__ == "__main__":
    main()
