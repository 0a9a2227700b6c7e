"""Cost of the quotes stage next to the spaCy parse it reads, on the CNN/Daily Mail dev articles.

In one process, on the same articles: the spaCy parse newsdigest runs (the baseline cost),
then ``find_quotes`` over that parse and the cast. The quotes stage must stay a small
fraction of the parse: it walks the quote marks and the tokens once and never parses again.

    python benchmarks/quotes.py [--shared ../shared] [--limit 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsdigest.analysis import Analysis
from newsdigest.cast import find_cast
from newsdigest.ingest.text import article_from_text
from newsdigest.quotes import find_quotes

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    path = args.shared / "data" / "cnndm_dev.jsonl"
    with path.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["article"] for line in lines][: args.limit]

    analyses = [Analysis(article_from_text(text)) for text in texts]
    start = time.perf_counter()
    for analysis in analyses:
        analysis.doc  # noqa: B018 - the parse, computed once and kept
    parse = time.perf_counter() - start
    casts = [find_cast(analysis) for analysis in analyses]

    best = float("inf")
    found = 0
    for _ in range(args.rounds):
        start = time.perf_counter()
        found = sum(len(find_quotes(a, c)) for a, c in zip(analyses, casts, strict=True))
        best = min(best, time.perf_counter() - start)
    print(f"articles: {len(texts)}, quotes found: {found}")
    print(f"spaCy parse:  {parse:8.3f} s  ({len(texts) / parse:6.1f} articles/s)")
    rate = len(texts) / best
    print(f"find_quotes:  {best:8.3f} s  ({rate:6.1f} articles/s, best of {args.rounds})")
    print(f"quotes / parse: {100 * best / parse:.1f}%")


if __name__ == "__main__":
    main()
