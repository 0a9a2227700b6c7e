"""Resolvers of lengths of time and of recurring times: "three years", "daily", "twice a year"."""

from __future__ import annotations

from newsdigest.dates.lexicon import SETS, UNITS, WEEKDAYS, unit_of
from newsdigest.dates.reference import Groups, Reference, Resolved, amount


def duration_value(count: float | None, unit: str) -> str:
    """The TIMEX3 value of a length: ``P3Y``, ``PT5H30M``, ``PXD`` when the count is vague."""
    letter, is_time = UNITS[unit]
    if unit == "weekend":
        letter = "WE"
    prefix = "PT" if is_time else "P"
    if count is None:
        return f"{prefix}X{letter}"
    if unit == "fortnight":
        count *= 2
    if count != int(count):
        return _mixed_duration(count, unit) or f"{prefix}{count:g}{letter}"
    return f"{prefix}{int(count)}{letter}"


# A fraction of one unit written in the next smaller one: half a year is P6M.
_SMALLER = {"year": ("M", 12, ""), "day": ("H", 24, "T"), "hour": ("M", 60, "")}


def _mixed_duration(count: float, unit: str) -> str | None:
    """``P2Y6M``, ``P1DT12H``, ``PT5H30M`` for 2.5 years, 1.5 days, 5.5 hours."""
    if unit not in _SMALLER:
        return None
    letter, per, separator = _SMALLER[unit]
    whole, rest = int(count), round((count - int(count)) * per)
    big, is_time = UNITS[unit]
    head = f"{whole}{big}" if whole else ""
    if is_time:
        return f"PT{head}{rest}{letter}"
    return f"P{head}{separator}{rest}{letter}" if head or not separator else f"PT{rest}{letter}"


def duration(groups: Groups, ref: Reference) -> Resolved:
    """A length: "three years", "about 5 1/2 hours", "a two-week", "several months"."""
    return "DURATION", duration_value(amount(groups["amount"]), unit_of(groups["unit"]))


def some_units(groups: Groups, ref: Reference) -> Resolved:
    """A vague length, ``PXY``: "for years", "in recent years", "in coming weeks"."""
    # TimeBank reads "in recent years" as a vague duration more often than as PAST_REF.
    return "DURATION", duration_value(None, unit_of(groups["unit"]))


def per_unit(groups: Groups, ref: Reference) -> Resolved:
    """Once every unit: "1,200 passengers a day", "twice a year"."""
    unit = unit_of(groups["unit"])
    return "SET", duration_value(1, "day" if unit == "night" else unit)


# What "every ..." and "each ..." recur on.
EVERY: dict[str, str] = {
    "day": "P1D", "week": "P1W", "month": "P1M", "quarter": "P1Q", "year": "P1Y",
    "morning": "XXXX-XX-XXTMO", "night": "XXXX-XX-XXTNI", "evening": "XXXX-XX-XXTEV",
    "weekend": "XXXX-WXX-WE",
    "spring": "XXXX-SP", "summer": "XXXX-SU", "fall": "XXXX-FA", "autumn": "XXXX-FA",
    "winter": "XXXX-WI",
}  # fmt: skip


def recurring(groups: Groups, ref: Reference) -> Resolved:
    """A recurring time: "daily", "every other week", "each quarter", "every Tuesday"."""
    if "adverb" in groups:
        return "SET", SETS[groups["adverb"].lower()]
    if "units" in groups:
        other = groups["amount"].lower() == "other"
        count = 2 if other else amount(groups["amount"])
        return "SET", duration_value(count, unit_of(groups["units"]))
    weekday = groups.get("weekday") or groups.get("weekdays")
    if weekday:
        return "SET", f"XXXX-WXX-{WEEKDAYS[weekday.lower()]}"
    return "SET", EVERY[groups["unit"].lower()]
