"""What a date rule is: how it finds an expression, where it looks, and how it reads it.

Each rule is one :class:`Rule` record (declared in :mod:`newsdigest.dates.rules`): its
regular expression, the anchor words one of which every expression it finds holds, its
resolver, and optionally a filter for what the pattern cannot express.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from newsdigest.dates.holidays import ANCHOR_WORDS as HOLIDAY_WORDS
from newsdigest.dates.lexicon import (
    DAY_OFFSETS,
    DAY_PARTS,
    MONTHS,
    SEASONS,
    SETS,
    TENS,
    UNITS,
    WEEKDAYS,
    plural,
)
from newsdigest.dates.reference import Resolver


def _stem(unit: str) -> str:
    """The start a unit and its plural share: "centur" for century and centuries."""
    return unit if plural(unit).startswith(unit) else unit[:-1]


# The starts of words at least one of which every expression of a rule holds ("digit"
# stands for any number). The rules run only in windows around these, which makes finding
# dates several times faster than running every rule over the whole text.
ANCHORS: dict[str, tuple[str, ...]] = {
    "month": tuple(dict.fromkeys(name[:3] for name in MONTHS)),
    "weekday": tuple(WEEKDAYS),
    "day": tuple(word for word in DAY_OFFSETS if " " not in word),
    "part": tuple(DAY_PARTS),
    "clock": ("noon", "midnight", "midday"),
    "unit": tuple(_stem(unit) for unit in UNITS),
    "quarter": ("quarter", "half", "period"),
    "season": tuple(SEASONS),
    "number": tuple(tens[:-1] for tens in TENS),
    "reference": (
        "now", "current", "present", "nowadays", "these", "moment", "recent", "lately", "past",
        "future", "coming", "years",
    ),
    # "quarterly" is left out, as the set rule leaves it out
    "set": (*(word for word in SETS if word != "quarterly"), "every", "each"),
    "holiday": HOLIDAY_WORDS,
}  # fmt: skip
ANCHOR_CLASSES = frozenset({*ANCHORS, "digit"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A time expression found by a rule, before it is resolved.

    start (int): offset of its first character in the text.
    end (int): offset one past its last character.
    rule (Rule): the rule that found it, which tells how to read it.
    groups (dict[str, str]): the rule's named groups that matched, by name.
    """

    start: int
    end: int
    rule: Rule
    groups: dict[str, str]


Filter = Callable[[str, Candidate], bool]


@dataclass(frozen=True)
class Rule:
    """One way of writing a time expression.

    name (str): the rule's name, unique among the rules.
    pattern (str): a regular expression whose named groups the resolver reads. Where the
        rule needs words before the expression that are not part of it ("for years"), the
        expression itself is the group ``x``.
    anchors (tuple[str, ...]): names of :data:`ANCHORS` classes (or "digit"): every
        expression the rule finds holds a word of one of them.
    resolve (Resolver): the TIMEX3 type and value of a found expression, from its groups
        and the :class:`~newsdigest.dates.reference.Reference`.
    keep (Filter | None): given the text and a match, whether it is a time expression;
        for what the pattern cannot express (a bare "May" after a verb is not a month).
    """

    name: str
    pattern: str
    anchors: tuple[str, ...]
    resolve: Resolver = field(repr=False)
    keep: Filter | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        unknown = set(self.anchors) - ANCHOR_CLASSES
        if not self.anchors or unknown:
            raise ValueError(
                f"rule {self.name!r} needs anchor classes among {sorted(ANCHOR_CLASSES)};"
                f" unknown: {sorted(unknown)}"
            )

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The pattern, compiled on first use."""
        return re.compile(self.pattern)
