"""The off-the-shelf way to date a story: spaCy's DATE/TIME entities, read by dateparser.

Kept as the baseline that ``newsdigest eval dates`` prints beside newsdigest's own rules.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.model import DateMention


def spacy_dateparser_dates(analysis: Analysis) -> tuple[DateMention, ...]:
    """spaCy's DATE and TIME entities, each resolved with dateparser where it can be.

    analysis (Analysis): the story; its spaCy entities are read (spaCy runs if it has not).
    RETURNS (tuple[DateMention, ...]): the entities with dateparser's values.
    """
    published = analysis.article.published
    mentions = []
    for span, label in analysis.ner:
        if label not in {"DATE", "TIME"}:
            continue
        text = analysis.text[span.start : span.end]
        value = _dateparser_value(text, label, published)
        mentions.append(DateMention(text=text, span=span, type=label, value=value))
    return tuple(mentions)


@lru_cache(maxsize=64)
def _parser(published: dt.date) -> Any:
    from dateparser.date import DateDataParser

    base = dt.datetime.combine(published, dt.time(12))
    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"},
    )


def _dateparser_value(text: str, label: str, published: dt.date | None) -> str | None:
    if published is None:
        return None
    data = _parser(published).get_date_data(text)
    if data.date_obj is None:
        return None
    if label == "TIME":
        return str(data.date_obj.strftime("%Y-%m-%dT%H:%M"))
    if data.period == "year":
        return f"{data.date_obj.year:04d}"
    if data.period == "month":
        return str(data.date_obj.strftime("%Y-%m"))
    return str(data.date_obj.date().isoformat())
