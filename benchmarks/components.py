"""Where the time of a full digest goes, against spaCy's own per-document loop.

In one process, over the CNN/Daily Mail dev articles, each figure the best of ``--rounds``:
- each component of the pinned ``en_core_web_sm`` pipeline, run one document at a time as
  ``nlp(text)`` runs them: the share of spaCy's loop each one takes;
- newsdigest's own parse (``nlp.pipe`` over the components its stages read);
- newsdigest's stages over those parsed documents (every section).

The parse and the stages are given as a share of spaCy's loop: their sum is the inverse of
what ``benchmarks/throughput.py`` reports as ``digest_many`` / spaCy's loop, and the parse
alone bounds it. Run under ``taskset -c 0`` with ``OMP_NUM_THREADS=1`` for one core.

    python benchmarks/components.py [--shared ../shared] [--rounds 2] [--limit 100]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy

import newsdigest
from _timing import load_articles
from newsdigest.analysis import Analysis
from newsdigest.nlp import load_pipeline
from newsdigest.pipeline import Pipeline
from newsdigest.settings import DEFAULT_SPACY_PIPELINE, Settings

ROOT = Path(__file__).resolve().parents[1]


def component_seconds(texts: list[str], rounds: int) -> dict[str, float]:
    """Seconds each component of spaCy's full pipeline takes over ``texts`` (best round)."""
    nlp = spacy.load(DEFAULT_SPACY_PIPELINE)
    for text in texts[:5]:
        nlp(text)  # warm up
    best: dict[str, float] = {}
    for _ in range(rounds):
        spent = dict.fromkeys(nlp.pipe_names, 0.0)
        for text in texts:
            doc = nlp.make_doc(text)
            for name, component in nlp.pipeline:
                started = time.perf_counter()
                doc = component(doc)
                spent[name] += time.perf_counter() - started
        best = {name: min(seconds, best.get(name, seconds)) for name, seconds in spent.items()}
    return best


def best_of(rounds: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds of the fastest of ``rounds`` calls of ``run()``, and what it returned."""
    fastest, result = float("inf"), None
    for _ in range(rounds):
        started = time.perf_counter()
        result = run()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    texts = load_articles(args.shared, args.limit)

    parts = component_seconds(texts, args.rounds)
    loop = sum(parts.values())
    print(f"{len(texts)} CNN/DM dev articles, best of {args.rounds} rounds, one process")
    print("spaCy's per-document loop, by component:")
    for name, seconds in parts.items():
        print(f"  {name:16s} {seconds:7.2f} s  {100 * seconds / loop:5.1f}%")
    print(f"  {'all':16s} {loop:7.2f} s")

    settings = Settings()
    nlp = load_pipeline(settings.spacy_pipeline)
    parse, docs = best_of(args.rounds, lambda: list(nlp.pipe(texts)))
    print(f"newsdigest's parse ({', '.join(nlp.pipe_names)}; nlp.pipe): "
          f"{parse:.2f} s = {100 * parse / loop:.1f}% of the loop")  # fmt: skip

    pipeline = Pipeline(settings)
    articles = [pipeline.check(newsdigest.load({"text": t, "published": "2015-04-01"}))
                for t in texts]  # fmt: skip
    analysed = list(zip(articles, docs, strict=True))
    stages, _ = best_of(
        args.rounds, lambda: [pipeline.run(Analysis(a, settings, doc=d)) for a, d in analysed]
    )
    print(f"newsdigest's stages over the parsed documents: "
          f"{stages:.2f} s = {100 * stages / loop:.1f}% of the loop")  # fmt: skip
    print(f"a full digest at most {loop / (parse + stages):.2f}x spaCy's loop here; "
          f"with stages that cost nothing, {loop / parse:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
