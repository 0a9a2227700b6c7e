"""The timeline: the events that carry a resolved calendar date, in date order.

An event is the clause that holds a dated time expression (or the whole sentence when
the clause would be only a few words), linked to the expressions that date it. Values
that are not calendar dates (durations, sets, ``PRESENT_REF``, values with unknown
digits) date no event.
"""

from __future__ import annotations

import datetime as dt
import re

from newsdigest.analysis import Analysis
from newsdigest.dates.context import Clauses
from newsdigest.model import DateMention, Span, TimelineEvent

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(?:(\d{2})(?::(\d{2}))?|(MO|AF|EV|NI)))?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{2,4})$")
_PART_STARTS = {
    "Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "SP": 3, "SU": 6, "FA": 9, "WI": 12,
}  # fmt: skip
_DAY_PART_HOURS = {"MO": 6, "AF": 12, "EV": 18, "NI": 21}


def calendar_start(value: str | None) -> dt.datetime | None:
    """When the period a TIMEX3 value names begins, or None if it is not a calendar date.

    value (str | None): e.g. ``2013-11-05``, ``2013-W46``, ``2013-Q3``, ``199``, ``P3Y``.
    RETURNS (datetime | None): the first moment of the period.
    """
    if not value:
        return None
    try:
        return _start(value)
    except ValueError:
        return None


def _start(value: str) -> dt.datetime | None:
    if match := _DAY.match(value):
        year, month, day, hour, minute, part = match.groups()
        hours = int(hour or _DAY_PART_HOURS.get(part or "", 0))
        start = dt.datetime(int(year), int(month), int(day), min(hours, 23), int(minute or 0))
        return start + dt.timedelta(hours=1) if hours == 24 else start
    if match := _MONTH.match(value):
        return dt.datetime(int(match.group(1)), int(match.group(2)), 1)
    if match := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        offset = 5 if match.group(3) else 0
        return dt.datetime.combine(monday + dt.timedelta(days=offset), dt.time())
    if match := _PART.match(value):
        return dt.datetime(int(match.group(1)), _PART_STARTS[match.group(2)], 1)
    if match := _YEAR.match(value):
        digits = match.group(1)
        return dt.datetime(max(int(digits) * 10 ** (4 - len(digits)), 1), 1, 1)
    return None


def build_timeline(analysis: Analysis, dates: tuple[DateMention, ...]) -> tuple[TimelineEvent, ...]:
    """The dated events of a story, ordered by date, then by their place in the story.

    analysis (Analysis): the story; its sentences bound the events.
    dates (tuple[DateMention, ...]): the story's time expressions, as ``find_dates`` gives them.
    RETURNS (tuple[TimelineEvent, ...]): one event per clause and date value; ``dates``
        holds the indexes of the expressions that date it.
    """
    text = analysis.text
    clauses = Clauses(text)
    events: dict[tuple[Span, str], list[int]] = {}
    sentences: dict[Span, Span] = {}
    starts: dict[str, dt.datetime] = {}
    for index, mention in enumerate(dates):
        start = calendar_start(mention.value)
        at = analysis.sentence_index(mention.span.start)
        if start is None or mention.value is None or at is None:
            continue
        sentence = analysis.sentences[at]
        if not sentence.contains(mention.span):
            continue
        clause = clauses.around(sentence, mention.span)
        events.setdefault((clause, mention.value), []).append(index)
        sentences[clause] = sentence
        starts[mention.value] = start
    timeline = [
        TimelineEvent(
            date=value,
            dates=tuple(indexes),
            sentence=sentences[clause],
            span=clause,
            text=text[clause.start : clause.end],
        )
        for (clause, value), indexes in events.items()
    ]
    return tuple(sorted(timeline, key=lambda e: (starts[e.date], e.span.start)))
