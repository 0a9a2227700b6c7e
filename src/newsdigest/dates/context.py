"""What the words around a time expression say: its clause, and that clause's tense."""

from __future__ import annotations

import bisect
import itertools
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
_FIGURES = re.compile(r"(?i)\bquarter|\bperiod\b|\bfiscal\b|[$%#]|\bcents?\b|\bpercent\b")
_WORD = re.compile(r"\S+")
MIN_CLAUSE_WORDS = 5
# How far from an expression (in characters) a verb may stand to set its tense.
TENSE_REACH = 200


class Clauses:
    """The clauses of a text's sentences, each sentence split once, however many dates it holds.

    text (str): the whole text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._pieces: dict[Span, tuple[list[Span], list[int]]] = {}
        self._figures: dict[Span, bool] = {}

    def around(self, sentence: Span, inner: Span) -> Span:
        """The clause of the sentence that holds ``inner``, or the sentence when too short.

        sentence (Span): the sentence holding ``inner``.
        inner (Span): the words whose clause is wanted (a time expression).
        RETURNS (Span): a span inside the sentence that contains ``inner``.
        """
        pieces, starts = self._split(sentence)
        index = bisect.bisect_right(starts, inner.start) - 1
        if index < 0 or not (pieces[index].start <= inner.start < pieces[index].end):
            return sentence
        clause = Span(pieces[index].start, max(pieces[index].end, inner.end))
        if _has_words(self.text, clause, MIN_CLAUSE_WORDS):
            return clause
        if index + 1 < len(pieces):
            return Span(clause.start, max(pieces[index + 1].end, clause.end))
        if index > 0:
            return Span(pieces[index - 1].start, clause.end)
        return sentence

    def reports_figures(self, sentence: Span) -> bool:
        """Whether the sentence reports figures or speaks of a reporting period."""
        if sentence not in self._figures:
            found = _FIGURES.search(self.text, sentence.start, sentence.end) is not None
            self._figures[sentence] = found
        return self._figures[sentence]

    def _split(self, sentence: Span) -> tuple[list[Span], list[int]]:
        if sentence not in self._pieces:
            pieces: list[Span] = []
            start = sentence.start
            for match in _CLAUSE_BREAK.finditer(self.text, sentence.start, sentence.end):
                if match.start() > start:
                    pieces.append(Span(start, match.start()))
                start = match.end()
            if start < sentence.end:
                pieces.append(Span(start, sentence.end))
            self._pieces[sentence] = (pieces, [p.start for p in pieces])
        return self._pieces[sentence]


def _has_words(text: str, span: Span, count: int) -> bool:
    """Whether the span holds at least ``count`` words (reading no further than needed)."""
    words = _WORD.finditer(text, span.start, span.end)
    return sum(1 for _ in itertools.islice(words, count)) >= count


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
