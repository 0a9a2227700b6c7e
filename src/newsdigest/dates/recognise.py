"""Finding time expressions in running text with rules, in the manner of HeidelTime.

Each rule is a regular expression with named groups that the resolver reads
(:mod:`newsdigest.dates.resolve`). Where a rule needs words before the expression
that are not part of it ("for years"), the expression itself is the group ``x``.
Overlapping matches are settled leftmost-longest, then by rule order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsdigest.dates.lexicon import (
    AMOUNT,
    DAY_PARTS,
    MONTH,
    SEASONS,
    SETS,
    UNIT,
    WEEKDAY,
    YEAR,
    alternation,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A time expression found by a rule, before it is resolved.

    start (int): offset of its first character in the text.
    end (int): offset one past its last character.
    rule (str): name of the rule that found it, which tells the resolver how to read it.
    groups (dict[str, str]): the rule's named groups that matched, by name.
    """

    start: int
    end: int
    rule: str
    groups: dict[str, str]


def _i(pattern: str) -> str:
    """The pattern matched without regard to case; a space in it matches any white space."""
    return "(?i:" + pattern.replace(" ", r"\s+") + ")"


_PART = alternation(DAY_PARTS)
# A colon may follow the day ("Thursday, Jan. 6:"), but not a clock time ("6:30").
_DAY_NUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"
_CLOCK = (
    r"(?:(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b)"
    r"|(?P<inhour>[01]?\d)(?::(?P<inminute>[0-5]\d))?"
    r"\s+in\s+the\s+(?P<inpart>morning|afternoon|evening)"
    r"|(?P<hour24>[012]?\d):(?P<minute24>[0-5]\d)(?!\d)"
    r"|(?P<oclock>[01]?\d)\s+o'clock"
    r"|(?P<noon>(?:(?:just\s+)?(?:past|after|before)\s+)?(?:noon|midnight|midday)))"
)
_TIME_ANCHOR = rf"(?:{_i('today|yesterday|tomorrow|tonight')}|{WEEKDAY})"
_TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b|\s+(?i:local\s+time))?"
_RELATIVE = r"last|this|next|coming|past|previous|following|current"
_EDGE = (
    r"early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|the\s+rest\s+of|the\s+close\s+of"
)
_QUALIFIER = (
    r"about|around|nearly|almost|more\s+than|less\s+than|fewer\s+than|up\s+to|at\s+least|over"
    r"|some|roughly|only|just|another|an\s+additional|the\s+past|the\s+last|the\s+next"
    r"|the\s+first|the\s+coming|the\s+previous|the\s+following|the\s+final|the\s+remaining"
    r"|the\s+latest|the"
)
SPOKEN_YEAR_REST = (
    "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six"
    "|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    "|nineteen|hundred"
)
# "quarterly" is left out: in news it qualifies reports and dividends, not recurring times.
_SET_WORDS = alternation(k for k in SETS if k != "quarterly")
# "the next day" counts from the last date the story named, "next week" from publication.
_NARRATIVE = "the following|the next|the previous|the preceding|the prior|the same|that same|that"
_AGO_QUALIFIER = "about|around|nearly|almost|more than|less than|some|just|only|over"
_QUARTER_MOD = (
    "latest|last|this|next|current|previous|past|year-ago|year-earlier|comparable|same|recent|fiscal"
    "|calendar|just-ended|just-completed|most recent"
)
_YEAR_EDGE = (
    "fiscal year|calendar year|fiscal|mid|early|late|the end of|the beginning of|the start of"
    "|the middle of|the first half of|the second half of|the rest of"
)
_PRESENT = "now|currently|at present|presently|nowadays|these days|at the moment|right now"
_EVERY_UNIT = (
    "day|week|month|quarter|year|morning|night|evening|weekend|spring|summer|fall|autumn|winter"
)
_HOLIDAY = (
    r"Christmas(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|New\s+Year's(?:\s+(?:Day|Eve))?"
    r"|Halloween|Easter(?:\s+Sunday)?|Independence\s+Day|the\s+Fourth\s+of\s+July|July\s+Fourth"
    r"|Labor\s+Day|Memorial\s+Day|Valentine's\s+Day|Boxing\s+Day|Veterans\s+Day"
)
_DECADE_WORDS = "twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties"

