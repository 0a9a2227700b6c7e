"""What the patterns cannot express: words that are only sometimes time expressions.

Each filter is a rule's ``keep`` (:class:`~newsdigest.dates.rule.Rule`): given the text
and a match of the rule, whether the match is a time expression.
"""

from __future__ import annotations

import re

from newsdigest.dates.lexicon import alternation
from newsdigest.dates.rule import Candidate
from newsdigest.lexicon import words

_WORD_BEFORE = re.compile(r"([\w'-]+)[\s,]*$")
_FRACTION = re.compile(r"(?i)(?:\w+\s+)?\w+-(?:quarters?|halves)\s+of\b")
_NOT_DURATION_AMOUNT = re.compile(r"(?i)^(?:a|an|some|many|few)$")
_COUNTED = re.compile(rf"\s+(?:[a-z]+\s+)?(?:{alternation(words('counted_nouns'))})\b")


def _word_before(text: str, at: int) -> str:
    """The word just before ``at`` (over spaces and commas), lower-cased."""
    before = _WORD_BEFORE.search(text, max(0, at - 40), at)
    return before.group(1).lower() if before else ""


def bare_month(text: str, candidate: Candidate) -> bool:
    """A month alone is one if it is unambiguous, or after "in", "since", "by", ..."""
    groups = candidate.groups
    if {"edge", "rel", "rel_after"} & groups.keys():
        return True
    month = groups["month"].rstrip(".").lower()
    if month in words("ambiguous_months") or groups["month"].endswith("."):
        return _word_before(text, candidate.start) in words("bare_month_cues")
    return True


def counted_units(text: str, candidate: Candidate) -> bool:
    """Not "a second tape", "three-quarters of its food", nor a bare "some days"."""
    groups = candidate.groups
    if groups["unit"].lower() == "second" and groups["amount"].lower() in {"a", "an"}:
        return False
    if _FRACTION.match(text, candidate.start, candidate.end + 4):
        return False
    return not (
        _NOT_DURATION_AMOUNT.match(groups["amount"])
        and "qual" not in groups
        and groups["unit"].lower().endswith("s")
    )


def bare_season(text: str, candidate: Candidate) -> bool:
    """A season alone ("summer") is a time only after "in", "during", "since", ..."""
    if {"rel", "year"} & candidate.groups.keys():
        return True
    return _word_before(text, candidate.start) in words("bare_season_cues")


def reporting_period(text: str, candidate: Candidate) -> bool:
    """A reporting period: "the quarter", "third-quarter", but not "the same period"."""
    groups = candidate.groups
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


def current_as_now(text: str, candidate: Candidate) -> bool:
    """The word "current" means now only after a determiner: "its current chief"."""
    if candidate.groups.get("present", "").lower() != "current":
        return True
    before = _word_before(text, candidate.start)
    return before in words("current_cues") or before.endswith("'s")


def year_not_count(text: str, candidate: Candidate) -> bool:
    """A bare four-digit number is a year unless what follows counts something."""
    if "edge" in candidate.groups:
        return True
    return _COUNTED.match(text, candidate.end) is None
