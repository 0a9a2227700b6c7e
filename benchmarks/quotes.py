"""What the cast and the quotes add to the spaCy parse they read, on the CNN/Daily Mail dev
articles, in one process.

The baseline is the parse newsdigest runs (its pipeline, ``nlp(text)`` per story); then
``find_cast`` and ``find_quotes`` run over each parsed story, from a fresh ``Analysis`` so
the views they need (sentences, quote marks, quoted tokens) are computed in the timing too.
Each is the best of ``--rounds`` passes (the machine is shared and noisy).

    python benchmarks/quotes.py [--shared ../shared] [--limit 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _timing import best_seconds, load_articles
from newsdigest.analysis import Analysis
from newsdigest.cast import find_cast
from newsdigest.model import Article
from newsdigest.nlp import load_pipeline
from newsdigest.quotes import find_quotes
from newsdigest.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = load_articles(args.shared, args.limit)
    nlp = load_pipeline(Settings().spacy_pipeline)
    docs = {text: nlp(text) for text in texts}  # also warms the pipeline up
    found = {"cast": 0, "quotes": 0}

    def cast_and_quotes(text: str) -> None:
        analysis = Analysis(Article(text=text), doc=docs[text])
        cast = find_cast(analysis)
        found["cast"], found["quotes"] = len(cast), len(find_quotes(analysis, cast))

    cast_and_quotes(texts[0])  # loads the name-type model
    parse = best_seconds(nlp, texts, args.rounds)
    stages = best_seconds(cast_and_quotes, texts, args.rounds)
    n = len(texts)
    print(f"articles: {n}, best of {args.rounds} rounds")
    print(f"spaCy parse:           {parse:8.3f} s  ({n / parse:6.1f} articles/s)")
    print(f"find_cast+find_quotes: {stages:8.3f} s  ({n / stages:6.1f} articles/s)")
    print(f"cast and quotes add {100 * stages / parse:.1f}% to the parse")


if __name__ == "__main__":
    main()
