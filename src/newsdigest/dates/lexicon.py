"""The words of English time expressions, as regular-expression pieces and lookup tables."""

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
# Units of time: TIMEX3 duration letter and whether it is a time (``PT``) unit.
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "weekend": ("WE", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("E", False), "century": ("C", False),
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
SETS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y",
}  # fmt: skip

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Vague amounts: a duration of "several years" is PXY.
VAGUE = frozenset({"several", "a few", "few", "some", "many", "a number of", "numerous"})
FUZZY_ONE = frozenset({"a", "an", "one"})


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first, so a prefix never wins."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_NUMBER_WORD = (
    rf"(?:(?:{alternation(_TENS)})(?:[-\s](?:{alternation(k for k in _ONES if _ONES[k] < 10)}))?"
    rf"|{alternation(_ONES)}|hundred)"
)
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# An amount of units: digits, number words, "a couple of", "several".
AMOUNT = (
    rf"(?:(?:\d+|{_NUMBER_WORD})\s+and\s+a\s+half"
    rf"|\d+(?:\.\d+|\s+1/2|½)?|{_NUMBER_WORD}|a\s+couple\s+of|a\s+few|a\s+number\s+of|several|few|many"
    r"|some|numerous|a|an|half\s+a|a\s+half)"
)
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|fortnights?|months?|quarters?|years?"
    r"|decades?|century|centuries)"
)
YEAR = r"(?:1[6-9]\d\d|20\d\d)"


def number_value(words: str) -> float | None:
    """The number an amount names (``None`` for vague ones such as "several").

    words (str): e.g. "twenty four", "24", "a couple of", "an".
    RETURNS (float | None): the amount, or None when it is vague.
    """
    text = " ".join(words.lower().replace("-", " ").split())
    if text in VAGUE:
        return None
    if text in FUZZY_ONE:
        return 1
    if text == "a couple of":
        return 2
    if text in {"half a", "a half"}:
        return 0.5
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
        if word in _TENS:
            total += _TENS[word]
        elif word in _ONES:
            total += _ONES[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        else:
            return None
    return total


def unit_of(word: str) -> str:
    """The singular unit name of a unit word ("centuries" -> "century")."""
    word = word.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word
