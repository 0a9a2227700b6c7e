"""Time expressions, found by rules and resolved against the publication date to TIMEX3 values.

The pipeline: :func:`~newsdigest.dates.recognise.find_candidates` finds the
expressions in the text with the rules of :mod:`~newsdigest.dates.rules` (no spaCy
needed), :mod:`~newsdigest.dates.context` reads the clause around each for its tense, and
the rule that found each resolves it to a TIMEX3 type and value
(:mod:`~newsdigest.dates.timex`). Expressions are resolved in text order so that an
earnings story's "a year earlier" can refer to the quarter it reports.
"""

from __future__ import annotations

import datetime as dt
import re

from newsdigest.analysis import Analysis
from newsdigest.dates.context import clause_tense
from newsdigest.dates.mods import timex_mod
from newsdigest.dates.recognise import find_candidates
from newsdigest.dates.reference import Reference
from newsdigest.dates.timex import last_finished_quarter, named_quarter, quarter_of, read_value
from newsdigest.model import DateMention, Span

_SINCE = re.compile(r"(?i)\bsince\s+(?:early\s+|late\s+|mid-?)?$")
_QUARTERS = re.compile(r"(?i)\bquarter")
# The grains of the values a narrative expression ("the next day") can count from.
_ANCHOR_GRAINS = {"time": "day", "day part": "day", "day": "day", "month": "month", "year": "year"}


def find_dates(analysis: Analysis) -> tuple[DateMention, ...]:
    """Every time expression of the story, with its TIMEX3 type and value.

    analysis (Analysis): the story; only its text, sentences and publication date are read.
    RETURNS (tuple[DateMention, ...]): the expressions in text order, with their TIMEX3
        ``mod`` (:mod:`newsdigest.dates.mods`); relative ones have the value None when the
        story has no publication date.
    """
    text = analysis.text
    published = analysis.article.published
    quarterly = published is not None and _QUARTERS.search(text) is not None
    focus = last_finished_quarter(published) if published is not None else None
    clauses = analysis.clauses
    mentions = []
    anchor: tuple[dt.date, str] | None = None
    for candidate in find_candidates(text):
        span = Span(candidate.start, candidate.end)
        at = analysis.sentence_index(candidate.start)
        sentence = analysis.sentences[at] if at is not None else span
        clause = clauses.around(sentence, span)
        in_focus = quarterly and clauses.reports_figures(sentence)
        reference = Reference(
            published,
            tense=clause_tense(text, clause, span),
            quarter=focus if in_focus else None,
            anchor=anchor,
            since=_SINCE.search(text, max(0, span.start - 12), span.start) is not None,
        )
        kind, value = candidate.rule.resolve(candidate.groups, reference)
        words = text[span.start : span.end]
        mod = timex_mod(words, kind)
        mentions.append(DateMention(text=words, span=span, type=kind, value=value, mod=mod))
        if published is not None:
            focus = _new_focus(candidate.groups, value, focus, published)
        anchor = _new_anchor(value, anchor)
    return tuple(mentions)


def _new_anchor(
    value: str | None, anchor: tuple[dt.date, str] | None
) -> tuple[dt.date, str] | None:
    """The last date the story named, with its grain, updated by a day, month or year."""
    read = read_value(value)
    if read is None or read.grain not in _ANCHOR_GRAINS:
        return anchor
    return read.day, _ANCHOR_GRAINS[read.grain]


def _new_focus(
    groups: dict[str, str], value: str | None, focus: tuple[int, int] | None, published: dt.date
) -> tuple[int, int] | None:
    """The quarter a story reports on: the last finished quarter it names by number."""
    named = named_quarter(value)
    if named is None or "ord" not in groups or "year-" in groups.get("mod", "").lower():
        return focus
    if named >= (published.year, quarter_of(published)):
        return focus
    return named


__all__ = ["find_dates"]