# Rules in priority order: (name, pattern).
RULES: tuple[tuple[str, str], ...] = (
    ("date_iso", rf"\b(?P<year>{YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("date_slash", r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d\d)\b"),
    (
        "date_mdy",
        rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+{_DAY_NUM}"
        rf"(?:,?\s+(?P<year>{YEAR})\b)?",
    ),
    (
        "date_dmy",
        rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?\b{_DAY_NUM}\s+(?:{_i('of')}\s+)?(?P<month>{MONTH})"
        rf"(?:,?\s+(?P<year>{YEAR})\b)?",
    ),
    (
        "week_of",
        rf"\b(?:{_i('the')}\s+)?{_i('week of')}\s+(?P<month>{MONTH})\s+{_DAY_NUM}"
        rf"(?:,?\s+(?P<year>{YEAR})\b)?",
    ),
    (
        "time",
        rf"(?:(?P<before>{_TIME_ANCHOR})(?:,?\s+{_i('at')})?\s+)?\b{_CLOCK}{_TZ}"
        rf"(?:,?\s+(?:{_i('on')}\s+)?(?:(?P<after>{_TIME_ANCHOR})"
        rf"|(?P<month>{MONTH})\s+(?P<day>[0-3]?\d)\b(?:,?\s+(?P<year>{YEAR})\b)?))?",
    ),
    (
        "month_year",
        rf"(?:(?P<edge>{_i(_EDGE)})[-\s]+)?(?P<month>{MONTH})(?:\s+{_i('of')})?,?\s+"
        rf"(?P<year>{YEAR})\b",
    ),
    (
        "month_rel",
        rf"(?:(?P<edge>{_i(_EDGE)})[-\s]+)?(?:(?P<rel>{_i(_RELATIVE)})\s+)?(?P<month>{MONTH})"
        rf"(?:\s+(?P<rel_after>{_i('last|this|next')})\s+{_i('year')})?\b",
    ),
    (
        "weekday",
        rf"(?:(?P<edge>{_i('early|late')})\s+)?(?:(?P<rel>{_i(_RELATIVE)})\s+)?"
        rf"(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{_i(_PART)}))?\b(?!s)",
    ),
    (
        "day_rel",
        rf"\b(?:(?P<edge>{_i('early|late|earlier|later')})\s+)?"
        rf"(?P<day>{_i('today|yesterday|tomorrow|tonight|the day before yesterday')}"
        rf"|{_i('the day after tomorrow')})(?:\s+(?P<part>{_i(_PART)}))?\b",
    ),
    ("day_part", rf"\b(?P<rel>{_i('this|last|tomorrow|yesterday')})\s+(?P<part>{_i(_PART)})\b"),
    (
        "unit_rel",
        rf"\b(?:(?P<edge>{_i(_EDGE)})\s+)?(?:(?P<rel>{_i(_RELATIVE)}|{_i('the')})\s+)"
        rf"(?:(?P<fiscal>{_i('fiscal|calendar|full')})\s+)?"
        rf"(?P<unit>{_i('week|weekend|month|year|decade|century')})\b(?!-)"
        rf"(?P<ended>\s+{_i('ended|ending|to date|earlier|ago')}\b)?",
    ),
    (
        "narrative",
        rf"\b(?P<rel>{_i(_NARRATIVE)})\s+"
        rf"(?P<unit>{_i('day|morning|afternoon|evening|night|week|month|year')})\b(?!s|')",
    ),
    (
        "year_end",
        rf"\b(?P<unit>{_i('year|month|quarter|week')})(?:'s)?[-\s](?P<edge>{_i('end')})\b",
    ),
    (
        "ago",
        rf"\b(?:(?P<qual>{_i(_AGO_QUALIFIER)})\s+)?"
        rf"(?P<amount>{_i(AMOUNT)})\s+(?P<unit>{_i(UNIT)})\s+"
        rf"(?:(?P<dir>{_i('ago|earlier|from now|hence')})\b"
        rf"|(?P<dir2>{_i('before|after')})(?=\s*[.,;!?\"”]|\s*$))",
    ),
    (
        "year_ago",
        rf"\b(?P<unit>{_i('year|month|week|day')})-(?P<dir>{_i('ago|earlier')})\b",
    ),
    (
        "quarter",
        rf"\b(?:(?P<the>{_i('the')})\s+)?(?:(?P<yearpos>{YEAR})(?:'s)?\s+|(?P<thisyear>"
        rf"{_i('this|last|next')})\s+{_i('year')}'s\s+)?"
        rf"(?:(?P<mod>{_i(_QUARTER_MOD)})[-\s]+)?"
        rf"(?:(?P<mod2>{_i('fiscal|calendar')})\s+)?"
        rf"(?:(?P<ord>{_i('first|second|third|fourth|1st|2nd|3rd|4th')})[-\s]"
        rf"(?:(?P<mod3>{_i('fiscal')})[-\s])?)?"
        rf"(?P<unit>{_i('quarter|half|period')})(?!s)\b(?!-)"
        rf"(?:,?\s+(?:{_i('of')}\s+)?(?:{_i('fiscal')}\s+)?(?P<year>{YEAR})\b)?",
    ),
    (
        "year_period",
        rf"\b{_i('the')}\s+(?P<year>{YEAR})\s+(?P<unit>{_i('period|quarter|season|year')})\b",
    ),
    (
        "decade",
        rf"\b(?:{_i('the')}\s+)?(?:(?P<edge>{_i('early|mid|late')})[-\s]+)?"
        rf"(?:(?P<decade>1[0-9]\d0|20\d0)'?s|'(?P<short>\d0)s|(?P<words>{_i(_DECADE_WORDS)}))",
    ),
    (
        "century",
        rf"\b(?:{_i('the')}\s+)?(?:(?P<edge>{_i('early|mid|late')})[-\s]+)?"
        rf"(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_i('nineteenth|twentieth|twenty-first|eighteenth')})"
        rf"[-\s]{_i('century')}\b",
    ),
    (
        "season",
        rf"\b(?:(?P<rel>{_i('last|this|next|early|late|the|mid|past|coming')})[-\s]+)?"
        rf"(?P<season>{_i(alternation(SEASONS))})(?:\s+(?:{_i('of')}\s+)?(?P<year>{YEAR}))?\b",
    ),
    (
        "spoken_year",
        rf"\b(?:(?P<the>{_i('the year')})\s+)?(?P<century>{_i('nineteen|twenty')})[-\s]+"
        rf"(?P<rest>{_i(SPOKEN_YEAR_REST)})\b"
        rf"|\b{_i('the year')}\s+(?P<thousand>{_i('two thousand')})\b",
    ),
    (
        "year",
        rf"(?:(?P<edge>{_i(_YEAR_EDGE)})[-\s]+|(?<![\d$#.,-]))"
        rf"(?P<year>{YEAR})\b(?![.,]\d|-\d|\s*(?:%|{_i('percent')}))",
    ),
    (
        "per",
        rf"\d[\d,.]*%?(?:\s+[a-z]+){{0,2}}\s+(?P<x>{_i('a|an|per')}\s+"
        rf"(?P<unit>{_i('hour|day|night|week|month|year')}))\b",
    ),
    (
        "times_per",
        rf"\b(?:{_i('once|twice|thrice')}|(?:{_i(AMOUNT)})\s+{_i('times')})\s+"
        rf"{_i('a|an|per|each|every')}\s+(?P<unit>{_i('hour|day|night|week|month|year')})\b",
    ),
    (
        "duration",
        rf"\b(?:(?P<qual>{_i(_QUALIFIER)})\s+)?(?P<amount>{_i(AMOUNT)})[-\s]+"
        rf"(?P<unit>{_i(UNIT)})\b(?![-\s]+{_i('old')}\b)(?:[-\s]+{_i('long')}\b)?",
    ),
    (
        "plural_units",
        rf"\b(?:{_i('for|over|in|within|took|take|takes|lasted|last|spent|spend')})\s+"
        rf"(?P<x>(?P<unit>{_i('years|months|weeks|days|decades|centuries|hours')}))\b",
    ),
    (
        "recent_units",
        rf"\b(?P<when>{_i('recent|coming')})\s+(?P<unit>{_i('years|months|weeks|days|decades')})\b",
    ),
    (
        "reference",
        rf"\b(?P<present>{_i(_PRESENT)}|{_i('current')})\b"
        rf"|\b(?P<past>{_i('recently|lately|the past')})\b"
        rf"|\b(?P<future>{_i('the future|the near future|the years ahead')})\b",
    ),
    (
        "set",
        rf"\b(?P<adverb>{_i(_SET_WORDS)})\b"
        rf"|\b{_i('every')}\s+(?P<amount>{_i('other')}|{_i(AMOUNT)})\s+"
        rf"(?P<units>{_i(UNIT)})\b"
        rf"|\b(?P<every>{_i('every|each')})\s+"
        rf"(?:(?P<weekday>{WEEKDAY})|(?P<unit>{_i(_EVERY_UNIT)}))\b"
        rf"|\b(?P<weekdays>{WEEKDAY})s\b",
    ),
    (
        "holiday",
        rf"\b(?P<holiday>{_HOLIDAY})\b"
        rf"(?:,?\s+(?P<year>{YEAR})\b)?",
    ),
)

