"""Resolvers of expressions counted from a reference: "next week", "three years ago",
"the following day", "year-end", and the vague "now", "recently", "the future"."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from newsdigest.dates.lexicon import DAY_PARTS, UNITS, unit_of
from newsdigest.dates.reference import Groups, Reference, Resolved, amount, offset_direction
from newsdigest.dates.timex import (
    day_value,
    month_value,
    quarter_of,
    quarter_value,
    shift_quarter,
    week_value,
)


def unit_relative(groups: Groups, ref: Reference) -> Resolved:
    """A unit from now: "last week", "this month", "the past decade", "the weekend"."""
    unit = groups["unit"].lower()
    relation = groups["rel"].lower()
    if unit in {"decade", "century"}:
        if offset_direction(relation):
            return "DURATION", f"P1{UNITS[unit][0]}"
        if ref.date is None:
            return "DATE", None
        return "DATE", str(ref.date.year // (10 if unit == "decade" else 100))
    if "ended" in groups and relation == "the":
        return "DURATION", f"P1{UNITS[unit][0]}"
    if ref.date is None:
        return "DATE", None
    direction = offset_direction(relation)
    if relation == "past" or (relation == "the" and unit == "weekend"):
        direction = -1 if ref.tense != "future" else 1
        if relation == "the" and unit == "weekend" and ref.date.isoweekday() >= 6:
            direction = 0
    if unit == "week":
        return "DATE", week_value(ref.date + dt.timedelta(weeks=direction))
    if unit == "weekend":
        return "DATE", week_value(ref.date + dt.timedelta(weeks=direction)) + "-WE"
    if unit == "month":
        day = ref.date + relativedelta(months=direction)
        return "DATE", month_value(day.year, day.month)
    return "DATE", str(ref.date.year + direction)


_GRAIN_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
# Words that count a unit from the last date the story named, and how many units on.
NARRATIVE_STEPS: dict[str, int] = {
    "the following": 1, "the next": 1, "the previous": -1, "the preceding": -1, "the prior": -1,
    "the same": 0, "that same": 0, "that": 0,
}  # fmt: skip


def narrative(groups: Groups, ref: Reference) -> Resolved:
    """A unit from the last date the story named: "the next day", "that year"."""
    unit = groups["unit"].lower()
    part = DAY_PARTS.get(unit)
    grain = "day" if part else unit
    base = ref.date
    if ref.anchor is not None and _GRAIN_ORDER[ref.anchor[1]] <= _GRAIN_ORDER[grain]:
        base = ref.anchor[0]
    if base is None:
        return ("TIME" if part else "DATE"), None
    step = NARRATIVE_STEPS[" ".join(groups["rel"].lower().split())]
    if grain == "day":
        day = base + dt.timedelta(days=step)
        return ("TIME", f"{day_value(day)}T{part}") if part else ("DATE", day_value(day))
    if grain == "week":
        return "DATE", week_value(base + dt.timedelta(weeks=step))
    if grain == "month":
        day = base + relativedelta(months=step)
        return "DATE", month_value(day.year, day.month)
    return "DATE", str(base.year + step)


def unit_end(groups: Groups, ref: Reference) -> Resolved:
    """The period holding the reference date, by its end: "year-end", "the month's end"."""
    if ref.date is None:
        return "DATE", None
    unit = groups["unit"].lower()
    if unit == "year":
        return "DATE", str(ref.date.year)
    if unit == "quarter":
        return "DATE", quarter_value(ref.date.year, quarter_of(ref.date))
    if unit == "week":
        return "DATE", week_value(ref.date)
    return "DATE", month_value(ref.date.year, ref.date.month)


def _shifted(unit: str, count: float, ref: Reference, sign: int) -> str | None:
    """The value ``count`` units before (-1) or after (+1) the reference, at the unit's grain."""
    assert ref.date is not None
    if count != int(count):
        return None
    n = int(count) * sign
    if unit in {"year", "decade", "century"}:
        years = n * {"year": 1, "decade": 10, "century": 100}[unit]
        return str(ref.date.year + years)
    if unit == "quarter":
        return quarter_value(*shift_quarter(ref.date.year, quarter_of(ref.date), n))
    if unit == "month":
        day = ref.date + relativedelta(months=n)
        return month_value(day.year, day.month)
    if unit in {"week", "weekend", "fortnight"}:
        return week_value(ref.date + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "day":
        return day_value(ref.date + dt.timedelta(days=n))
    return day_value(ref.date)


def ago(groups: Groups, ref: Reference) -> Resolved:
    """Units before or after now: "three years ago", "a month from now", "a day after"."""
    unit = unit_of(groups["unit"])
    direction = (groups.get("dir") or groups["dir2"]).lower()
    sign = 1 if direction in {"later", "hence", "after"} or "now" in direction else -1
    count = amount(groups["amount"])
    if count is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if ref.date is None:
        return "DATE", None
    if ref.quarter and unit == "year" and sign < 0 and count == 1:
        year, number = ref.quarter
        return "DATE", quarter_value(year - int(count), number)
    return "DATE", _shifted(unit, count, ref, sign)


def year_ago(groups: Groups, ref: Reference) -> Resolved:
    """A year (or the reported quarter a year) before: "year-ago", "year-earlier"."""
    if ref.date is None:
        return "DATE", None
    unit = groups["unit"].lower()
    if ref.quarter or unit != "year":
        return ago({"amount": "a", "unit": unit, "dir": "ago"}, ref)
    return "DATE", str(ref.date.year - 1)


def vague_time(groups: Groups, ref: Reference) -> Resolved:
    """Now, the past or the future: "currently", "recently", "the future"."""
    if "present" in groups:
        return "DATE", "PRESENT_REF"
    if "past" in groups:
        return "DATE", "PAST_REF"
    return "DATE", "FUTURE_REF"
