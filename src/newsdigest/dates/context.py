"""What the words around a time expression say: its clause, and that clause's tense."""

from __future__ import annotations

import re

from newsdigest.dates.resolve import Tense
from newsdigest.model import Span

# A clause ends at a semicolon, a colon, a dash or a bracket, or at a comma before a word
# that opens a coordinate or adverbial clause. Relative clauses (", which") sit inside
# the clause they qualify, and quote marks often enclose only a phrase, so neither ends one.
_CLAUSE_BREAK = re.compile(
    r"\s*[;:—–()]\s*|\s+--?\s+"
    r"|,\s+(?=(?:and|but|while|although|though|because|after|before|when|whereas|so|or|since"
    r"|until|as|if|then)\b)"
    r"|\s+(?=(?:but|while|although|though|because|whereas)\b)"
)
_FUTURE = re.compile(
    r"(?i)\b(?:will|'ll|shall|won't|going\s+to|plans?\s+to|planning\s+to|expects?\s+to|"
    r"expected\s+to|scheduled|set\s+to|due\s+to|to\s+be\s+held|supposed\s+to|until|"
    r"(?:is|are)\s+to|would|intends?\s+to|hopes?\s+to|aims?\s+to|upcoming|is|are)\b"
)
_PAST = re.compile(
    r"\b(?:[Ww]as|[Ww]ere|[Hh]ad|[Dd]id|said|told|took|came|went|made|began|[a-z]\w+ed)\b"
    r"|(?<=day)'s\b"
)
_FIGURES = re.compile(r"(?i)\bquarter|\bperiod\b|\bfiscal\b|[$%#]|\bcents?\b|\bpercent\b")
MIN_CLAUSE_WORDS = 5


def clause_span(text: str, sentence: Span, inner: Span) -> Span:
    """The clause of the sentence that holds ``inner``, or the sentence when clauses are too short.

    text (str): the whole text.
    sentence (Span): the sentence holding ``inner``.
    inner (Span): the words whose clause is wanted (a time expression).
    RETURNS (Span): a span inside the sentence that contains ``inner``.
    """
    pieces: list[Span] = []
    start = sentence.start
    for match in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if match.start() > start:
            pieces.append(Span(start, match.start()))
        start = match.end()
    if start < sentence.end:
        pieces.append(Span(start, sentence.end))
    for index, piece in enumerate(pieces):
        if piece.start <= inner.start < piece.end or piece.overlaps(inner):
            clause = Span(piece.start, max(piece.end, inner.end))
            if len(text[clause.start : clause.end].split()) >= MIN_CLAUSE_WORDS:
                return clause
            if index + 1 < len(pieces):
                return Span(clause.start, pieces[index + 1].end)
            if index > 0:
                return Span(pieces[index - 1].start, clause.end)
            return sentence
    return sentence


def clause_tense(text: str, clause: Span, inner: Span) -> Tense:
    """The tense of the verb nearest to ``inner`` in its clause: "past", "future" or None."""
    best: tuple[int, int, Tense] | None = None
    markers: tuple[tuple[re.Pattern[str], Tense], ...] = ((_FUTURE, "future"), (_PAST, "past"))
    for rank, (pattern, tense) in enumerate(markers):
        for match in pattern.finditer(text, clause.start, clause.end):
            if inner.start <= match.start() < inner.end:
                continue
            distance = max(inner.start - match.end(), match.start() - inner.end, 0)
            if best is None or (distance, rank) < best[:2]:
                best = (distance, rank, tense)
    return best[2] if best else None


def reports_figures(text: str, sentence: Span) -> bool:
    """Whether the sentence reports figures or speaks of a reporting period."""
    return _FIGURES.search(text, sentence.start, sentence.end) is not None
