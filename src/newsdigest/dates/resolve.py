"""TIMEX3 normalisation: a found expression and a reference date become a type and a value.

Values follow TempEval-3: ``2013-11-05``, ``2013-11``, ``2013``, ``2013-W44``,
``2013-Q3``, ``2013-H1``, ``2013-SU``, ``199`` (a decade), ``19`` (a century),
``2013-11-06T12:00``, ``2013-11-06TMO``, ``P3Y``, ``PXD``, ``PRESENT_REF``,
``PAST_REF``, ``FUTURE_REF``, and ``XXXX-WXX-3`` for sets. An expression that
needs the reference date resolves to ``None`` when there is none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from newsdigest.dates.lexicon import (
    DAY_PARTS,
    MONTHS,
    ORDINALS,
    SEASONS,
    SETS,
    UNITS,
    WEEKDAYS,
    number_value,
    unit_of,
)
from newsdigest.dates.recognise import Candidate

Tense = Literal["past", "future"] | None
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


def resolve_timex(candidate: Candidate, reference: Reference) -> Resolved:
    """The TIMEX3 type and value of a found expression.

    candidate (Candidate): the expression and the rule that found it.
    reference (Reference): the publication date and the clause's tense.
    RETURNS (tuple[str, str | None]): the type (DATE, TIME, DURATION, SET) and the value.
    """
    return _RESOLVERS[candidate.rule](candidate.groups, reference)


# ---- calendar arithmetic ----------------------------------------------------------------


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


def _quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + by
    return index // 4, index % 4 + 1


def _weekday_near(weekday: int, reference: dt.date, direction: int) -> dt.date:
    """The nearest day with this ISO weekday strictly before (-1) or after (+1) the reference."""
    if direction > 0:
        return reference + dt.timedelta(days=(weekday - reference.isoweekday()) % 7 or 7)
    return reference - dt.timedelta(days=(reference.isoweekday() - weekday) % 7 or 7)


# Days added to the distance of a reading that goes against the clause's tense: a month
# named in a past-tense clause is most likely behind the story, but not if it is close.
TENSE_PENALTY_DAYS = 120


def _choose_year(
    month: int, day: int | None, reference: dt.date, tense: Tense | Literal["since"]
) -> int:
    """The year of a month (and day) given without one: the nearest, weighed by tense.

    After "since" (``tense="since"``) only readings up to the reference date count.
    """

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


def _weekday_date(weekday: int, relation: str | None, reference: dt.date, tense: Tense) -> dt.date:
    relation = (relation or "").lower()
    if relation in {"last", "past", "previous"}:
        return _weekday_near(weekday, reference, -1)
    if relation in {"next", "coming", "following"}:
        return _weekday_near(weekday, reference, +1)
    if weekday == reference.isoweekday():
        return reference
    return _weekday_near(weekday, reference, +1 if tense == "future" else -1)


def _amount(words: str | None) -> float | None:
    return None if words is None else number_value(words)


def _offset_direction(relation: str) -> int:
    relation = relation.lower().split()[-1]
    if relation in {"last", "past", "previous"}:
        return -1
    if relation in {"next", "coming", "following"}:
        return 1
    return 0


# ---- one resolver per rule ---------------------------------------------------------------

Groups = dict[str, str]


def _month_number(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _full_date(groups: Groups, ref: Reference) -> Resolved:
    month = int(groups["month"]) if groups["month"].isdigit() else _month_number(groups["month"])
    day = int(groups["day"])
    if "year" in groups:
        year = int(groups["year"])
        if year < 100:
            year += 2000 if year < 50 else 1900
    elif ref.date is not None:
        year = _choose_year(month, day, ref.date, "since" if ref.since else ref.tense)
    else:
        return "DATE", None
    try:
        return "DATE", day_value(dt.date(year, month, day))
    except ValueError:
        return "DATE", None


def _week_of(groups: Groups, ref: Reference) -> Resolved:
    _, day = _full_date(groups, ref)
    return "DATE", week_value(dt.date.fromisoformat(day)) if day else None


def _month_year(groups: Groups, ref: Reference) -> Resolved:
    return "DATE", month_value(int(groups["year"]), _month_number(groups["month"]))


def _month_relative(groups: Groups, ref: Reference) -> Resolved:
    if ref.date is None:
        return "DATE", None
    month = _month_number(groups["month"])
    year = ref.date.year
    if "rel_after" in groups:
        year += _offset_direction(groups["rel_after"])
    elif "rel" in groups:
        direction = _offset_direction(groups["rel"])
        if direction < 0:
            year -= 1 if month >= ref.date.month else 0
        elif direction > 0:
            year += 1 if month <= ref.date.month else 0
    else:
        year = _choose_year(month, None, ref.date, "since" if ref.since else ref.tense)
    return "DATE", month_value(year, month)


def _weekday(groups: Groups, ref: Reference) -> Resolved:
    if ref.date is None:
        return "DATE", None
    day = _weekday_date(WEEKDAYS[groups["weekday"].lower()], groups.get("rel"), ref.date, ref.tense)
    part = groups.get("part")
    suffix = f"T{DAY_PARTS[part.lower()]}" if part else ""
    return "DATE", day_value(day) + suffix


_DAY_OFFSETS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip


def _day_relative(groups: Groups, ref: Reference) -> Resolved:
    if ref.date is None:
        return "DATE", None
    word = " ".join(groups["day"].lower().split())
    day = ref.date + dt.timedelta(days=_DAY_OFFSETS[word])
    part = groups.get("part")
    if part:
        return "TIME", f"{day_value(day)}T{DAY_PARTS[part.lower()]}"
    if word == "tonight":
        return "TIME", f"{day_value(day)}TNI"
    return "DATE", day_value(day)


def _day_part(groups: Groups, ref: Reference) -> Resolved:
    if ref.date is None:
        return "TIME", None
    relation = groups["rel"].lower()
    part = groups["part"].lower()
    offset = {"this": 0, "tomorrow": 1, "yesterday": -1}.get(relation, -1)
    if relation == "last" and part != "night":
        offset = -1
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
    return ref.date + dt.timedelta(days=_DAY_OFFSETS.get(lower, 0))


def _time(groups: Groups, ref: Reference) -> Resolved:
    if "month" in groups:
        _, date = _full_date(groups, ref)
        day = dt.date.fromisoformat(date) if date else None
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


def _unit_relative(groups: Groups, ref: Reference) -> Resolved:
    unit = groups["unit"].lower()
    relation = groups["rel"].lower()
    if unit in {"decade", "century"}:
        if relation in {"last", "past", "previous", "next", "coming", "following"}:
            return "DURATION", f"P1{UNITS[unit][0]}"
        if ref.date is None:
            return "DATE", None
        return "DATE", str(ref.date.year // (10 if unit == "decade" else 100))
    if "ended" in groups and relation == "the":
        return "DURATION", f"P1{UNITS[unit][0]}"
    if ref.date is None:
        return "DATE", None
    direction = _offset_direction(relation)
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


def _narrative(groups: Groups, ref: Reference) -> Resolved:
    unit = groups["unit"].lower()
    part = DAY_PARTS.get(unit)
    grain = "day" if part else unit
    base = ref.date
    if ref.anchor is not None and _GRAIN_ORDER[ref.anchor[1]] <= _GRAIN_ORDER[grain]:
        base = ref.anchor[0]
    if base is None:
        return ("TIME" if part else "DATE"), None
    relation = groups["rel"].lower().split()[-1]
    step = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}.get(
        relation, 0
    )
    if grain == "day":
        day = base + dt.timedelta(days=step)
        return ("TIME", f"{day_value(day)}T{part}") if part else ("DATE", day_value(day))
    if grain == "week":
        return "DATE", week_value(base + dt.timedelta(weeks=step))
    if grain == "month":
        day = base + relativedelta(months=step)
        return "DATE", month_value(day.year, day.month)
    return "DATE", str(base.year + step)


def _unit_end(groups: Groups, ref: Reference) -> Resolved:
    if ref.date is None:
        return "DATE", None
    unit = groups["unit"].lower()
    if unit == "year":
        return "DATE", str(ref.date.year)
    if unit == "quarter":
        return "DATE", f"{ref.date.year}-Q{_quarter_of(ref.date)}"
    if unit == "week":
        return "DATE", week_value(ref.date)
    return "DATE", month_value(ref.date.year, ref.date.month)


def _shifted(unit: str, amount: float, ref: Reference, sign: int) -> str | None:
    """The value ``amount`` units before (-1) or after (+1) the reference, at the unit's grain."""
    assert ref.date is not None
    if amount != int(amount):
        return None
    n = int(amount) * sign
    if unit in {"year", "decade", "century"}:
        years = n * {"year": 1, "decade": 10, "century": 100}[unit]
        return str(ref.date.year + years)
    if unit == "quarter":
        year, quarter = _shift_quarter(ref.date.year, _quarter_of(ref.date), n)
        return f"{year}-Q{quarter}"
    if unit == "month":
        day = ref.date + relativedelta(months=n)
        return month_value(day.year, day.month)
    if unit in {"week", "weekend", "fortnight"}:
        return week_value(ref.date + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "day":
        return day_value(ref.date + dt.timedelta(days=n))
    return day_value(ref.date)


def _ago(groups: Groups, ref: Reference) -> Resolved:
    unit = unit_of(groups["unit"])
    direction = (groups.get("dir") or groups["dir2"]).lower()
    sign = 1 if direction in {"later", "hence", "after"} or "now" in direction else -1
    amount = _amount(groups["amount"])
    if amount is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if ref.date is None:
        return "DATE", None
    if ref.quarter and unit == "year" and sign < 0 and amount == 1:
        year, quarter = ref.quarter
        return "DATE", f"{year - int(amount)}-Q{quarter}"
    return "DATE", _shifted(unit, amount, ref, sign)


def _year_ago(groups: Groups, ref: Reference) -> Resolved:
    if ref.date is None:
        return "DATE", None
    unit = groups["unit"].lower()
    if ref.quarter or unit != "year":
        return _ago({"amount": "a", "unit": unit, "dir": "ago"}, ref)
    return "DATE", str(ref.date.year - 1)


_LAST_QUARTER_WORDS = frozenset(
    {"latest", "last", "previous", "recent", "just-ended", "just-completed", "most recent"}
)
_YEAR_AGO_WORDS = frozenset({"year-ago", "year-earlier", "comparable"})


def _quarter(groups: Groups, ref: Reference) -> Resolved:
    year: int | None = None
    if "year" in groups:
        year = int(groups["year"])
    elif "yearpos" in groups:
        year = int(groups["yearpos"])
    elif ref.date is not None:
        year = ref.date.year + _offset_direction(groups.get("thisyear", "this"))
    if year is None or (ref.date is None and "ord" not in groups):
        return "DATE", None
    if groups["unit"].lower() == "half":
        return _half(groups, ref, year)
    modifier = groups.get("mod", "").lower()
    if "ord" in groups:
        quarter = ORDINALS[groups["ord"].lower()]
        explicit = {"year", "yearpos", "thisyear"} & groups.keys()
        later = ref.date is not None and quarter > _quarter_of(ref.date)
        if later and not explicit and ref.tense != "future":
            year -= 1
        if modifier in _YEAR_AGO_WORDS:
            year -= 1
        return "DATE", f"{year}-Q{quarter}"
    assert ref.date is not None
    current = (ref.date.year, _quarter_of(ref.date))
    last = ref.quarter or _shift_quarter(current[0], current[1], -1)
    if "year" in groups or "yearpos" in groups:
        return "DATE", f"{year}-Q{last[1]}"
    if "thisyear" in groups:
        return "DATE", f"{year}-Q{last[1]}"
    if modifier == "this" and ref.quarter is not None:
        chosen = ref.quarter
    elif modifier in {"this", "next"}:
        chosen = _shift_quarter(current[0], current[1], _offset_direction(modifier))
    else:
        chosen = current if modifier == "current" else last
    if modifier in _YEAR_AGO_WORDS:
        chosen = (chosen[0] - 1, chosen[1])
    return "DATE", f"{chosen[0]}-Q{chosen[1]}"


def _half(groups: Groups, ref: Reference, year: int) -> Resolved:
    half = ORDINALS.get(groups.get("ord", "").lower(), 0)
    if not half:
        return "DATE", None
    if ref.date is not None and not ({"year", "yearpos", "thisyear"} & groups.keys()):
        current = 1 if ref.date.month <= 6 else 2
        if half > current and ref.tense != "future":
            year -= 1
    return "DATE", f"{year}-H{half}"


def _year_period(groups: Groups, ref: Reference) -> Resolved:
    return "DATE", groups["year"]


def _decade(groups: Groups, ref: Reference) -> Resolved:
    if "decade" in groups:
        return "DATE", groups["decade"][:3]
    if "short" in groups:
        return "DATE", "19" + groups["short"][0]
    words = groups["words"].lower()
    digit = ["tw", "th", "fo", "fi", "si", "se", "ei", "ni"].index(words[:2]) + 2
    return "DATE", f"19{digit}"


_ORDINAL_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def _century(groups: Groups, ref: Reference) -> Resolved:
    word = groups["ord"].lower()
    number = _ORDINAL_WORDS.get(word) or int(re.sub(r"\D", "", word))
    return "DATE", f"{number - 1:02d}"


_SEASON_ORDER = ("SP", "SU", "FA", "WI")


def _season_now(day: dt.date) -> tuple[int, int]:
    """(year, index in _SEASON_ORDER) of the season holding the day; January is last winter."""
    if day.month <= 2:
        return day.year - 1, 3
    return day.year, min((day.month - 3) // 3, 3)


def _season(groups: Groups, ref: Reference) -> Resolved:
    season = SEASONS[groups["season"].lower()]
    if "year" in groups:
        return "DATE", f"{groups['year']}-{season}"
    if ref.date is None:
        return "DATE", None
    year, now = _season_now(ref.date)
    wanted = _SEASON_ORDER.index(season)
    relation = groups.get("rel", "").lower()
    direction = _offset_direction(relation) if relation else 0
    if relation in {"", "the", "early", "late", "mid"} and wanted != now:
        direction = 1 if ref.tense == "future" else (-1 if ref.tense == "past" else 0)
    if direction < 0:
        year = year if wanted < now else year - 1
    elif direction > 0:
        year = year if wanted > now else year + 1
    return "DATE", f"{year}-{season}"


_SPOKEN_TENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "hundred": 0,
}  # fmt: skip


def _spoken_year(groups: Groups, ref: Reference) -> Resolved:
    if "thousand" in groups:
        return "DATE", "2000"
    century = 19 if groups["century"].lower() == "nineteen" else 20
    rest = " ".join(groups["rest"].lower().replace("-", " ").split())
    number = _SPOKEN_TENS.get(rest)
    if number is None:
        number = int(number_value(rest) or 0)
    return "DATE", f"{century}{number:02d}"


def _year(groups: Groups, ref: Reference) -> Resolved:
    return "DATE", groups["year"]


def _duration_value(amount: float | None, unit: str) -> str:
    letter, is_time = UNITS[unit]
    if unit == "weekend":
        letter = "WE"
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    if unit == "fortnight":
        amount *= 2
    if amount != int(amount):
        return _mixed_duration(amount, unit) or f"{prefix}{amount:g}{letter}"
    return f"{prefix}{int(amount)}{letter}"


# A fraction of one unit written in the next smaller one: half a year is P6M.
_SMALLER = {"year": ("M", 12, ""), "day": ("H", 24, "T"), "hour": ("M", 60, "")}


def _mixed_duration(amount: float, unit: str) -> str | None:
    """``P2Y6M``, ``P1DT12H``, ``PT5H30M`` for 2.5 years, 1.5 days, 5.5 hours."""
    if unit not in _SMALLER:
        return None
    letter, per, separator = _SMALLER[unit]
    whole, rest = int(amount), round((amount - int(amount)) * per)
    big, is_time = UNITS[unit]
    head = f"{whole}{big}" if whole else ""
    if is_time:
        return f"PT{head}{rest}{letter}"
    return f"P{head}{separator}{rest}{letter}" if head or not separator else f"PT{rest}{letter}"


def _duration(groups: Groups, ref: Reference) -> Resolved:
    unit = unit_of(groups["unit"])
    return "DURATION", _duration_value(_amount(groups["amount"]), unit)


def _plural_units(groups: Groups, ref: Reference) -> Resolved:
    return "DURATION", _duration_value(None, unit_of(groups["unit"]))


def _recent_units(groups: Groups, ref: Reference) -> Resolved:
    # TimeBank reads "in recent years" as a vague duration more often than as PAST_REF.
    return "DURATION", _duration_value(None, unit_of(groups["unit"]))


def _per(groups: Groups, ref: Reference) -> Resolved:
    unit = unit_of(groups["unit"])
    return "SET", _duration_value(1, "day" if unit == "night" else unit)


def _reference(groups: Groups, ref: Reference) -> Resolved:
    if "present" in groups:
        return "DATE", "PRESENT_REF"
    if "past" in groups:
        return "DATE", "PAST_REF"
    return "DATE", "FUTURE_REF"


_EVERY = {
    "day": "P1D", "week": "P1W", "month": "P1M", "quarter": "P1Q", "year": "P1Y",
    "morning": "XXXX-XX-XXTMO", "night": "XXXX-XX-XXTNI", "evening": "XXXX-XX-XXTEV",
    "weekend": "XXXX-WXX-WE",
    "spring": "XXXX-SP", "summer": "XXXX-SU", "fall": "XXXX-FA", "autumn": "XXXX-FA",
    "winter": "XXXX-WI",
}  # fmt: skip


def _set(groups: Groups, ref: Reference) -> Resolved:
    if "adverb" in groups:
        return "SET", SETS[groups["adverb"].lower()]
    if "units" in groups:
        other = groups["amount"].lower() == "other"
        amount = 2 if other else _amount(groups["amount"])
        return "SET", _duration_value(amount, unit_of(groups["units"]))
    weekday = groups.get("weekday") or groups.get("weekdays")
    if weekday:
        return "SET", f"XXXX-WXX-{WEEKDAYS[weekday.lower()]}"
    return "SET", _EVERY[groups["unit"].lower()]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (or with n = -1 the last) given ISO weekday of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, 1) + relativedelta(months=1, days=-1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's": lambda y: dt.date(y, 1, 1),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "halloween": lambda y: dt.date(y, 10, 31),
    "independence day": lambda y: dt.date(y, 7, 4),
    "the fourth of july": lambda y: dt.date(y, 7, 4),
    "july fourth": lambda y: dt.date(y, 7, 4),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "boxing day": lambda y: dt.date(y, 12, 26),
    "veterans day": lambda y: dt.date(y, 11, 11),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 4, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 1, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 1, -1),
    "easter": easter,
    "easter sunday": easter,
}


def _holiday(groups: Groups, ref: Reference) -> Resolved:
    when = _HOLIDAYS[" ".join(groups["holiday"].lower().split())]
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


_RESOLVERS: dict[str, Callable[[Groups, Reference], Resolved]] = {
    "date_iso": _full_date,
    "date_slash": _full_date,
    "date_mdy": _full_date,
    "date_dmy": _full_date,
    "week_of": _week_of,
    "time": _time,
    "month_year": _month_year,
    "month_rel": _month_relative,
    "weekday": _weekday,
    "day_rel": _day_relative,
    "day_part": _day_part,
    "unit_rel": _unit_relative,
    "year_end": _unit_end,
    "narrative": _narrative,
    "ago": _ago,
    "year_ago": _year_ago,
    "quarter": _quarter,
    "year_period": _year_period,
    "decade": _decade,
    "century": _century,
    "season": _season,
    "year": _year,
    "spoken_year": _spoken_year,
    "per": _per,
    "times_per": _per,
    "duration": _duration,
    "plural_units": _plural_units,
    "recent_units": _recent_units,
    "reference": _reference,
    "set": _set,
    "holiday": _holiday,
}
