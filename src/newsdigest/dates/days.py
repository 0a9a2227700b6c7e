"""Resolvers of days and times of day: "Nov. 5", "Tuesday night", "yesterday", "10:30 a.m."."""

from __future__ import annotations

import datetime as dt

from newsdigest.dates.lexicon import DAY_OFFSETS, DAY_PARTS, WEEKDAYS
from newsdigest.dates.reference import (
    Groups,
    Reference,
    Resolved,
    Tense,
    choose_year,
    month_number,
    offset_direction,
)
from newsdigest.dates.timex import day_value, week_value


def weekday_near(weekday: int, reference: dt.date, direction: int) -> dt.date:
    """The nearest day with this ISO weekday strictly before (-1) or after (+1) the reference."""
    if direction > 0:
        return reference + dt.timedelta(days=(weekday - reference.isoweekday()) % 7 or 7)
    return reference - dt.timedelta(days=(reference.isoweekday() - weekday) % 7 or 7)


def _weekday_date(weekday: int, relation: str | None, reference: dt.date, tense: Tense) -> dt.date:
    direction = offset_direction(relation)
    if direction:
        return weekday_near(weekday, reference, direction)
    if weekday == reference.isoweekday():
        return reference
    return weekday_near(weekday, reference, +1 if tense == "future" else -1)


def _written_day(groups: Groups, ref: Reference) -> dt.date | None:
    """The day a date with a month and a day names, its year chosen when not given."""
    month = int(groups["month"]) if groups["month"].isdigit() else month_number(groups["month"])
    day = int(groups["day"])
    if "year" in groups:
        year = int(groups["year"])
        if year < 100:
            year += 2000 if year < 50 else 1900
    elif ref.date is not None:
        year = choose_year(month, day, ref)
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def full_date(groups: Groups, ref: Reference) -> Resolved:
    """A day written with its month: "2013-11-05", "11/5/13", "Tuesday, Nov. 5"."""
    day = _written_day(groups, ref)
    return "DATE", day_value(day) if day else None


def week_of(groups: Groups, ref: Reference) -> Resolved:
    """The ISO week of "the week of March 6"."""
    day = _written_day(groups, ref)
    return "DATE", week_value(day) if day else None


def weekday(groups: Groups, ref: Reference) -> Resolved:
    """A weekday: "Tuesday", "last Friday", "Monday morning"."""
    if ref.date is None:
        return "DATE", None
    day = _weekday_date(WEEKDAYS[groups["weekday"].lower()], groups.get("rel"), ref.date, ref.tense)
    part = groups.get("part")
    suffix = f"T{DAY_PARTS[part.lower()]}" if part else ""
    return "DATE", day_value(day) + suffix


def day_relative(groups: Groups, ref: Reference) -> Resolved:
    """A day named from today: "yesterday afternoon", "tonight", "the day after tomorrow"."""
    if ref.date is None:
        return "DATE", None
    word = " ".join(groups["day"].lower().split())
    day = ref.date + dt.timedelta(days=DAY_OFFSETS[word])
    part = groups.get("part")
    if part:
        return "TIME", f"{day_value(day)}T{DAY_PARTS[part.lower()]}"
    if word == "tonight":
        return "TIME", f"{day_value(day)}TNI"
    return "DATE", day_value(day)


def day_part(groups: Groups, ref: Reference) -> Resolved:
    """A part of a day: "this morning", "last night"."""
    if ref.date is None:
        return "TIME", None
    relation = groups["rel"].lower()
    part = groups["part"].lower()
    offset = 0 if relation == "this" else DAY_OFFSETS.get(relation, -1)
    day = ref.date + dt.timedelta(days=offset)
    return "TIME", f"{day_value(day)}T{DAY_PARTS[part]}"


def _anchor_day(word: str | None, ref: Reference) -> dt.date | None:
    if ref.date is None:
        return None
    if word is None:
        return ref.date
    lower = word.lower()
    if lower in WEEKDAYS:
        return _weekday_date(WEEKDAYS[lower], None, ref.date, ref.tense)
    return ref.date + dt.timedelta(days=DAY_OFFSETS.get(lower, 0))


def clock_time(groups: Groups, ref: Reference) -> Resolved:
    """A clock time: "10:30 a.m. Friday", "just past noon", "4 in the morning"."""
    if "month" in groups:
        day = _written_day(groups, ref)
    else:
        day = _anchor_day(groups.get("before") or groups.get("after"), ref)
    if day is None:
        return "TIME", None
    if "noon" in groups:
        # TIMEX3 writes midnight as the end of its day, T24:00
        hour, minute = (24, 0) if "midnight" in groups["noon"].lower() else (12, 0)
    elif "oclock" in groups:
        hour, minute = int(groups["oclock"]), 0
    elif "inhour" in groups:
        hour, minute = int(groups["inhour"]), int(groups.get("inminute", "0"))
        if groups["inpart"].lower() != "morning":
            hour = hour % 12 + 12
    elif "hour24" in groups:
        hour, minute = int(groups["hour24"]), int(groups["minute24"])
    else:
        hour, minute = int(groups["hour"]), int(groups.get("minute", "0"))
        pm = groups["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    if hour > 24:
        return "TIME", None
    return "TIME", f"{day_value(day)}T{hour:02d}:{minute:02d}"
