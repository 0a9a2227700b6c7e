"""What every highlighter is: a callable from an analysed story to bullets."""

from __future__ import annotations

from typing import Protocol

from newsdigest.analysis import Analysis
from newsdigest.model import Highlight, Span
from newsdigest.sentences import trimmed_span


class Highlighter(Protocol):
    """Chooses the bullets of a story; every word of a bullet comes from its spans."""

    def __call__(
        self, analysis: Analysis, *, count: int | None, max_words: int | None
    ) -> tuple[Highlight, ...]: ...


_TRAILING = " \t\n\r\f\v\u00a0,;:-–—"


def highlight_from_spans(text: str, spans: tuple[Span, ...], score: float = 0.0) -> Highlight:
    """A bullet made of source pieces: their words joined, white space and final stop tidied.

    Punctuation that would dangle at the end of the bullet (``,;:`` and dashes) is left out
    of the last span itself, so the spans hold exactly the bullet's words. Nothing is added
    but a single space between pieces and, where the last piece does not end in sentence
    punctuation, a full stop; a lower-case first letter is capitalised.

    text (str): the story.
    spans (tuple[Span, ...]): the pieces of the story the bullet is made of, in order.
    score (float): the bullet's score.
    RETURNS (Highlight): the bullet, with its (trimmed) spans.
    """
    spans = _trimmed(text, spans) or spans
    words = " ".join(" ".join(text[s.start : s.end].split()) for s in spans).strip()
    if words and words[-1] not in ".!?\"'”’)":
        words += "."
    capital = words[:1].upper()
    # Only a plain change of case: "ß" would become "SS" and "µ" a Greek capital letter.
    if words[:1].islower() and len(capital) == 1 and capital.lower() == words[:1]:
        words = capital + words[1:]
    return Highlight(text=words, spans=spans, score=score)


def _trimmed(text: str, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """The spans without white space around them nor dangling punctuation at the end."""
    kept = list(spans)
    while kept:
        last = kept[-1]
        end = last.end
        while end > last.start and text[end - 1] in _TRAILING:
            end -= 1
        if end > last.start:
            kept[-1] = Span(last.start, end)
            break
        kept.pop()
    out = (trimmed_span(text, span.start, span.end) for span in kept)
    return tuple(span for span in out if span is not None)
