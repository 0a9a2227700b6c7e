"""TIMEX3 calendar values: writing them, reading them back, and the arithmetic of quarters.

A calendar value names a stretch of the calendar: ``2013-11-05`` (a day), ``2013-11-05T14:30``
(a clock time), ``2013-11-05TMO`` (a part of a day), ``2013-W45`` and ``2013-W45-WE`` (an ISO
week and its weekend), ``2013-11``, ``2013-Q3``, ``2013-H1``, ``2013-SU`` (a season),
``2013``, ``201`` (a decade), ``20`` (a century). The resolvers write them with the
functions here, and the story's running context (:func:`newsdigest.dates.find_dates`), the
timeline and the scorer read them with :func:`read_value`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

# ---- writing ----------------------------------------------------------------------------


def day_value(day: dt.date) -> str:
    """``2013-11-05``."""
    return day.isoformat()


def week_value(day: dt.date) -> str:
    """The ISO week holding the day, ``2013-W45``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    """``2013-11``."""
    return f"{year:04d}-{month:02d}"


def quarter_value(year: int, quarter: int) -> str:
    """``2013-Q3``."""
    return f"{year}-Q{quarter}"


# ---- quarter arithmetic -------------------------------------------------------------------


def quarter_of(day: dt.date) -> int:
    """The quarter (1 to 4) of the year that holds the day."""
    return (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    """The (year, quarter) ``by`` quarters after (or, negative, before) the one given."""
    index = year * 4 + quarter - 1 + by
    return index // 4, index % 4 + 1


def last_finished_quarter(day: dt.date) -> tuple[int, int]:
    """The (year, quarter) before the one that holds the day."""
    return shift_quarter(day.year, quarter_of(day), -1)


# ---- reading ----------------------------------------------------------------------------

_VALUE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:"
    r"(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:T(?:(?P<hour>\d{2})(?::(?P<minute>\d{2}))?|(?P<part>MO|AF|EV|NI)))?)?"
    r"|W(?P<week>\d{2})(?P<weekend>-WE)?"
    r"|(?P<named>Q[1-4]|H[12]|SP|SU|FA|WI)))?$"
    r"|^(?P<digits>\d{2,3})$"
)
# The month each named part of a year begins in.
_NAMED_PARTS = {
    "Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "SP": 3, "SU": 6, "FA": 9, "WI": 12,
}  # fmt: skip
_NAMED_GRAINS = {"Q": "quarter", "H": "half"}
_DAY_PART_HOURS = {"MO": 6, "AF": 12, "EV": 18, "NI": 21}
# How long what each grain names lasts; a clock time is a moment.
_LENGTHS: dict[str, dt.timedelta | relativedelta] = {
    "time": dt.timedelta(), "day part": dt.timedelta(hours=6), "day": dt.timedelta(days=1),
    "week": dt.timedelta(days=7), "weekend": dt.timedelta(days=2),
    "month": relativedelta(months=1), "quarter": relativedelta(months=3),
    "half": relativedelta(months=6), "season": relativedelta(months=3),
    "year": relativedelta(years=1), "decade": relativedelta(years=10),
    "century": relativedelta(years=100),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class CalendarValue:
    """A TIMEX3 calendar value taken apart.

    grain (str): what it names: "time", "day part", "day", "week", "weekend", "month",
        "quarter", "half", "season", "year", "decade" or "century".
    day (date): the day it is written on, or the first day it names.
    clock (tuple[int, int] | None): the hour and minute a time or part of a day begins
        at, as written (midnight is 24:00 of the day it ends).
    """

    grain: str
    day: dt.date
    clock: tuple[int, int] | None = None

    @property
    def start(self) -> dt.datetime:
        """The first moment it names (ValueError or OverflowError when there is none)."""
        if self.clock is None:
            return dt.datetime.combine(self.day, dt.time())
        hour, minute = self.clock
        start = dt.datetime.combine(self.day, dt.time(min(hour, 23), minute))
        return start + dt.timedelta(hours=1) if hour == 24 else start

    @property
    def end(self) -> dt.datetime:
        """The first moment after it; a clock time has ``end == start``."""
        return self.start + _LENGTHS[self.grain]


def read_value(value: str | None) -> CalendarValue | None:
    """The calendar value taken apart, or None when it names no stretch of the calendar.

    value (str | None): e.g. ``2013-11-05``, ``2013-W46``, ``2013-Q3``, ``199``, ``P3Y``.
    RETURNS (CalendarValue | None): None for durations, sets, ``*_REF``, unknown digits
        and impossible dates.
    """
    match = _VALUE.match(value or "")
    if match is None:
        return None
    try:
        return _read(match.groupdict())
    except ValueError:
        return None


def _read(parts: dict[str, str | None]) -> CalendarValue:
    if parts["digits"] is not None:
        digits = parts["digits"]
        years = 10 ** (4 - len(digits))
        first = dt.date(max(int(digits) * years, 1), 1, 1)
        return CalendarValue("decade" if years == 10 else "century", first)
    year = int(parts["year"] or 0)
    if parts["day"] is not None:
        day = dt.date(year, int(parts["month"] or 0), int(parts["day"]))
        if parts["hour"] is not None:
            return CalendarValue("time", day, (int(parts["hour"]), int(parts["minute"] or 0)))
        if parts["part"] is not None:
            return CalendarValue("day part", day, (_DAY_PART_HOURS[parts["part"]], 0))
        return CalendarValue("day", day)
    if parts["month"] is not None:
        return CalendarValue("month", dt.date(year, int(parts["month"]), 1))
    if parts["week"] is not None:
        monday = dt.date.fromisocalendar(year, int(parts["week"]), 1)
        if parts["weekend"]:
            return CalendarValue("weekend", monday + dt.timedelta(days=5))
        return CalendarValue("week", monday)
    if parts["named"] is not None:
        name = parts["named"]
        grain = _NAMED_GRAINS.get(name[0], "season")
        return CalendarValue(grain, dt.date(year, _NAMED_PARTS[name], 1))
    return CalendarValue("year", dt.date(max(year, 1), 1, 1))


def named_quarter(value: str | None) -> tuple[int, int] | None:
    """The (year, quarter) of a quarter's value such as ``2013-Q3``, else None."""
    read = read_value(value)
    if read is None or read.grain != "quarter":
        return None
    return read.day.year, quarter_of(read.day)
