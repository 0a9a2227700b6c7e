"""The timeline: events that carry a resolved date, in date order."""

from __future__ import annotations

import re

from newsdigest.analysis import Analysis
from newsdigest.model import DateMention, TimelineEvent

_CALENDAR_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(T[\d:]+)?$")


def build_timeline(analysis: Analysis, dates: tuple[DateMention, ...]) -> tuple[TimelineEvent, ...]:
    """One event per sentence and calendar date, ordered by date then by place in the story."""
    events: dict[tuple[int, str], list[int]] = {}
    for index, mention in enumerate(dates):
        if mention.value is None or not _CALENDAR_VALUE.match(mention.value):
            continue
        sentence = analysis.sentence_index(mention.span.start)
        if sentence is None:
            continue
        events.setdefault((sentence, mention.value), []).append(index)
    timeline = []
    for (sentence, value), indexes in events.items():
        span = analysis.sentences[sentence]
        timeline.append(
            TimelineEvent(
                date=value,
                dates=tuple(indexes),
                sentence=span,
                span=span,
                text=analysis.text[span.start : span.end],
            )
        )
    return tuple(sorted(timeline, key=lambda e: (e.date, e.sentence.start)))
