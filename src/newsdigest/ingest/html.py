"""Stories from web pages: the article, its metadata, and a map from its text back to the page.

trafilatura decides what the article is (body, title, authors, date, site name) and
drops navigation, ads, share bars, related links, comments and cookie banners. It gives
clean text without offsets, so the text of :class:`Article` is not trafilatura's: each
extracted paragraph is located among the words of the page's own visible text (see
:mod:`newsdigest.ingest._markup`), and the article is rebuilt from those page words.
Every character of ``Article.text`` therefore comes from a known place in the HTML,
and :class:`HtmlSourceMap` turns any span of the text into a range of the page.

Aligning words rather than characters makes the match indifferent to how the page and
trafilatura lay out white space; a paragraph that trafilatura changed (a table row, a
list item) is matched word by word, and one that cannot be found in the page is left out
rather than given offsets that would be wrong.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import Any

from newsdigest.errors import InputError, TooLarge
from newsdigest.ingest._markup import FLAG_CAPTION, FLAG_HEADING, PageText, scan_page
from newsdigest.ingest._timelimit import PageTimeout, run_with_time_limit
from newsdigest.ingest.text import decode_bytes, parse_published
from newsdigest.model import Article, Span

log = logging.getLogger(__name__)
# trafilatura and its helpers log every page they discard as an error; newsdigest says
# what went wrong itself, in one line.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

MAX_HTML_CHARS = 5_000_000
TIME_LIMIT = 20.0
# An article needs a paragraph of prose: a login wall or a menu has none.
MIN_PROSE_WORDS = 12
# Share of a paragraph's words that must be found in order on the page.
MIN_ALIGNED_SHARE = 0.7
_MAX_TRIES = 50

_WORD = re.compile(r"\S+")
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200d\u2060\ufeff]")
_HTML_START = re.compile(
    r"\A\ufeff?(?:\s|<!--.*?-->|<\?xml[^>]*>)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|base|link)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
# trafilatura refuses a fragment; a page without <html> or <body> is given to it wrapped.
_WHOLE_PAGE = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_HTML_TAGS = re.compile(r"</?(?:p|div|br|span|a|h[1-6]|article|section|li|ul|table)[\s>/]", re.I)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
# The labels browsers read as windows-1252 (WHATWG encoding standard).
_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"})


def looks_like_html(text: str) -> bool:
    """Whether a document is an HTML page rather than a plain-text story.

    text (str): the document, or its first few kilobytes.
    RETURNS (bool): True when it starts like a page, or is dense with common tags.
    """
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 4


def sniff_html(data: bytes) -> bool:
    """Whether a document's bytes look like an HTML page (see :func:`looks_like_html`)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return looks_like_html(data[:8192].decode("utf-16", errors="replace"))
    return looks_like_html(data[:4096].decode("latin-1"))


def decode_html_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode a page's bytes: BOM, then UTF-8, then the declared charset, then detection.

    Valid UTF-8 wins over a declared charset because pages that say ``iso-8859-1`` but
    are UTF-8 are common, and legacy text is practically never valid UTF-8.

    data (bytes): the page as fetched or read.
    declared (str | None): the charset of an HTTP ``Content-Type`` header, if any.
    RETURNS (tuple[str, str]): the HTML and the name of the encoding used.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for label in (declared, _meta_charset(data)):
        encoding = _browser_encoding(label)
        if encoding:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                log.info("page is not valid %s as declared; detecting its encoding", encoding)
    return decode_bytes(data)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii") if match else None


def _browser_encoding(label: str | None) -> str | None:
    if not label:
        return None
    name = label.strip().lower()
    if name in _WINDOWS_1252:
        return "cp1252"
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers refuse UTF-7 (a way to smuggle markup past filters); so does newsdigest.
    return None if encoding == "utf-7" else encoding


