"""The pieces the rules' regular expressions are written with.

Pieces made of words with values come from the tables of :mod:`newsdigest.dates.lexicon`
(and :mod:`~newsdigest.dates.holidays`, :mod:`~newsdigest.dates.lengths`), so a word added
there is found too; the rest are words that only shape a match ("early", "the past").
"""

from __future__ import annotations

from newsdigest.dates.holidays import HOLIDAYS
from newsdigest.dates.lengths import EVERY
from newsdigest.dates.lexicon import (
    CENTURY_ORDINALS,
    DAY_OFFSETS,
    DAY_PARTS,
    DECADES,
    ORDINALS,
    RELATIONS,
    SEASONS,
    SETS,
    WEEKDAY,
    alternation,
)
from newsdigest.dates.offsets import NARRATIVE_STEPS
from newsdigest.dates.rule import ANCHORS


def i(pattern: str) -> str:
    """The pattern matched without regard to case; a space in it matches any white space."""
    return "(?i:" + pattern.replace(" ", r"\s+") + ")"


PART = alternation(DAY_PARTS)
# A colon may follow the day ("Thursday, Jan. 6:"), but not a clock time ("6:30").
DAY_NUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"
CLOCK = (
    r"(?:(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b)"
    r"|(?P<inhour>[01]?\d)(?::(?P<inminute>[0-5]\d))?"
    r"\s+in\s+the\s+(?P<inpart>morning|afternoon|evening)"
    r"|(?P<hour24>[012]?\d):(?P<minute24>[0-5]\d)(?!\d)"
    r"|(?P<oclock>[01]?\d)\s+o'clock"
    rf"|(?P<noon>(?:(?:just\s+)?(?:past|after|before)\s+)?(?:{alternation(ANCHORS['clock'])})))"
)
DAYS = alternation(DAY_OFFSETS)
TIME_ANCHOR = rf"(?:{i(alternation(ANCHORS['day']))}|{WEEKDAY})"
TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b|\s+(?i:local\s+time))?"
RELATIVE = alternation(RELATIONS)
EDGE = (
    r"early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|the\s+rest\s+of|the\s+close\s+of"
)
QUALIFIER = (
    r"about|around|nearly|almost|more\s+than|less\s+than|fewer\s+than|up\s+to|at\s+least|over"
    r"|some|roughly|only|just|another|an\s+additional|the\s+past|the\s+last|the\s+next"
    r"|the\s+first|the\s+coming|the\s+previous|the\s+following|the\s+final|the\s+remaining"
    r"|the\s+latest|the"
)
# "quarterly" is left out: in news it qualifies reports and dividends, not recurring times.
SET_WORDS = alternation(k for k in SETS if k != "quarterly")
# "the next day" counts from the last date the story named, "next week" from publication.
NARRATIVE = alternation(NARRATIVE_STEPS)
AGO_QUALIFIER = "about|around|nearly|almost|more than|less than|some|just|only|over"
QUARTER_MOD = (
    "latest|last|this|next|current|previous|past|year-ago|year-earlier|comparable|same|recent|fiscal"
    "|calendar|just-ended|just-completed|most recent"
)
QUARTER_ORDINAL = alternation(ORDINALS)
YEAR_EDGE = (
    "fiscal year|calendar year|fiscal|mid|early|late|the end of|the beginning of|the start of"
    "|the middle of|the first half of|the second half of|the rest of"
)
PRESENT = "now|currently|at present|presently|nowadays|these days|at the moment|right now"
EVERY_UNIT = alternation(EVERY)
REPORTING_PERIOD = alternation(ANCHORS["quarter"])
SEASON = alternation(SEASONS)
HOLIDAY = alternation(HOLIDAYS)
DECADE_WORDS = alternation(DECADES)
CENTURY_WORDS = alternation(CENTURY_ORDINALS)