_NOT_A_MONTH_ALONE = frozenset({"may", "march", "mar", "jan", "jun", "jul", "aug", "sep"})
_BEFORE_BARE_MONTH = frozenset(
    """in since until till by from through of early late mid during before after last this
    next to and or between beginning end""".split()
)
# "current" is now only as an adjective after a determiner or possessive ("its current plan").
_BEFORE_CURRENT = frozenset("the its his her their our your".split())
_FRACTION = re.compile(r"(?i)(?:\w+\s+)?\w+-(?:quarters?|halves)\s+of\b")
_NOT_DURATION_AMOUNT = re.compile(r"(?i)^(?:a|an|some|many|few)$")
_WORD_BEFORE = re.compile(r"([\w'-]+)[\s,]*$")


def _word_before(text: str, at: int) -> str:
    """The word just before ``at`` (over spaces and commas), lower-cased."""
    before = _WORD_BEFORE.search(text, max(0, at - 40), at)
    return before.group(1).lower() if before else ""


# The starts of words at least one of which every expression of a rule holds ("digit"
# stands for any number). The rules run only in windows around these, which makes finding
# dates several times faster than running every rule over the whole text.
ANCHORS: dict[str, tuple[str, ...]] = {
    "month": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "weekday": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "day": ("today", "tomorrow", "yesterday", "tonight"),
    "part": ("morning", "afternoon", "evening", "night", "overnight"),
    "clock": ("noon", "midnight", "midday"),
    "unit": (
        "second", "minute", "hour", "day", "week", "fortnight", "month", "quarter", "year",
        "decade", "centur",
    ),
    "quarter": ("quarter", "half", "period"),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "number": ("twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"),
    "reference": (
        "now", "current", "present", "nowadays", "these", "moment", "recent", "lately", "past",
        "future", "coming", "years",
    ),
    "set": (
        "daily", "hourly", "nightly", "weekly", "monthly", "annually", "yearly", "every", "each",
    ),
    "holiday": ("christmas", "thanksgiving", "halloween", "easter"),
}  # fmt: skip
_ANY_ANCHOR = tuple(prefix for prefixes in ANCHORS.values() for prefix in prefixes)
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
RULE_ANCHORS: dict[str, tuple[str, ...]] = {
    "date_iso": ("digit",),
    "date_slash": ("digit",),
    "date_mdy": ("month",),
    "date_dmy": ("month",),
    "week_of": ("unit",),
    "time": ("digit", "clock"),
    "month_year": ("month",),
    "month_rel": ("month",),
    "weekday": ("weekday",),
    "day_rel": ("day",),
    "day_part": ("part",),
    "unit_rel": ("unit",),
    "year_end": ("unit",),
    "narrative": ("unit", "part"),
    "ago": ("unit",),
    "year_ago": ("unit",),
    "quarter": ("quarter",),
    "year_period": ("digit",),
    "decade": ("digit", "number"),
    "century": ("unit",),
    "season": ("season",),
    "spoken_year": ("number", "unit"),
    "year": ("digit",),
    "per": ("unit",),
    "times_per": ("unit",),
    "duration": ("unit",),
    "plural_units": ("unit",),
    "recent_units": ("unit",),
    "reference": ("reference",),
    "set": ("set", "weekday"),
    "holiday": ("holiday", "unit", "month"),
}
# How far an expression may reach before and after its anchor word.
WINDOW_BEFORE = 45
WINDOW_AFTER = 45


