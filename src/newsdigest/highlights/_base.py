"""What every highlighter is: a callable from an analysed story to bullets."""

from __future__ import annotations

from typing import Protocol

from newsdigest.analysis import Analysis
from newsdigest.model import Highlight, Span


class Highlighter(Protocol):
    """Chooses the bullets of a story; every word of a bullet comes from its spans."""

    def __call__(
        self, analysis: Analysis, *, count: int | None, max_words: int | None
    ) -> tuple[Highlight, ...]: ...


def highlight_from_spans(text: str, spans: tuple[Span, ...], score: float = 0.0) -> Highlight:
    """A bullet made of source pieces: their words joined, white space and final stop tidied.

    Nothing is added but a single space between pieces and, where the last piece does not
    end in sentence punctuation, a full stop; a lower-case first letter is capitalised.
    """
    words = " ".join(" ".join(text[s.start : s.end].split()) for s in spans).strip()
    words = words.rstrip(" ,;:-–—")
    if words and words[-1] not in ".!?\"'”’)":
        words += "."
    if words[:1].islower():
        words = words[0].upper() + words[1:]
    return Highlight(text=words, spans=spans, score=score)
