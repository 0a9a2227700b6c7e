"""Articles per second of ``digest()`` on the CNN/Daily Mail dev articles, one process.

In the same run, on the same articles and in alternating order:
- spaCy alone: the pinned ``en_core_web_sm`` pipeline with all its components, the cost a
  user of spaCy pays before doing anything with the result;
- the analysis pass alone: sentences plus the one spaCy parse newsdigest runs;
- ``digest()`` with every section, and with ``only=["highlights"]``.

Each configuration is timed over all articles ``--rounds`` times and the best round is kept
(the machine is shared and noisy; the best round is the least disturbed one).

    python benchmarks/throughput.py [--shared ../shared] [--rounds 3] [--limit 100]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import newsdigest
from _timing import best_seconds, load_articles
from newsdigest.analysis import Analysis
from newsdigest.ingest.text import article_from_text
from newsdigest.nlp import load_pipeline
from newsdigest.settings import DEFAULT_SPACY_PIPELINE

ROOT = Path(__file__).resolve().parents[1]


def best_rate(run: Callable[[str], object], texts: list[str], rounds: int) -> float:
    """Articles per second of the fastest of ``rounds`` passes over ``texts``."""
    return len(texts) / best_seconds(run, texts, rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    texts = load_articles(args.shared, args.limit)

    import spacy

    spacy_nlp = spacy.load(DEFAULT_SPACY_PIPELINE)
    load_pipeline(DEFAULT_SPACY_PIPELINE)

    def analysis_pass(text: str) -> object:
        analysis = Analysis(article_from_text(text))
        return analysis.sentences, analysis.doc

    runs: dict[str, Callable[[str], object]] = {
        "spaCy alone (all components)": spacy_nlp,
        "analysis pass alone": analysis_pass,
        "digest(), all sections": lambda text: newsdigest.digest(text, published="2015-04-01"),
        'digest(only=["highlights"])': lambda text: newsdigest.digest(text, only=["highlights"]),
    }
    for run in runs.values():  # warm up: models, caches, lazy imports
        run(texts[0])
    rates = {name: best_rate(run, texts, args.rounds) for name, run in runs.items()}

    print(f"{len(texts)} CNN/DM dev articles, best of {args.rounds} rounds, one process")
    for name, rate in rates.items():
        print(f"  {name:32} {rate:8.1f} articles/s")
    full = 1 / rates["digest(), all sections"]
    spacy_alone = 1 / rates["spaCy alone (all components)"]
    analysis = 1 / rates["analysis pass alone"]
    print(f"  digest() time / spaCy alone:        {full / spacy_alone:5.2f}")
    print(f"  digest() time / analysis pass:      {full / analysis:5.2f}")
    print(f"  stages' share of digest() time:     {(full - analysis) / full:6.1%}")


if __name__ == "__main__":
    main()