@lru_cache(maxsize=1)
def compiled_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The rules, compiled once."""
    return tuple((name, re.compile(pattern)) for name, pattern in RULES)


def anchor_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each rule, the stretches of text around its anchor words, merged, in order."""
    spots: dict[str, list[int]] = {name: [] for name in (*ANCHORS, "digit")}
    for match in _TOKEN.finditer(text):
        word = match.group().lower()
        if word[0].isdigit():
            spots["digit"].append(match.start())
        elif word.startswith(_ANY_ANCHOR):
            for name, prefixes in ANCHORS.items():
                if word.startswith(prefixes):
                    spots[name].append(match.start())
    windows: dict[str, list[tuple[int, int]]] = {}
    for rule, classes in RULE_ANCHORS.items():
        merged: list[tuple[int, int]] = []
        for at in sorted(at for name in classes for at in spots[name]):
            start = _space_before(text, at - WINDOW_BEFORE)
            end = _space_after(text, at + WINDOW_AFTER)
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        windows[rule] = merged
    return windows


_SPACE = re.compile(r"\s")


def _space_before(text: str, at: int) -> int:
    """The offset of the white space at or before ``at`` (a word never starts a window cut)."""
    at = max(at, 0)
    while at > 0 and not text[at].isspace():
        at -= 1
    return at


