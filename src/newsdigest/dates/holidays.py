"""Holidays: each listed once, as it is written and with the day it falls on in a year.

The holiday rule's pattern and its anchor words are made from :data:`HOLIDAYS`, so a
holiday added here is both found and resolved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from newsdigest.dates.reference import Groups, Reference, Resolved
from newsdigest.dates.timex import day_value


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (or with n = -1 the last) given ISO weekday of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, 1) + relativedelta(months=1, days=-1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def _fixed(month: int, day: int) -> Callable[[int], dt.date]:
    return lambda year: dt.date(year, month, day)


def _nth(month: int, weekday: int, n: int) -> Callable[[int], dt.date]:
    return lambda year: nth_weekday(year, month, weekday, n)


# Each holiday as it is written (matched with this capitalisation), and its day in a year.
HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "Christmas": _fixed(12, 25),
    "Christmas Day": _fixed(12, 25),
    "Christmas Eve": _fixed(12, 24),
    "New Year's": _fixed(1, 1),
    "New Year's Day": _fixed(1, 1),
    "New Year's Eve": _fixed(12, 31),
    "Halloween": _fixed(10, 31),
    "Independence Day": _fixed(7, 4),
    "the Fourth of July": _fixed(7, 4),
    "July Fourth": _fixed(7, 4),
    "Valentine's Day": _fixed(2, 14),
    "Boxing Day": _fixed(12, 26),
    "Veterans Day": _fixed(11, 11),
    "Thanksgiving": _nth(11, 4, 4),
    "Thanksgiving Day": _nth(11, 4, 4),
    "Labor Day": _nth(9, 1, 1),
    "Memorial Day": _nth(5, 1, -1),
    "Easter": easter,
    "Easter Sunday": easter,
}
_BY_WORDS = {name.lower(): when for name, when in HOLIDAYS.items()}
# The holidays of one word; every other name holds "Day", "Year" or a month, which the
# rules' other anchor words find.
ANCHOR_WORDS = tuple(name.lower() for name in HOLIDAYS if " " not in name)


def holiday(groups: Groups, ref: Reference) -> Resolved:
    """A holiday ("Christmas", "Labor Day 2012"): the nearest, or as the tense says."""
    when = _BY_WORDS[" ".join(groups["holiday"].lower().split())]
    if "year" in groups:
        return "DATE", day_value(when(int(groups["year"])))
    if ref.date is None:
        return "DATE", None
    today = ref.date
    options = [when(today.year - 1), when(today.year), when(today.year + 1)]
    if ref.tense == "past":
        return "DATE", day_value(max(d for d in options if d <= today))
    if ref.tense == "future":
        return "DATE", day_value(min(d for d in options if d >= today))
    return "DATE", day_value(min(options, key=lambda d: abs((d - today).days)))
