"""Resolvers of named periods: months, quarters, halves, seasons, years, decades, centuries."""

from __future__ import annotations

import datetime as dt
import re

from newsdigest.dates.lexicon import CENTURY_ORDINALS, DECADES, ORDINALS, SEASONS, number_value
from newsdigest.dates.reference import (
    Groups,
    Reference,
    Resolved,
    choose_year,
    month_number,
    offset_direction,
)
from newsdigest.dates.timex import (
    last_finished_quarter,
    month_value,
    quarter_of,
    quarter_value,
    shift_quarter,
)


def month_year(groups: Groups, ref: Reference) -> Resolved:
    """A month with its year: "October 2014", "early March of 2012"."""
    return "DATE", month_value(int(groups["year"]), month_number(groups["month"]))


def month_relative(groups: Groups, ref: Reference) -> Resolved:
    """A month whose year the reference gives: "in May", "last March", "June next year"."""
    if ref.date is None:
        return "DATE", None
    month = month_number(groups["month"])
    year = ref.date.year
    if "rel_after" in groups:
        year += offset_direction(groups["rel_after"])
    elif "rel" in groups:
        direction = offset_direction(groups["rel"])
        if direction < 0:
            year -= 1 if month >= ref.date.month else 0
        elif direction > 0:
            year += 1 if month <= ref.date.month else 0
    else:
        year = choose_year(month, None, ref)
    return "DATE", month_value(year, month)


_YEAR_AGO_WORDS = frozenset({"year-ago", "year-earlier", "comparable"})


def quarter(groups: Groups, ref: Reference) -> Resolved:
    """A quarter or half: "the third quarter", "the latest quarter", "the first half of 2012"."""
    year: int | None = None
    if "year" in groups:
        year = int(groups["year"])
    elif "yearpos" in groups:
        year = int(groups["yearpos"])
    elif ref.date is not None:
        year = ref.date.year + offset_direction(groups.get("thisyear", "this"))
    if year is None or (ref.date is None and "ord" not in groups):
        return "DATE", None
    if groups["unit"].lower() == "half":
        return _half(groups, ref, year)
    modifier = groups.get("mod", "").lower()
    if "ord" in groups:
        number = ORDINALS[groups["ord"].lower()]
        explicit = {"year", "yearpos", "thisyear"} & groups.keys()
        later = ref.date is not None and number > quarter_of(ref.date)
        if later and not explicit and ref.tense != "future":
            year -= 1
        if modifier in _YEAR_AGO_WORDS:
            year -= 1
        return "DATE", quarter_value(year, number)
    assert ref.date is not None
    current = (ref.date.year, quarter_of(ref.date))
    last = ref.quarter or last_finished_quarter(ref.date)
    if {"year", "yearpos", "thisyear"} & groups.keys():
        return "DATE", quarter_value(year, last[1])
    if modifier == "this" and ref.quarter is not None:
        chosen = ref.quarter
    elif modifier in {"this", "next"}:
        chosen = shift_quarter(current[0], current[1], offset_direction(modifier))
    else:
        chosen = current if modifier == "current" else last
    if modifier in _YEAR_AGO_WORDS:
        chosen = (chosen[0] - 1, chosen[1])
    return "DATE", quarter_value(*chosen)


def _half(groups: Groups, ref: Reference, year: int) -> Resolved:
    half = ORDINALS.get(groups.get("ord", "").lower(), 0)
    if not half:
        return "DATE", None
    if ref.date is not None and not ({"year", "yearpos", "thisyear"} & groups.keys()):
        current = 1 if ref.date.month <= 6 else 2
        if half > current and ref.tense != "future":
            year -= 1
    return "DATE", f"{year}-H{half}"


def written_year(groups: Groups, ref: Reference) -> Resolved:
    """The year written: "1998", "fiscal 1989", "mid-2004", "the 2012 season"."""
    return "DATE", groups["year"]


def decade(groups: Groups, ref: Reference) -> Resolved:
    """A decade: "the 1990s", "the '80s", "the sixties"."""
    if "decade" in groups:
        return "DATE", groups["decade"][:3]
    if "short" in groups:
        return "DATE", "19" + groups["short"][0]
    return "DATE", f"19{DECADES[groups['words'].lower()]}"


def century(groups: Groups, ref: Reference) -> Resolved:
    """A century: "the 20th century", "the nineteenth century"."""
    word = groups["ord"].lower()
    number = CENTURY_ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    return "DATE", f"{number - 1:02d}"


_SEASON_ORDER = ("SP", "SU", "FA", "WI")


def _season_now(day: dt.date) -> tuple[int, int]:
    """(year, index in _SEASON_ORDER) of the season holding the day; January is last winter."""
    if day.month <= 2:
        return day.year - 1, 3
    return day.year, min((day.month - 3) // 3, 3)


def season(groups: Groups, ref: Reference) -> Resolved:
    """A season: "last summer", "the summer of 2022", "in the fall"."""
    name = SEASONS[groups["season"].lower()]
    if "year" in groups:
        return "DATE", f"{groups['year']}-{name}"
    if ref.date is None:
        return "DATE", None
    year, now = _season_now(ref.date)
    wanted = _SEASON_ORDER.index(name)
    relation = groups.get("rel", "").lower()
    direction = offset_direction(relation)
    if relation in {"", "the", "early", "late", "mid"} and wanted != now:
        direction = 1 if ref.tense == "future" else (-1 if ref.tense == "past" else 0)
    if direction < 0:
        year = year if wanted < now else year - 1
    elif direction > 0:
        year = year if wanted > now else year + 1
    return "DATE", f"{year}-{name}"


def spoken_year(groups: Groups, ref: Reference) -> Resolved:
    """A year in words: "nineteen ninety-eight", "the year two thousand"."""
    if "thousand" in groups:
        return "DATE", "2000"
    hundreds = 19 if groups["century"].lower() == "nineteen" else 20
    rest = " ".join(groups["rest"].lower().replace("-", " ").split())
    number = 0 if rest == "hundred" else int(number_value(rest) or 0)
    return "DATE", f"{hundreds}{number:02d}"
