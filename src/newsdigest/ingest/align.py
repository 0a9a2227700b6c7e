"""From extracted paragraphs back to the page: each paragraph located among the page's words.

trafilatura gives clean text without offsets, so the text of an article read from a page
is not trafilatura's: each extracted paragraph is located among the words of the page's
own visible text (see :mod:`newsdigest.ingest._markup`), and the article is rebuilt from
those page words. Every character of ``Article.text`` therefore comes from a known place
in the HTML, and :class:`HtmlSourceMap` turns any span of the text into a range of the page.

Aligning words rather than characters makes the match indifferent to how the page and
trafilatura lay out white space; a paragraph that trafilatura changed (a table row, a
list item) is matched word by word, and one that cannot be found in the page is left out
rather than given offsets that would be wrong.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate, pairwise

from newsdigest.ingest._markup import FLAG_CAPTION, PageText
from newsdigest.model import Span

log = logging.getLogger(__name__)

# Share of a paragraph's words that must be found in order on the page.
MIN_ALIGNED_SHARE = 0.7
_MAX_TRIES = 50

# Paragraphs longer than this are found exactly or not at all: the word-by-word alignment
# takes time that grows with the square of a paragraph's length.
MAX_FUZZY_WORDS = 500

_WORD = re.compile(r"\S+")
# A character other than printable ASCII and white space: the text may need keys.
_NOT_PLAIN = re.compile(r"[^\x20-\x7e\t\n\r\f\v]")


class HtmlSourceMap:
    """Maps spans of an article's text to ranges of the HTML page it was extracted from.

    page (PageText): the scanned page; every range indexes its ``html``.
    starts (list[int]): offset in the article text of each piece copied from the page.
    page_starts (list[int]): offset in the page text of each piece.
    lengths (list[int]): length of each piece.
    """

    def __init__(
        self, page: PageText, starts: list[int], page_starts: list[int], lengths: list[int]
    ):
        self._page = page
        self._starts = starts
        self._page_starts = page_starts
        self._lengths = lengths

    @property
    def html(self) -> str:
        return self._page.html

    def __call__(self, span: Span) -> Span | None:
        """The HTML range from the first to the last page character of ``span``, or None."""
        if span.start >= span.end:
            return None
        first = self._page_offset(span.start, span.end, forward=True)
        last = self._page_offset(span.end - 1, span.start - 1, forward=False)
        if first is None or last is None:
            return None
        start, end = self._page.source_of(first), self._page.source_of(last)
        if start is None or end is None:
            return None
        return Span(start.start, end.end)

    def text_ranges(self, span: Span) -> list[Span]:
        """The parts of an HTML range that are page text rather than tags."""
        return self._page.text_ranges(span)

    def _page_offset(self, offset: int, stop: int, *, forward: bool) -> int | None:
        """The page offset of the nearest article character from ``offset`` towards ``stop``
        that comes from the page (the spaces the article adds come from nowhere)."""
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self._starts[index] + self._lengths[index]:
            return self._page_starts[index] + offset - self._starts[index]
        if forward:
            index += 1
            if index < len(self._starts) and self._starts[index] < stop:
                return self._page_starts[index]
        elif index >= 0 and self._starts[index] + self._lengths[index] - 1 > stop:
            return self._page_starts[index] + self._lengths[index] - 1
        return None


@dataclass(slots=True)
class PageWords:
    """The words of the page text, and the same words joined by single spaces for search.

    Words are compared by their key: the word without the characters trafilatura removes
    (controls, soft hyphens, zero-width spaces and joiners); the article keeps the word as
    the page has it.
    """

    page: PageText
    starts: list[int]
    ends: list[int]
    keys: list[str]
    joined: str
    joined_starts: list[int]

    @classmethod
    def of(cls, page: PageText) -> PageWords:
        """The words of a scanned page.

        page (PageText): the page's visible text.
        RETURNS (PageWords): its words, their places and their keys.
        """
        matches = list(_WORD.finditer(page.text))
        if _NOT_PLAIN.search(page.text):
            keyed = [(m, _key(m.group())) for m in matches]
            matches = [m for m, key in keyed if key]
            keys = [key for _, key in keyed if key]
        else:
            keys = [m.group() for m in matches]
        lengths = accumulate(map(len, keys[:-1]), initial=0)
        joined_starts = [total + index for index, total in enumerate(lengths)]
        return cls(
            page=page,
            starts=[m.start() for m in matches],
            ends=[m.end() for m in matches],
            keys=keys,
            joined=" ".join(keys),
            joined_starts=joined_starts if keys else [],
        )

    def between(self, start: int, end: int) -> range:
        """Indexes of the words that start in ``[start, end)`` of the page text."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def flags(self, index: int) -> int:
        """The ``FLAG_*`` bits of the element word ``index`` stands in."""
        return self.page.flags_at(self.starts[index])


