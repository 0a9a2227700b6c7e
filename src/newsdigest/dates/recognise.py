"""Finding time expressions in running text with rules, in the manner of HeidelTime.

Each rule (:mod:`newsdigest.dates.rules`) runs only in windows of text around its anchor
words (:data:`~newsdigest.dates.rule.ANCHORS`). Overlapping matches are settled
leftmost-longest, then by rule order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdigest.dates import rules as registry
from newsdigest.dates.rule import ANCHORS, Candidate, Rule

_ANY_ANCHOR = tuple(prefix for prefixes in ANCHORS.values() for prefix in prefixes)
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_SPACE = re.compile(r"\s")
# How far an expression may reach before and after its anchor word.
WINDOW_BEFORE = 45
WINDOW_AFTER = 45


def anchor_spots(text: str) -> dict[str, list[int]]:
    """For each anchor class (and "digit"), the offsets of the words of the text in it."""
    spots: dict[str, list[int]] = {name: [] for name in (*ANCHORS, "digit")}
    for match in _TOKEN.finditer(text):
        word = match.group().lower()
        if word[0].isdigit():
            spots["digit"].append(match.start())
        elif word.startswith(_ANY_ANCHOR):
            for name, prefixes in ANCHORS.items():
                if word.startswith(prefixes):
                    spots[name].append(match.start())
    return spots


def anchor_windows(text: str, spots: dict[str, list[int]], rule: Rule) -> list[tuple[int, int]]:
    """The stretches of text around the rule's anchor words, merged, in order."""
    merged: list[tuple[int, int]] = []
    for at in sorted(at for name in rule.anchors for at in spots[name]):
        start = _space_before(text, at - WINDOW_BEFORE)
        end = _space_after(text, at + WINDOW_AFTER)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


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


def find_candidates(text: str, rules: Sequence[Rule] | None = None) -> list[Candidate]:
    """Every time expression the rules find, non-overlapping, in text order.

    text (str): the text to search.
    rules (Sequence[Rule] | None): the rules in priority order; None for
        :data:`newsdigest.dates.rules.RULES`.
    RETURNS (list[Candidate]): the expressions, leftmost-longest where rules overlap.
    """
    found: list[tuple[int, int, int, Candidate]] = []
    spots = anchor_spots(text)
    for priority, rule in enumerate(registry.RULES if rules is None else rules):
        pattern = rule.regex
        for window_start, window_end in anchor_windows(text, spots, rule):
            for match in pattern.finditer(text, window_start, window_end):
                groups = {k: v for k, v in match.groupdict().items() if v is not None}
                start, end = match.span("x") if "x" in groups else match.span()
                candidate = Candidate(start, end, rule, groups)
                if start < end and "\n" not in match.group() and _kept(text, candidate):
                    found.append((-(end - start), priority, start, candidate))
    kept: list[Candidate] = []
    taken = bytearray(len(text))
    for _, _, _, candidate in sorted(found, key=lambda item: item[:3]):
        if not any(taken[candidate.start : candidate.end]):
            kept.append(candidate)
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
    return sorted(kept, key=lambda c: c.start)


def _kept(text: str, candidate: Candidate) -> bool:
    keep = candidate.rule.keep
    return keep is None or keep(text, candidate)
