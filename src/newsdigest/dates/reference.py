"""What a time expression is resolved against, and the readings several resolvers share.

A resolver (one per :class:`~newsdigest.dates.rule.Rule`) takes the named groups its rule
matched and a :class:`Reference`, and returns the TIMEX3 type and value. Values follow
TempEval-3 (see :mod:`newsdigest.dates.timex`); an expression that needs the reference date
resolves to ``None`` when there is none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from newsdigest.dates.lexicon import MONTHS, RELATIONS, number_value

Tense = Literal["past", "future"] | None
Groups = dict[str, str]
Resolved = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class Reference:
    """What an expression is resolved against.

    date (date | None): the publication date; None leaves relative expressions unresolved.
    tense (str | None): "past" or "future" when the clause around the expression says so.
    quarter (tuple[int, int] | None): the reporting quarter (year, quarter) the sentence
        speaks of, if it reports quarterly figures: "a year earlier" is then that quarter
        a year before, and "the quarter" is that quarter.
    anchor (tuple[date, str] | None): the last date the story named before the expression,
        with its grain ("day", "month" or "year"): "the next day" counts from it.
    since (bool): the expression follows "since", so it cannot lie after the reference date.
    """

    date: dt.date | None
    tense: Tense = None
    quarter: tuple[int, int] | None = None
    anchor: tuple[dt.date, str] | None = None
    since: bool = False


Resolver = Callable[[Groups, Reference], Resolved]

# Days added to the distance of a reading that goes against the clause's tense: a month
# named in a past-tense clause is most likely behind the story, but not if it is close.
TENSE_PENALTY_DAYS = 120


def choose_year(month: int, day: int | None, ref: Reference) -> int:
    """The year of a month (and day) given without one: the nearest, weighed by tense.

    After "since" (``ref.since``) only readings up to the reference date count.
    month (int): the month, 1 to 12.
    day (int | None): the day of the month, if given.
    ref (Reference): the reference; its date must be set.
    RETURNS (int): the year.
    """
    assert ref.date is not None
    reference = ref.date
    tense = "since" if ref.since else ref.tense

    def cost(year: int) -> int:
        try:
            when = dt.date(year, month, day or 15)
        except ValueError:
            return 10**6
        days = (when - reference).days
        if day is None and month == reference.month and year == reference.year:
            days = 0
        if tense == "since" and days > 0:
            return 10**6
        against = (tense == "past" and days > 0) or (tense == "future" and days < 0)
        return abs(days) + (TENSE_PENALTY_DAYS if against else 0)

    return min((reference.year - 1, reference.year, reference.year + 1), key=cost)


def month_number(word: str) -> int:
    """The number of a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[word.rstrip(".").lower()]


def amount(words: str | None) -> float | None:
    """The number an amount names; None when it is vague or absent."""
    return None if words is None else number_value(words)


def offset_direction(relation: str | None) -> int:
    """-1 for "last", "past", "previous"; +1 for "next", "coming", "following"; else 0.

    relation (str | None): the words before a period; the last one counts.
    RETURNS (int): the direction of :data:`~newsdigest.dates.lexicon.RELATIONS`.
    """
    words = (relation or "").lower().split()
    return RELATIONS.get(words[-1], 0) if words else 0
