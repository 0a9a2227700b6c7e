"""Matching predicted spans to gold spans by character overlap, one to one."""

from __future__ import annotations

from newsdigest.model import Span

MIN_OVERLAP = 0.3


def overlap(a: Span, b: Span) -> float:
    """Characters shared over characters covered by either span (0 when disjoint)."""
    shared = min(a.end, b.end) - max(a.start, b.start)
    if shared <= 0:
        return 0.0
    return shared / (max(a.end, b.end) - min(a.start, b.start))


def match(
    predicted: list[Span], gold: list[Span], threshold: float = MIN_OVERLAP
) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) at overlap >= ``threshold``, best first."""
    candidates = sorted(
        (
            (overlap(p, g), i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
            if p.overlaps(g)
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for score, i, j in candidates:
        if score < threshold or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs
