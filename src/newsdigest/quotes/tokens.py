"""Character-offset lookups over the tokens of the story's parse, and which are quoted."""

from __future__ import annotations

import bisect
from typing import Any

from newsdigest.analysis import Analysis

SENTENCE_END = frozenset({".", "!", "?"})


class Tokens:
    """The tokens of the story's one parse, with their offsets and quote marks.

    analysis (Analysis): the analysed story; ``quoted`` is its ``quoted_tokens`` view, the
        one notion of "inside quote marks" every stage shares.
    """

    def __init__(self, analysis: Analysis) -> None:
        self.doc: Any = analysis.words  # tokens made once, not on every index
        self.starts = analysis.token_starts
        self.quoted: list[bool] = analysis.quoted_tokens

    def between(self, start: int, end: int) -> range:
        """Indexes of the tokens starting in ``[start, end)``."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def ends_sentence(self, i: int) -> bool:
        """Whether token ``i`` is a full stop, question or exclamation mark outside quote marks."""
        return self.doc[i].text in SENTENCE_END and not self.quoted[i]
