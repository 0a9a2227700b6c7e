"""Lead-N: the story's first sentences, the classic news baseline."""

from __future__ import annotations

from newsdigest.analysis import Analysis
from newsdigest.highlights._base import highlight_from_spans
from newsdigest.model import Highlight

DEFAULT_COUNT = 3


class LeadHighlighter:
    """The first ``count`` sentences, each a bullet."""

    def __call__(
        self, analysis: Analysis, *, count: int | None, max_words: int | None
    ) -> tuple[Highlight, ...]:
        chosen = analysis.sentences[: count or DEFAULT_COUNT]
        return tuple(highlight_from_spans(analysis.text, (s,)) for s in chosen)
