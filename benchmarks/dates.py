"""What dates and the timeline cost on top of spaCy, measured in one process.

On the CNN/Daily Mail dev articles (news of ordinary length), in the same run:
- spaCy: the pipeline newsdigest loads (``load_pipeline``), run over each article, which
  is the cost every digest with entities or quotes pays anyway;
- dates + timeline: ``find_dates`` and ``build_timeline`` on a fresh ``Analysis`` (so the
  rule-based sentence split is included); they never run spaCy;
- the baseline: spaCy's DATE/TIME entities resolved by dateparser, on the parsed doc.

Each configuration is timed ``--rounds`` times over all articles, keeping the fastest
round (the machine is shared), and reported in milliseconds per article and as a
percentage of spaCy's own time.

    python benchmarks/dates.py [--shared ../shared] [--rounds 3] [--limit 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from _timing import best_seconds, load_articles
from newsdigest.analysis import Analysis
from newsdigest.dates import find_dates
from newsdigest.dates.baseline import spacy_dateparser_dates
from newsdigest.model import Article
from newsdigest.nlp import load_pipeline
from newsdigest.settings import DEFAULT_SPACY_PIPELINE
from newsdigest.timeline import build_timeline

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = dt.date(2015, 4, 1)


def dates_and_timeline(text: str) -> object:
    analysis = Analysis(Article(text=text, published=PUBLISHED))
    return build_timeline(analysis, find_dates(analysis))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    texts = load_articles(args.shared, args.limit)
    nlp = load_pipeline(DEFAULT_SPACY_PIPELINE)
    docs = {text: nlp(text) for text in texts}

    def baseline(text: str) -> object:
        analysis = Analysis(Article(text=text, published=PUBLISHED))
        analysis.__dict__["doc"] = docs[text]  # the parse is timed on its own line
        return spacy_dateparser_dates(analysis)

    spacy_seconds = best_seconds(nlp, texts, args.rounds)
    rows = [
        ("spaCy pipeline", spacy_seconds),
        ("newsdigest dates + timeline", best_seconds(dates_and_timeline, texts, args.rounds)),
        ("baseline: dateparser on spaCy's DATE/TIME", best_seconds(baseline, texts, args.rounds)),
    ]
    print(f"{len(texts)} CNN/Daily Mail dev articles, best of {args.rounds} rounds")
    for name, seconds in rows:
        share = 100 * seconds / spacy_seconds
        print(f"{name:42} {1000 * seconds / len(texts):8.2f} ms/article {share:7.1f}% of spaCy")


if __name__ == "__main__":
    main()
