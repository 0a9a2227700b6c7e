"""What the words around a time expression say: its clause, and that clause's tense."""

from __future__ import annotations

import re

from newsdigest.dates.reference import Tense
from newsdigest.model import Span

# "was scheduled", "had been expected to": a plan told in the past is not a future marker.
_FUTURE = re.compile(
    r"(?i)\b(?<!had been )(?<!was )(?<!were )"
    r"(?:will|'ll|shall|won't|going\s+to|plans?\s+to|planning\s+to|expects?\s+to|"
    r"expected\s+to|scheduled|set\s+to|due\s+to|to\s+be\s+held|supposed\s+to|until|"
    r"(?:is|are)\s+to|would|intends?\s+to|hopes?\s+to|aims?\s+to|upcoming|is|are)\b"
)
_PAST = re.compile(
    r"\b(?:[Ww]as|[Ww]ere|[Hh]ad|[Hh]ave|[Hh]as|since|[Dd]id|said|told|took|came|went|made|began|[a-z]\w+ed)\b"
    r"|(?<=day)'s\b"
)
# How far from an expression (in characters) a verb may stand to set its tense.
TENSE_REACH = 200


def clause_tense(text: str, clause: Span, inner: Span) -> Tense:
    """The tense of the marker nearest to ``inner`` in its clause.

    text (str): the whole text.
    clause (Span): the clause holding ``inner`` (see :meth:`Clauses.around`).
    inner (Span): the time expression.
    RETURNS (str | None): "past", "future", or None when the clause has no marker nearby.
    """
    best: tuple[int, int, Tense] | None = None
    markers: tuple[tuple[re.Pattern[str], Tense], ...] = ((_FUTURE, "future"), (_PAST, "past"))
    start = max(clause.start, inner.start - TENSE_REACH)
    end = min(clause.end, inner.end + TENSE_REACH)
    for rank, (pattern, tense) in enumerate(markers):
        for match in pattern.finditer(text, start, end):
            if inner.start <= match.start() < inner.end:
                continue
            distance = max(inner.start - match.end(), match.start() - inner.end, 0)
            if best is None or (distance, rank) < best[:2]:
                best = (distance, rank, tense)
    return best[2] if best else None
