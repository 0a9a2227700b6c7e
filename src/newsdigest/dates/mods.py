"""TIMEX3 ``mod``: the word that narrows or loosens a time expression's value.

TimeML 1.2.1 (the annotation scheme of TempEval-3) lets a TIMEX3 carry a ``mod`` beside
its value: "early 2013" is ``2013`` with ``mod="START"``, "about three years" is ``P3Y``
with ``mod="APPROX"``. The mod is read from the words that open (or, for "year-end", close)
the expression:

- a part of a period: ``START`` ("early", "earlier", "the beginning of", "the start of"),
  ``MID`` ("mid", "the middle of"), ``END`` ("late", "later", "the end of", "the close of",
  "the rest of", "year-end"). "Earlier this year" and "later this year" are read as the
  comparatives of "early" and "late", as TimeML reads those;
- an approximate point in the past, before "ago" or "earlier": ``APPROX`` ("about",
  "around", "some", "roughly"), ``BEFORE`` ("more than", "over": further back than the
  value), ``AFTER`` ("less than", "nearly", "almost": not as far back);
- an approximate length, on durations: ``APPROX``, ``LESS_THAN`` ("less than", "nearly",
  "almost", "under"), ``MORE_THAN`` ("more than", "over"), ``EQUAL_OR_LESS`` ("up to",
  "no more than"), ``EQUAL_OR_MORE`` ("at least").
"""

from __future__ import annotations

import re
from typing import get_args

from newsdigest.model import TimexMod

MODS: tuple[str, ...] = get_args(TimexMod)

_EDGES = (
    (re.compile(r"^(?:the )?(?:early|earlier|beginning of|start of|dawn of|outset of)\b"), "START"),
    (re.compile(r"^(?:the )?(?:mid\b|mid-|middle of\b)"), "MID"),
    (re.compile(r"^(?:the )?(?:late|later|end of|close of|rest of)\b"), "END"),
    (re.compile(r"\b(?:year|month|quarter|week)(?:'s)?[- ]end$"), "END"),
)
_APPROX = re.compile(r"^(?:about|around|some|roughly|approximately|an estimated)\b")
_AGO = re.compile(r"\b(?:ago|earlier)$")
_AGO_MODS = (
    (re.compile(r"^(?:more than|over)\b"), "BEFORE"),
    (re.compile(r"^(?:less than|nearly|almost|under)\b"), "AFTER"),
)
_DURATION_MODS = (
    (re.compile(r"^(?:less than|fewer than|nearly|almost|under)\b"), "LESS_THAN"),
    (re.compile(r"^(?:more than|over)\b"), "MORE_THAN"),
    (re.compile(r"^(?:up to|no more than)\b"), "EQUAL_OR_LESS"),
    (re.compile(r"^(?:at least|no less than)\b"), "EQUAL_OR_MORE"),
)


def timex_mod(expression: str, kind: str) -> str | None:
    """The TIMEX3 ``mod`` of a time expression, or None when its words set none.

    expression (str): the expression as it stands in the text, e.g. "early next week".
    kind (str): its TIMEX3 type; only durations take LESS_THAN, MORE_THAN and the like.
    RETURNS (str | None): one of :data:`MODS`, or None.
    """
    words = " ".join(expression.lower().split())
    if _APPROX.match(words):
        return "APPROX"
    if kind == "DURATION":
        return _first(_DURATION_MODS, words)
    if kind == "SET":
        return None
    if _AGO.search(words) and (mod := _first(_AGO_MODS, words)):
        return mod
    return _first(_EDGES, words)


def _first(patterns: tuple[tuple[re.Pattern[str], str], ...], words: str) -> str | None:
    return next((mod for pattern, mod in patterns if pattern.search(words)), None)
