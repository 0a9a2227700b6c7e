"""Highlights: 3-4 bullets whose every word comes from the story."""

from __future__ import annotations

from newsdigest.analysis import Analysis
from newsdigest.highlights._base import Highlighter, highlight_from_spans
from newsdigest.highlights.lead import LeadHighlighter
from newsdigest.highlights.learned import LearnedHighlighter
from newsdigest.model import Highlight

HIGHLIGHTERS: dict[str, type[Highlighter]] = {
    "learned": LearnedHighlighter,
    "lead": LeadHighlighter,
}
DEFAULT_HIGHLIGHTER = "learned"

_default: Highlighter | None = None


def select_highlights(analysis: Analysis) -> tuple[Highlight, ...]:
    """The bullets of a story with the default highlighter and the analysis' settings."""
    global _default
    if _default is None:
        _default = HIGHLIGHTERS[DEFAULT_HIGHLIGHTER]()
    settings = analysis.settings
    return _default(analysis, count=settings.highlights, max_words=settings.max_words)


__all__ = ["HIGHLIGHTERS", "Highlighter", "highlight_from_spans", "select_highlights"]