class HtmlSourceMap:
    """Maps spans of an article's text to ranges of the HTML page it was extracted from.

    html (str): the page as given; every range indexes this string.
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
class _Words:
    """The words of the page text, and the same words joined by single spaces for search.

    Words are compared by their key: the word without invisible characters (soft hyphens,
    zero-width spaces and joiners), which trafilatura removes; the article keeps the word
    as the page has it.
    """

    page: PageText
    starts: list[int]
    ends: list[int]
    keys: list[str]
    joined: str
    joined_starts: list[int]

    @classmethod
    def of(cls, page: PageText) -> _Words:
        matches = list(_WORD.finditer(page.text))
        if _INVISIBLE.search(page.text):
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


class _Aligner:
    """Finds trafilatura's paragraphs among the page's words, each word used once."""

    def __init__(self, page: PageText, check: Callable[[], None]):
        self.page = page
        self.words = _Words.of(page)
        self.used = bytearray(len(self.words.starts))
        self.check = check
        self.cursor = 0
        self._index: dict[str, list[int]] | None = None

    def locate(self, line: str) -> list[int] | None:
        """Indexes of the page words that make up ``line``; None when it is not on the page
        or is an image caption or photo credit."""
        self.check()
        words = line.split()
        if _INVISIBLE.search(line):
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
        if not line_words:
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
    """A word as compared: without the invisible characters trafilatura removes."""
    return _INVISIBLE.sub("", word) if not word.isascii() else word


def _without_layout(words: list[str]) -> list[str]:
    """A line of trafilatura's text without the marks it adds: list bullets, table bars."""
    kept = [word for word in words if word != "|"]
    return kept[1:] if kept[:1] == ["-"] else kept


@dataclass(frozen=True, slots=True)
class _Extracted:
    page: PageText
    words: _Words
    paragraphs: list[list[int]]
    metadata: dict[str, Any]


def article_from_html(
    html: str,
    *,
    url: str | None = None,
    published: str | dt.date | None = None,
    title: str | None = None,
    id: str | None = None,
    encoding: str | None = None,
    max_html_chars: int = MAX_HTML_CHARS,
    time_limit: float = TIME_LIMIT,
) -> Article:
    """The article of a web page, with a map from its text back to the page.

    html (str): the decoded page; the source map's ranges index this string.
    url (str | None): where the page was published (its path may carry the date).
    published (str | date | None): overrides the date found in the page.
    title (str | None): overrides the title found in the page.
    id (str | None): an identifier kept in the digest.
    encoding (str | None): how the page's bytes were decoded, when they were bytes.
    max_html_chars (int): longest page accepted (``TooLarge`` beyond).
    time_limit (float): seconds one page may take (``InputError`` beyond).
    RETURNS (Article): text, title, published, authors, site_name, url and source_map;
        raises ``InputError`` when the page holds no article.
    """
    if not isinstance(html, str):
        raise InputError(f"html must be str, not {type(html).__name__}; decode bytes first")
    if len(html) > max_html_chars:
        raise TooLarge(f"page has {len(html):,} characters, over the limit of {max_html_chars:,}")
    if not html.strip():
        raise InputError("page is empty")
    _import_trafilatura()  # outside the time limit: an import cut short would stay broken
    try:
        extracted = run_with_time_limit(lambda check: _extract(html, url, check), time_limit)
    except PageTimeout:
        raise InputError(f"page took longer than {time_limit:g} s to read; giving up") from None
    except RecursionError:
        raise InputError("page nests its elements too deeply to be read") from None
    meta = extracted.metadata
    page_title = (title or meta.get("title") or "").strip() or None
    paragraphs = _drop_title(extracted.paragraphs, extracted.words, (title, meta.get("title")))
    _check_prose(paragraphs)
    text, source_map = _build_text(extracted.page, extracted.words, paragraphs)
    return Article(
        text=text,
        id=id,
        title=page_title,
        published=parse_published(published) or _published(meta.get("date")),
        url=url or meta.get("url"),
        encoding=encoding,
        authors=_authors(meta.get("author")),
        site_name=meta.get("sitename") or None,
        source_map=source_map,
    )


@lru_cache(maxsize=1)
def _import_trafilatura() -> None:
    """Import trafilatura and run it once on a small page, so that what it and its helpers
    load on first use (dateparser's language data) is loaded outside any time limit."""
    import trafilatura
    import trafilatura.settings
    import trafilatura.xml

    trafilatura.bare_extraction(_WARM_UP_PAGE, with_metadata=True)


_WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><article><p>Published 3 March 2026</p>"
    + "<p>A short paragraph that is only here to load the extractor's helpers once.</p>" * 3
    + "</article></body></html>"
)


def _extract(html: str, url: str | None, check: Callable[[], None]) -> _Extracted:
    """Run trafilatura on the page and find its paragraphs among the page's own words."""
    import trafilatura
    from trafilatura.settings import Document
    from trafilatura.xml import xmltotxt

    page = scan_page(html, check=check)
    check()
    document = trafilatura.bare_extraction(
        html if _WHOLE_PAGE.search(html, 0, 100_000) else f"<html><body>{html}</body></html>",
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_tables=True,
    )
    if not isinstance(document, Document) or document.body is None:
        raise InputError(_NO_ARTICLE)
    lines = [line for line in xmltotxt(document.body, False).splitlines() if line.strip()]
    aligner = _Aligner(page, check)
    paragraphs = [found for line in lines if (found := aligner.locate(line))]
    paragraphs.sort(key=lambda found: found[0])
    paragraphs = _restore_headings(paragraphs, aligner)
    metadata = {
        name: getattr(document, name, None)
        for name in ("title", "author", "date", "sitename", "url")
    }
    return _Extracted(page=page, words=aligner.words, paragraphs=paragraphs, metadata=metadata)


def _restore_headings(paragraphs: list[list[int]], aligner: _Aligner) -> list[list[int]]:
    """Put back the headings that stand between two paragraphs of the article.

    trafilatura drops some subheadings (most of a live blog's post titles); a heading
    that the page places between two paragraphs of the article belongs to it.
    """
    if len(paragraphs) < 2:
        return paragraphs
    words, page = aligner.words, aligner.page
    low, high = words.starts[paragraphs[0][0]], words.ends[paragraphs[-1][-1]]
    runs: list[list[int]] = []
    for start, end in page.runs_with(FLAG_HEADING, low, high):
        for index in words.between(start, end):
            if aligner.used[index] or words.flags(index) & FLAG_CAPTION:
                continue
            previous = runs[-1][-1] if runs else -2
            gap = page.text[words.ends[previous] : words.starts[index]]
            if previous == index - 1 and "\n" not in gap:
                runs[-1].append(index)
            else:
                runs.append([index])
    return sorted(paragraphs + runs, key=lambda found: found[0]) if runs else paragraphs


_NO_ARTICLE = (
    "no article found in the page (is it a login wall, an index page, "
    "or a page whose text is written by scripts?)"
)


def _drop_title(
    paragraphs: list[list[int]], words: _Words, titles: Sequence[object]
) -> list[list[int]]:
    """Leave out a first paragraph that repeats the title (given or found): it is kept apart."""
    if not paragraphs:
        return paragraphs
    first = " ".join(words.keys[i] for i in paragraphs[0]).casefold()
    repeated = any(isinstance(t, str) and " ".join(t.split()).casefold() == first for t in titles)
    return paragraphs[1:] if repeated else paragraphs


def _check_prose(paragraphs: Sequence[Sequence[int]]) -> None:
    if not paragraphs or max(len(p) for p in paragraphs) < MIN_PROSE_WORDS:
        raise InputError(_NO_ARTICLE)


def _build_text(
    page: PageText, words: _Words, paragraphs: list[list[int]]
) -> tuple[str, HtmlSourceMap]:
    """The article text (words of a paragraph joined by spaces, paragraphs by blank lines)
    and the map from its words back to the page."""
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


def _pieces(text: str, words: _Words, paragraph: list[int]) -> Iterator[tuple[int, int, bool]]:
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


def _published(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_published(value)
    except InputError:
        return None


def _authors(value: object) -> tuple[str, ...]:
    if not isinstance(value, str):
        return ()
    names = (" ".join(name.split()) for name in value.split(";"))
    return tuple(dict.fromkeys(name for name in names if name))
