"""Articles per second of ``digest_many`` on the CNN/Daily Mail dev articles, one process.

In the same run, on the same articles, in alternating order, each the best of ``--rounds``:
- spaCy's own per-document loop, ``[nlp(t) for t in texts]``, with the pinned
  ``en_core_web_sm`` pipeline and all its components: the cost a spaCy user pays before
  doing anything with the result;
- spaCy's ``nlp.pipe`` over the same texts, all components;
- ``newsdigest.digest_many`` with every section (and ``digest()`` one story at a time);
- ``digest_many(only=["highlights"])``.

The machine is shared and noisy: the ratios, measured in the same process, are the figures
to read; run with one core (``taskset -c 0``) for the one-core figure.

    python benchmarks/throughput.py [--shared ../shared] [--rounds 3] [--limit 100]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

import newsdigest
from _timing import load_articles
from newsdigest.nlp import load_pipeline
from newsdigest.settings import DEFAULT_SPACY_PIPELINE

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = "2015-04-01"


def best_rate(run: Callable[[list[str]], object], texts: list[str], rounds: int) -> float:
    """Articles per second of the fastest of ``rounds`` runs over all ``texts``."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run(texts)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    texts = load_articles(args.shared, args.limit)
    records = [{"text": t, "published": PUBLISHED} for t in texts]

    import spacy

    spacy_nlp = spacy.load(DEFAULT_SPACY_PIPELINE)
    load_pipeline(DEFAULT_SPACY_PIPELINE)

    runs: dict[str, Callable[[list[str]], object]] = {
        "spaCy per-document loop": lambda ts: [spacy_nlp(t) for t in ts],
        "spaCy nlp.pipe": lambda ts: list(spacy_nlp.pipe(ts)),
        "digest_many, every section": lambda ts: list(newsdigest.digest_many(records)),
        "digest() one by one": lambda ts: [newsdigest.digest(t, published=PUBLISHED) for t in ts],
        'digest_many(only=["highlights"])': lambda ts: list(
            newsdigest.digest_many(ts, only=["highlights"])
        ),
    }
    for run in runs.values():  # warm up: models, caches, lazy imports
        run(texts[:2])
    rates = {name: 0.0 for name in runs}
    for _ in range(args.rounds):  # alternate, so a busy spell hurts every configuration
        for name, run in runs.items():
            rates[name] = max(rates[name], best_rate(run, texts, 1))

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{len(texts)} CNN/DM dev articles, best of {args.rounds} rounds, one process")
    print(f"({cores} cores visible; run under `taskset -c 0` for one core)")
    for name, rate in rates.items():
        print(f"  {name:34} {rate:8.1f} articles/s")
    many = rates["digest_many, every section"]
    print(
        f"  digest_many / spaCy per-document loop: {many / rates['spaCy per-document loop']:5.2f}x"
    )
    print(f"  digest_many / spaCy nlp.pipe:          {many / rates['spaCy nlp.pipe']:5.2f}x")
    one = rates["digest() one by one"]
    print(
        f"  digest() / spaCy per-document loop:    {one / rates['spaCy per-document loop']:5.2f}x"
    )


if __name__ == "__main__":
    main()
