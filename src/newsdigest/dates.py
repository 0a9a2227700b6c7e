"""Time expressions, resolved against the publication date to TIMEX3 values."""

from __future__ import annotations

import datetime as dt

from newsdigest.analysis import Analysis
from newsdigest.model import DateMention, Span


def find_dates(analysis: Analysis) -> tuple[DateMention, ...]:
    """spaCy's DATE and TIME entities, each resolved with dateparser where it can be."""
    published = analysis.article.published
    mentions = []
    for span, label in analysis.ner:
        if label not in {"DATE", "TIME"}:
            continue
        text = analysis.text[span.start : span.end]
        mentions.append(
            DateMention(text=text, span=span, type=label, value=_resolve(text, label, published))
        )
    return tuple(mentions)


def _resolve(text: str, label: str, published: dt.date | None) -> str | None:
    if published is None:
        return None
    from dateparser.date import DateDataParser

    base = dt.datetime.combine(published, dt.time(12))
    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"},
    )
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    if label == "TIME":
        return data.date_obj.strftime("%Y-%m-%dT%H:%M")
    if data.period == "year":
        return f"{data.date_obj.year:04d}"
    if data.period == "month":
        return data.date_obj.strftime("%Y-%m")
    return data.date_obj.date().isoformat()


