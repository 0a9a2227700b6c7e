"""The words of English time expressions: the tables that give their values, each stated once.

The regular-expression pieces the rules are written with (:data:`MONTH`, :data:`UNIT`,
:data:`AMOUNT`, ...) are made from these tables, so a word added to a table is both found
and read. Plain word lists (no value per word) are data files of :mod:`newsdigest.lexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}  # fmt: skip
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip
# Parts of the day and their TIMEX3 codes.
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip
# Words that relate a period to the reference: "last week", "next May", "this year".
RELATIONS: dict[str, int] = {
    "last": -1, "past": -1, "previous": -1, "this": 0, "current": 0,
    "next": 1, "coming": 1, "following": 1,
}  # fmt: skip
# Days named relative to the reference day, and how many days from it they lie.
DAY_OFFSETS: dict[str, int] = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip
# Units of time: TIMEX3 duration letter and whether it is a time (``PT``) unit.
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "weekend": ("WE", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("E", False), "century": ("C", False),
}  # fmt: skip
# Ordinals of quarters and halves.
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
# Ordinals of centuries written as words.
CENTURY_ORDINALS: dict[str, int] = {
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip
SETS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y",
}  # fmt: skip
ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Decades written as words ("the sixties") and their third digit.
DECADES: dict[str, int] = {tens[:-1] + "ies": value // 10 for tens, value in TENS.items()}
# Amounts written as words other than numbers: None is a vague amount ("several years"
# is the duration PXY).
AMOUNT_WORDS: dict[str, float | None] = {
    "a": 1, "an": 1, "one": 1, "a couple of": 2, "half a": 0.5, "a half": 0.5,
    "several": None, "a few": None, "few": None, "some": None, "many": None,
    "a number of": None, "numerous": None,
}  # fmt: skip


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first, so a prefix never wins."""
    items = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def _named(words: Iterable[str]) -> str:
    """An alternation of names, capitalised: months and weekdays are matched as written."""
    return alternation(word.capitalize() for word in words)


def plural(unit: str) -> str:
    """The plural of a unit name ("century" -> "centuries")."""
    return unit[:-1] + "ies" if unit.endswith("y") and unit[-2] not in "aeiou" else unit + "s"


def _unit_words(unit: str) -> str:
    """A unit and its plural as a regex: ``weeks?``, ``century|centuries``."""
    many = plural(unit)
    return f"{unit}s?" if many == unit + "s" else f"{unit}|{many}"


def _full_month_names() -> set[str]:
    """Each month's longest name: "september" beside "sept" and "sep"."""
    longest: dict[int, str] = {}
    for word, number in MONTHS.items():
        if len(word) > len(longest.get(number, "")):
            longest[number] = word
    return set(longest.values())


_FULL_MONTHS = _full_month_names()

_ONES_BELOW_TEN = [word for word, value in ONES.items() if 0 < value < 10]
_TEENS = [word for word, value in ONES.items() if value >= 10]
_NUMBER_WORD = (
    rf"(?:(?:{alternation(TENS)})(?:[-\s](?:{alternation(k for k in ONES if ONES[k] < 10)}))?"
    rf"|{alternation(ONES)}|hundred)"
)
# Abbreviations may take a full stop ("Nov."), full names may not ("May.").
MONTH = (
    rf"(?:{_named(_FULL_MONTHS)}"
    rf"|(?:{_named(set(MONTHS) - _FULL_MONTHS)})\.?)"
)
WEEKDAY = rf"(?:{_named(WEEKDAYS)})"
# An amount of units: digits, number words, "a couple of", "several".
AMOUNT = (
    rf"(?:(?:\d+|{_NUMBER_WORD})\s+and\s+a\s+half"
    rf"|\d+(?:\.\d+|\s+1/2|½)?|{_NUMBER_WORD}|{alternation(AMOUNT_WORDS)})"
)
UNIT = "(?:" + "|".join(_unit_words(unit) for unit in UNITS) + ")"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
# The last two digits of a year said in words, after "nineteen" or "twenty".
SPOKEN_YEAR_REST = (
    f"(?:{alternation(TENS)})(?:[- ](?:{alternation(_ONES_BELOW_TEN)}))?"
    f"|{alternation(_TEENS)}|hundred"
)


def number_value(words: str) -> float | None:
    """The number an amount names (``None`` for vague ones such as "several").

    words (str): e.g. "twenty four", "24", "a couple of", "an".
    RETURNS (float | None): the amount, or None when it is vague.
    """
    text = " ".join(words.lower().replace("-", " ").split())
    if text in AMOUNT_WORDS:
        return AMOUNT_WORDS[text]
    if text.endswith(" and a half"):
        whole = number_value(text.removesuffix(" and a half"))
        return None if whole is None else whole + 0.5
    half = text.endswith((" 1/2", "½"))
    try:
        return float(text.removesuffix(" 1/2").removesuffix("½").replace(",", "")) + 0.5 * half
    except ValueError:
        pass
    total = 0
    for word in text.split():
        if word in TENS:
            total += TENS[word]
        elif word in ONES:
            total += ONES[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        else:
            return None
    return total


_SINGULAR = {plural(unit): unit for unit in UNITS}


def unit_of(word: str) -> str:
    """The singular unit name of a unit word ("centuries" -> "century")."""
    word = word.lower()
    return _SINGULAR.get(word, word)
