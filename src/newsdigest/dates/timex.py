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
# The month each named part of a year begins in, and its length in months.
_NAMED_PARTS = {
    "Q1": (1, 3), "Q2": (4, 3), "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6), "H2": (7, 6),
    "SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3),
}  # fmt: skip
_DAY_PART_HOURS = {"MO": 6, "AF": 12, "EV": 18, "NI": 21}
_DAY_PART_LENGTH = dt.timedelta(hours=6)


@dataclass(frozen=True, slots=True)
class CalendarValue:
    """A TIMEX3 calendar value taken apart.

    grain (str): what it names: "time", "day part", "day", "week", "weekend", "month",
        "quarter", "half", "season", "year", "decade" or "century".
    day (date): the day it is written on, or the first day it names.
    start (datetime): the first moment it names.
    end (datetime): the first moment after it; a clock time has ``end == start``.
    """

    grain: str
    day: dt.date
    start: dt.datetime
    end: dt.datetime


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
        return _read(match)
    except ValueError:
        return None


def _read(match: re.Match[str]) -> CalendarValue:
    parts = match.groupdict()
    if parts["digits"] is not None:
        digits = parts["digits"]
        years = 10 ** (4 - len(digits))
        start = dt.datetime(max(int(digits) * years, 1), 1, 1)
        grain = "decade" if years == 10 else "century"
        return CalendarValue(grain, start.date(), start, start + relativedelta(years=years))
    year = int(parts["year"])
    if parts["day"] is not None:
        return _read_day(year, parts)
    if parts["month"] is not None:
        start = dt.datetime(year, int(parts["month"]), 1)
        return CalendarValue("month", start.date(), start, start + relativedelta(months=1))
    if parts["week"] is not None:
        monday = dt.date.fromisocalendar(year, int(parts["week"]), 1)
        grain, offset, days = ("weekend", 5, 2) if parts["weekend"] else ("week", 0, 7)
        start = dt.datetime.combine(monday + dt.timedelta(days=offset), dt.time())
        return CalendarValue(grain, start.date(), start, start + dt.timedelta(days=days))
    if parts["named"] is not None:
        name = parts["named"]
        month, months = _NAMED_PARTS[name]
        grain = {"Q": "quarter", "H": "half"}.get(name[0], "season")
        start = dt.datetime(year, month, 1)
        return CalendarValue(grain, start.date(), start, start + relativedelta(months=months))
    start = dt.datetime(max(year, 1), 1, 1)
    return CalendarValue("year", start.date(), start, start + relativedelta(years=1))


def _read_day(year: int, parts: dict[str, str | None]) -> CalendarValue:
    day = dt.date(year, int(parts["month"] or 0), int(parts["day"] or 0))
    hour, minute, part = parts["hour"], parts["minute"], parts["part"]
    if hour is None and part is None:
        start = dt.datetime.combine(day, dt.time())
        return CalendarValue("day", day, start, start + dt.timedelta(days=1))
    hours = int(hour) if hour is not None else _DAY_PART_HOURS[part or ""]
    start = dt.datetime.combine(day, dt.time(min(hours, 23), int(minute or 0)))
    # TIMEX3 writes midnight as T24:00 of the day it ends
    start = start + dt.timedelta(hours=1) if hours == 24 else start
    if part is not None:
        return CalendarValue("day part", day, start, start + _DAY_PART_LENGTH)
    return CalendarValue("time", day, start, start)


def named_quarter(value: str | None) -> tuple[int, int] | None:
    """The (year, quarter) of a quarter's value such as ``2013-Q3``, else None."""
    read = read_value(value)
    if read is None or read.grain != "quarter":
        return None
    return read.day.year, quarter_of(read.day)
