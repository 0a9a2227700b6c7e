"""Highlights: 3-4 bullets whose every word comes from the story."""

from __future__ import annotations

from newsdigest.analysis import Analysis
from newsdigest.highlights._base import Highlighter, highlight_from_spans
from newsdigest.highlights.lead import LeadHighlighter
from newsdigest.model import Highlight

HIGHLIGHTERS: dict[str, type[Highlighter]] = {"lead": LeadHighlighter}
DEFAULT_HIGHLIGHTER = "lead"


def select_highlights(analysis: Analysis) -> tuple[Highlight, ...]:
    """The bullets of a story with the default highlighter and the analysis' settings."""
    highlighter = HIGHLIGHTERS[DEFAULT_HIGHLIGHTER]()
    settings = analysis.settings
    return highlighter(analysis, count=settings.highlights, max_words=settings.max_words)


__all__ = ["HIGHLIGHTERS", "Highlighter", "highlight_from_spans", "select_highlights"]
