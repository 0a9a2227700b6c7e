"""The timeline: the events that carry a resolved calendar date, in date order.

An event is the clause that holds a dated time expression (or the whole sentence when
the clause would be only a few words), linked to the expressions that date it. Values
that are not calendar dates (durations, sets, ``PRESENT_REF``, values with unknown
digits) date no event.
"""

from __future__ import annotations

import datetime as dt

from newsdigest.analysis import Analysis
from newsdigest.dates.timex import read_value
from newsdigest.model import DateMention, Span, TimelineEvent


def calendar_start(value: str | None) -> dt.datetime | None:
    """When the period a TIMEX3 value names begins, or None if it is not a calendar date.

    value (str | None): e.g. ``2013-11-05``, ``2013-W46``, ``2013-Q3``, ``199``, ``P3Y``.
    RETURNS (datetime | None): the first moment of the period.
    """
    period = calendar_period(value)
    return period[0] if period else None


def calendar_period(value: str | None) -> tuple[dt.datetime, dt.datetime] | None:
    """The period a TIMEX3 value names, or None if it is not a calendar date.

    value (str | None): e.g. ``2013-11-05``, ``2013-W46``, ``2013-Q3``, ``199``, ``P3Y``.
    RETURNS (tuple[datetime, datetime] | None): its first moment and the first moment after
        it; a clock time is a period of no length.
    """
    read = read_value(value)
    if read is None:
        return None
    try:
        return read.start, read.end
    except (ValueError, OverflowError):  # minutes past 59, or a period past the year 9999
        return None


def order_point(value: str | None, mod: str | None = None) -> dt.datetime | None:
    """The moment the timeline orders a dated mention by: its period's start, moved by its mod.

    ``START``, ``BEFORE``, ``APPROX`` and no mod keep the start of the period; ``MID`` is its
    middle; ``END`` ("late 2013", "later this year", "the end of the month") the start of its
    last quarter; ``AFTER`` the period's end.

    value (str | None): the mention's TIMEX3 value.
    mod (str | None): the mention's TIMEX3 mod.
    RETURNS (datetime | None): None when the value is not a calendar date.
    """
    period = calendar_period(value)
    if period is None:
        return None
    start, end = period
    share = {"MID": 0.5, "END": 0.75, "AFTER": 1.0}.get(mod or "", 0.0)
    return start + (end - start) * share


def build_timeline(analysis: Analysis, dates: tuple[DateMention, ...]) -> tuple[TimelineEvent, ...]:
    """The dated events of a story, ordered by date, then by their place in the story.

    An event's date is the :func:`order_point` of its mentions (the earliest, if several):
    the start of the period, moved by the TIMEX3 mod ("later this year" sorts late in it).

    analysis (Analysis): the story; its sentences bound the events.
    dates (tuple[DateMention, ...]): the story's time expressions, as ``find_dates`` gives them.
    RETURNS (tuple[TimelineEvent, ...]): one event per clause and date value; ``dates``
        holds the indexes of the expressions that date it.
    """
    text = analysis.text
    clauses = analysis.clauses
    events: dict[tuple[Span, str], list[int]] = {}
    sentences: dict[Span, Span] = {}
    points: dict[tuple[Span, str], dt.datetime] = {}
    for index, mention in enumerate(dates):
        point = order_point(mention.value, mention.mod)
        at = analysis.sentence_index(mention.span.start)
        if point is None or mention.value is None or at is None:
            continue
        sentence = analysis.sentences[at]
        if not sentence.contains(mention.span):
            continue
        clause = clauses.around(sentence, mention.span)
        key = (clause, mention.value)
        events.setdefault(key, []).append(index)
        sentences[clause] = sentence
        points[key] = min(point, points.get(key, point))
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
    return tuple(sorted(timeline, key=lambda e: (points[(e.span, e.date)], e.span.start)))