def _space_after(text: str, at: int) -> int:
    """The offset of the first white space at or after ``at``, or the end of the text."""
    match = _SPACE.search(text, at)
    return match.start() if match else len(text)


def find_candidates(text: str) -> list[Candidate]:
    """Every time expression the rules find, non-overlapping, in text order.

    text (str): the text to search.
    RETURNS (list[Candidate]): the expressions, leftmost-longest where rules overlap.
    """
    found: list[tuple[int, int, int, Candidate]] = []
    windows = anchor_windows(text)
    for priority, (name, pattern) in enumerate(compiled_rules()):
        for window_start, window_end in windows[name]:
            for match in pattern.finditer(text, window_start, window_end):
                groups = {k: v for k, v in match.groupdict().items() if v is not None}
                start, end = match.span("x") if "x" in groups else match.span()
                candidate = Candidate(start, end, name, groups)
                if start < end and "\n" not in match.group() and _plausible(text, candidate):
                    found.append((-(end - start), priority, start, candidate))
    kept: list[Candidate] = []
    taken = bytearray(len(text))
    for _, _, _, candidate in sorted(found, key=lambda item: item[:3]):
        if not any(taken[candidate.start : candidate.end]):
            kept.append(candidate)
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
    return sorted(kept, key=lambda c: c.start)


def _plausible(text: str, candidate: Candidate) -> bool:
    """Filters that the patterns cannot express: words that are only sometimes dates."""
    groups = candidate.groups
    if candidate.rule == "month_rel" and not ({"edge", "rel", "rel_after"} & groups.keys()):
        month = groups["month"].rstrip(".").lower()
        prev = _word_before(text, candidate.start)
        if month in _NOT_A_MONTH_ALONE or groups["month"].endswith("."):
            return prev in _BEFORE_BARE_MONTH
        return True
    if candidate.rule == "duration":
        if groups["unit"].lower() == "second" and groups["amount"].lower() in {"a", "an"}:
            return False  # "a second tape"
        if _FRACTION.match(text, candidate.start, candidate.end + 4):
            return False  # "three-quarters of its food"
        return not (
            _NOT_DURATION_AMOUNT.match(groups["amount"])
            and "qual" not in groups
            and groups["unit"].lower().endswith("s")
        )
    if candidate.rule == "season" and "rel" not in groups and "year" not in groups:
        prev = _word_before(text, candidate.start)
        return prev in {"in", "during", "since", "until", "by", "over", "this", "last", "next"}
    if candidate.rule == "quarter":
        has_the = "the" in groups or "yearpos" in groups or "thisyear" in groups
        if groups["unit"].lower() == "period":
            return bool({"mod", "ord"} & groups.keys()) and (
                groups.get("mod", "").lower() not in {"same", "past", "current"}
            )
        return (
            "ord" in groups
            or (has_the and "mod" not in groups)
            or ("mod" in groups and groups["mod"].lower() not in {"same", "past"})
        )
    if candidate.rule == "reference" and groups.get("present", "").lower() == "current":
        before = _word_before(text, candidate.start)
        return before in _BEFORE_CURRENT or before.endswith("'s")
    if candidate.rule == "year" and "edge" not in groups:
        return _looks_like_year(text, candidate)
    return True


_COUNTED = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:people|persons|men|women|troops|soldiers|jobs|votes|shares|tons"
    r"|employees|workers|units|cars|homes|acres|miles|feet|meters|points|runs|goals|yards"
    r"|passengers|residents|students|children|dollars|pounds|euros|barrels|copies)\b"
)


def _looks_like_year(text: str, candidate: Candidate) -> bool:
    """A bare four-digit number is a year unless what follows counts something."""
    return _COUNTED.match(text, candidate.end) is None