class Aligner:
    """Finds extracted paragraphs among the page's words, each word used once.

    page (PageText): the scanned page.
    check (Callable[[], None]): called for each paragraph; it may raise to stop.
    """

    def __init__(self, page: PageText, check: Callable[[], None]):
        self.page = page
        self.words = PageWords.of(page)
        self.used = bytearray(len(self.words.starts))
        self.check = check
        self.cursor = 0
        self._index: dict[str, list[int]] | None = None

    def locate(self, line: str) -> list[int] | None:
        """Indexes of the page words that make up ``line``; None when it is not on the page
        or is an image caption or photo credit."""
        self.check()
        words = line.split()
        if _NOT_PLAIN.search(line):
            words = [key for key in map(_key, words) if key]
        bare = _without_layout(words)
        found = self._exact(words) or (self._exact(bare) if bare != words else None)
        if found is None:
            found = self._fuzzy(bare)
        if found is None or self._is_caption(found):
            return None
        for index in found:
            self.used[index] = 1
        self.cursor = found[-1] + 1
        return found

    def _exact(self, line_words: list[str]) -> list[int] | None:
        words = self.words
        query = " ".join(line_words)
        if not query:
            return None
        origins = [words.joined_starts[self.cursor]] if self.cursor < len(words.starts) else []
        for origin in [*origins, 0]:
            position = words.joined.find(query, origin)
            for _ in range(_MAX_TRIES):
                if position < 0:
                    break
                first = bisect_left(words.joined_starts, position)
                last = first + len(line_words) - 1
                if (
                    first < len(words.joined_starts)
                    and words.joined_starts[first] == position
                    and last < len(words.starts)
                    and not any(self.used[first : last + 1])
                    and len(words.keys[last]) == len(line_words[-1])
                ):
                    return list(range(first, last + 1))
                position = words.joined.find(query, position + 1)
        return None

    def _fuzzy(self, line_words: list[str]) -> list[int] | None:
        """Word-by-word alignment around the occurrences of the line's longest words."""
        if not line_words or len(line_words) > MAX_FUZZY_WORDS:
            return None
        anchors = sorted(range(len(line_words)), key=lambda i: -len(line_words[i]))[:3]
        best: list[int] = []
        for anchor in anchors:
            for position in self._occurrences(line_words[anchor])[:_MAX_TRIES]:
                low = max(position - anchor - 8, 0)
                high = min(position - anchor + len(line_words) + 8, len(self.words.starts))
                matcher = SequenceMatcher(
                    None, line_words, self.words.keys[low:high], autojunk=False
                )
                found = [
                    low + block.b + k
                    for block in matcher.get_matching_blocks()
                    for k in range(block.size)
                    if not self.used[low + block.b + k]
                ]
                if len(found) > len(best):
                    best = found
        if len(best) < MIN_ALIGNED_SHARE * len(line_words):
            log.debug("paragraph not found on the page: %.60s", " ".join(line_words))
            return None
        return best

    def _occurrences(self, word: str) -> list[int]:
        if self._index is None:
            self._index = {}
            for i, key in enumerate(self.words.keys):
                self._index.setdefault(key, []).append(i)
        return self._index.get(word, [])

    def _is_caption(self, found: list[int]) -> bool:
        words = self.words
        low, high = words.starts[found[0]], words.ends[found[-1]]
        wanted = set(found)
        flagged = sum(
            1
            for start, end in self.page.runs_with(FLAG_CAPTION, low, high)
            for index in words.between(start, end)
            if index in wanted
        )
        return flagged * 2 > len(found)


def _key(word: str) -> str:
    """A word as compared: in NFC, without the characters trafilatura removes (those that
    are neither printable nor white space: controls, NUL, soft hyphens, zero-width spaces
    and joiners, private-use and unassigned code points)."""
    if word.isascii() and word.isprintable():
        return word
    return unicodedata.normalize("NFC", "".join(char for char in word if char.isprintable()))


def _without_layout(words: list[str]) -> list[str]:
    """A line of trafilatura's text without the marks it adds: list bullets, table bars."""
    kept = [word for word in words if word != "|"]
    return kept[1:] if kept[:1] == ["-"] else kept


def build_text(
    page: PageText, words: PageWords, paragraphs: list[list[int]]
) -> tuple[str, HtmlSourceMap]:
    """The article text and the map from its words back to the page.

    page (PageText): the scanned page.
    words (PageWords): its words.
    paragraphs (list[list[int]]): the word indexes of each paragraph, in article order.
    RETURNS (tuple[str, HtmlSourceMap]): the words of a paragraph joined by spaces,
        paragraphs by blank lines; and the source map of that text.
    """
    parts: list[str] = []
    starts: list[int] = []
    page_starts: list[int] = []
    lengths: list[int] = []
    length = 0
    for number, paragraph in enumerate(paragraphs):
        for piece_start, piece_end, first in _pieces(page.text, words, paragraph):
            separator = "\n\n" if first and number else " " if not first else ""
            parts += [separator, page.text[piece_start:piece_end]]
            length += len(separator)
            starts.append(length)
            page_starts.append(piece_start)
            lengths.append(piece_end - piece_start)
            length += piece_end - piece_start
    return "".join(parts), HtmlSourceMap(page, starts, page_starts, lengths)


def _pieces(text: str, words: PageWords, paragraph: list[int]) -> Iterator[tuple[int, int, bool]]:
    """Stretches of the page text that a paragraph copies as they are: consecutive words
    separated by one plain space (most of them); elsewhere the article puts its own space.
    Yields (start, end, whether it is the paragraph's first stretch)."""
    start, end = words.starts[paragraph[0]], words.ends[paragraph[0]]
    first = True
    for previous, index in pairwise(paragraph):
        if index == previous + 1 and text[end : words.starts[index]] == " ":
            end = words.ends[index]
            continue
        yield start, end, first
        start, end, first = words.starts[index], words.ends[index], False
    yield start, end, first
