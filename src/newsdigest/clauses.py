"""The clauses of a text's sentences: the pieces a sentence breaks into at its punctuation.

Both the dates (a clause's tense dates its weekday) and the timeline (a clause states an
event) read them, through :attr:`newsdigest.analysis.Analysis.clauses`.
"""

from __future__ import annotations

import bisect
import itertools
import re

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
_FIGURES = re.compile(r"(?i)\bquarter|\bperiod\b|\bfiscal\b|[$%#]|\bcents?\b|\bpercent\b")
_WORD = re.compile(r"\S+")
MIN_CLAUSE_WORDS = 5


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
