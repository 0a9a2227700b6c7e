"""The visible text of an HTML page, with the exact place in the page of every character.

A small scanner of our own walks the raw HTML string once: it skips tags, comments,
scripts and styles, decodes character references, and records where each run of text
came from. lxml cannot do this: it keeps only line numbers, and it rewrites the text
(entities decoded, white space kept or dropped) without saying where anything was.

The page text is the text of the page's text nodes in document order, with a line
break (which comes from nowhere in the page) wherever a block element starts or ends,
so that words of different blocks never run together.

The scanner reads tags as the HTML5 tokenizer does, and its work is linear in the page
by construction: every regular expression either consumes what it looked at or fails
on its first characters. A tag, attribute quote or comment left open runs to the end of
the input, so nothing is ever searched for again from each ``<``. A page that holds
more tags or more text than any article needs is refused while it is read.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.entities import html5

from newsdigest.errors import TooLarge
from newsdigest.model import Span

# Elements whose content is raw text, never shown as the page's text.
RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
)
# Elements whose content is markup that a reader never sees.
HIDDEN = frozenset({"template", "noscript", "select", "datalist", "svg", "math"})
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen".split()
)
BLOCK = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li legend
    main menu nav ol p pre section summary table tbody td tfoot th thead tr ul button label
    img iframe video audio picture object canvas""".split()
)
# Image captions and photo credits: <figcaption>, and an element whose class or id has
# one of these as a whole word ("wp-caption-text", "imageCredit"), unless it is one of
# the containers that hold the article itself.
CAPTION_TAGS = frozenset({"figcaption"})
CAPTION_WORDS = frozenset({"caption", "figcaption", "credit", "copyright"})
CONTAINERS = frozenset({"html", "body", "main", "article", "section"})

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

FLAG_CAPTION = 1
FLAG_HIDDEN = 2
FLAG_HEADING = 4
# What an element is by its name alone.
_NAME_FLAGS = (
    dict.fromkeys(HEADINGS, FLAG_HEADING)
    | dict.fromkeys(HIDDEN, FLAG_HIDDEN)
    | dict.fromkeys(CAPTION_TAGS, FLAG_CAPTION)
)

# Beyond these a page is not one article, and reading it would only cost time: each tag
# and character reference is a step of Python, the rest of the page is read by C code.
MAX_MARKUP = 100_000
MAX_TEXT_CHARS = 1_000_000
# How far up the open elements an end tag may close (misnested markup).
_MAX_CLOSE_DEPTH = 64

_SPACE = r"\t\n\f\r "
# A tag's attributes as the HTML5 tokenizer reads them: a quote opens a value only after
# "="; an unquoted value runs to white space or ">", a quoted one to its closing quote or
# to the end of the input. Every quantifier is possessive, so nothing is read twice.
_NAME = rf"[^{_SPACE}/>][^{_SPACE}/>=]*+"
_VALUE = rf"""(?:"[^"]*+"?+|'[^']*+'?+|[^{_SPACE}>]++)?+"""
_VALUE_PARTS = rf"""(?:"([^"]*+)"?+|'([^']*+)'?+|([^{_SPACE}>]++))?+"""
_ATTRIBUTES = rf"(?:[{_SPACE}/]++|{_NAME}(?:[{_SPACE}]*+=[{_SPACE}]*+{_VALUE})?)*+"
_MARKUP = re.compile(
    r"<!--(?:-?>|[^-]*+(?:-(?!-!?>)[^-]*+)*+(?:--!?>|\Z))"  # comment; an unclosed one too
    # a tag; an unclosed one too. Most tags have no quote before their ">", which ends
    # them then (group 3); with a quote, its attributes are read one by one (group 4).
    rf"|<(/?)([a-zA-Z][^{_SPACE}/>]*+)(?:([^>\"']*+)(?:>|\Z)|({_ATTRIBUTES})(?:>|\Z))"
    r"|<[!?/][^>]*+(?:>|\Z)",  # doctype, CDATA, processing instruction, bogus comment
    re.DOTALL,
)
_ATTRIBUTE = re.compile(rf"({_NAME})(?:[{_SPACE}]*+=[{_SPACE}]*+{_VALUE_PARTS})?")
_NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
# A character reference: numeric, or a name; a name without ";" is a reference only as far
# as its longest prefix that is one of the legacy names (those allowed without ";").
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8}+;?|#[0-9]{1,10}+;?|[A-Za-z][A-Za-z0-9]{0,31}+;?)")
_LEGACY_ENTITIES = frozenset(name for name in html5 if not name.endswith(";"))
_LEGACY_LENGTHS = sorted({len(name) for name in _LEGACY_ENTITIES}, reverse=True)


@dataclass(slots=True)
class PageText:
    """The page's visible text and, run by run, where it stands in the HTML.

    html (str): the page as given.
    text (str): the visible text, blocks separated by line breaks.
    starts (list[int]): offset in ``text`` of each run.
    lengths (list[int]): length in ``text`` of each run.
    sources (list[int]): offset in ``html`` where each run's source starts.
    source_ends (list[int]): offset in ``html`` where each run's source ends.
    verbatim (list[bool]): whether a run is copied as is (character i at ``sources + i``);
        otherwise it is one decoded character reference and maps to the whole reference.
    flags (list[int]): ``FLAG_*`` bits of the element context of each run.
    elements (int): number of start tags.
    tags (int): number of tags, comments and declarations read.
    references (int): number of character references decoded.
    """

    html: str
    text: str = ""
    starts: list[int] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    source_ends: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    verbatim: list[bool] = field(default_factory=list)
    flags: list[int] = field(default_factory=list)
    elements: int = 0
    tags: int = 0
    references: int = 0

    def run_at(self, offset: int) -> int | None:
        """Index of the run holding the character at ``offset`` of ``text``, if any."""
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        return index if offset < self.starts[index] + self.lengths[index] else None

    def source_of(self, offset: int) -> Span | None:
        """The range of the HTML that the text character at ``offset`` came from."""
        index = self.run_at(offset)
        if index is None:
            return None
        if not self.verbatim[index]:
            return Span(self.sources[index], self.source_ends[index])
        position = self.sources[index] + offset - self.starts[index]
        return Span(position, position + 1)

    def flags_at(self, offset: int) -> int:
        """The ``FLAG_*`` bits of the element the text character at ``offset`` stands in."""
        index = self.run_at(offset)
        return self.flags[index] if index is not None else 0

    def runs_with(self, flag: int, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The text ranges ``[start, end)`` of the runs between ``start`` and ``end`` of
        ``text`` that carry ``flag``."""
        index = max(bisect_right(self.starts, start) - 1, 0)
        while index < len(self.starts) and self.starts[index] < end:
            if self.flags[index] & flag:
                yield self.starts[index], self.starts[index] + self.lengths[index]
            index += 1

    def text_ranges(self, span: Span) -> list[Span]:
        """The parts of an HTML range that hold page text (no tags), merged where adjacent."""
        index = max(bisect_right(self.sources, span.start) - 1, 0)
        pieces: list[Span] = []
        while index < len(self.sources) and self.sources[index] < span.end:
            start = max(self.sources[index], span.start)
            end = min(self.source_ends[index], span.end)
            if start < end:
                if pieces and pieces[-1].end == start:
                    pieces[-1] = Span(pieces[-1].start, end)
                else:
                    pieces.append(Span(start, end))
            index += 1
        return pieces


class _Builder:
    """Accumulates the runs of a PageText while the scanner walks the page."""

    def __init__(self, page: PageText, steps: _Steps) -> None:
        self.page = page
        self.steps = steps
        self.parts: list[str] = []
        self.length = 0
        self.references = 0
        # bound once: a page may have a hundred thousand runs
        self._appends = (
            page.starts.append,
            page.lengths.append,
            page.sources.append,
            page.source_ends.append,
            page.verbatim.append,
            page.flags.append,
            self.parts.append,
        )

    def add_text(self, raw: str, offset: int, flags: int) -> None:
        position = 0
        if "&" in raw:
            for match in _ENTITY.finditer(raw):
                reference, decoded = _reference(match.group())
                if not reference:
                    continue
                start, end = match.start(), match.start() + len(reference)
                self._add_run(raw[position:start], offset + position, True, flags)
                self._add_run(decoded, offset + start, False, flags, offset + end)
                position = end
                self.references += 1
                if self.references % 4096 == 0:
                    self.steps.charge(4096)
        self._add_run(raw[position:], offset + position, True, flags)
        if self.length > MAX_TEXT_CHARS:
            raise TooLarge(
                f"page has more than {MAX_TEXT_CHARS:,} characters of text; "
                "too many to be one article"
            )

    def _add_run(
        self, text: str, source: int, verbatim: bool, flags: int, source_end: int = -1
    ) -> None:
        if not text:
            return
        starts, lengths, sources, source_ends, verbatims, flag_list, parts = self._appends
        size = len(text)
        starts(self.length)
        lengths(size)
        sources(source)
        source_ends(source + size if verbatim else source_end)
        verbatims(verbatim)
        flag_list(flags)
        parts(text)
        self.length += size

    def add_break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
            self.length += 1

    def finish(self) -> PageText:
        self.page.text = "".join(self.parts)
        return self.page


@lru_cache(maxsize=4096)
def _reference(found: str) -> tuple[str, str]:
    """The character reference at the start of ``found`` and its text; ("", "") if none."""
    if found.endswith(";") or found[1] == "#":
        decoded = html.unescape(found)
        return ("", "") if decoded == found else (found, decoded)
    for length in _LEGACY_LENGTHS:
        if found[1 : 1 + length] in _LEGACY_ENTITIES:
            return found[: 1 + length], html.unescape(found[: 1 + length])
    return "", ""


class _Steps:
    """Counts the steps of Python the scan takes (tags and references, by the thousand)
    and stops it when a page has more than ``MAX_MARKUP`` of them or runs out of time."""

    def __init__(self, check: Callable[[], None] | None) -> None:
        self.check = check
        self.count = 0

    def charge(self, steps: int) -> None:
        self.count += steps
        if self.count > MAX_MARKUP:
            raise TooLarge(
                f"page has more than {MAX_MARKUP:,} tags and character references; "
                "too many to be one article"
            )
        if self.check is not None:
            self.check()


class _OpenElements:
    """The stack of open elements and their flags, with where each name was last opened,
    so that an end tag finds its element (or is found stray) without walking the stack."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int]] = []
        self.depths: dict[str, list[int]] = {}

    def push(self, name: str, flags: int) -> None:
        self.depths.setdefault(name, []).append(len(self.stack))
        self.stack.append((name, flags))

    def close(self, name: str, flags: int) -> int:
        """Close the innermost open element called ``name`` and those opened inside it;
        RETURNS the flags from before it opened (``flags`` for a stray end tag)."""
        depths = self.depths.get(name)
        if not depths or len(self.stack) - depths[-1] > _MAX_CLOSE_DEPTH:
            return flags
        depth = depths[-1]
        for inner, _ in self.stack[depth:]:
            self.depths[inner].pop()
        flags = self.stack[depth][1]
        del self.stack[depth:]
        return flags


def scan_page(source: str, *, check: Callable[[], None] | None = None) -> PageText:
    """Split a page into its visible text and a map back to the HTML.

    source (str): the decoded HTML.
    check (Callable[[], None] | None): called now and then; it may raise to stop a slow scan.
    RETURNS (PageText): the text and its runs; raises ``TooLarge`` when the page has more
        than ``MAX_MARKUP`` tags and references or ``MAX_TEXT_CHARS`` characters of text.
    """
    page = PageText(html=source)
    steps = _Steps(check)
    builder = _Builder(page, steps)
    open_elements = _OpenElements()
    flags = 0
    position = 0
    tags = 0
    # search() from the current position rather than finditer(): after a script, scanning
    # starts again at its end tag, so that a "<!--" inside the script swallows nothing.
    while (match := _MARKUP.search(source, position)) is not None:
        tags += 1
        if tags % 4096 == 0:
            steps.charge(4096)
        start = match.start()
        if start > position and not flags & FLAG_HIDDEN:
            builder.add_text(source[position:start], position, flags)
        position = match.end()
        closing, name, plain, attributes = match.groups()
        if not name:
            continue
        name = name.lower()
        if plain is not None:
            attributes = plain
        if closing:
            flags = open_elements.close(name, flags)
        else:
            page.elements += 1
            if name in RAW_TEXT:
                end = _raw_text_end(name).search(source, position)
                position = end.start() if end else len(source)
                if name in BLOCK:
                    builder.add_break()
                continue
            if name not in VOID and not (attributes and attributes.rstrip().endswith("/")):
                open_elements.push(name, flags)
                flags |= _NAME_FLAGS.get(name, 0)
                if attributes and name not in CONTAINERS and _names_caption(attributes):
                    flags |= FLAG_CAPTION
        if name in BLOCK:
            builder.add_break()
    if position < len(source) and not flags & FLAG_HIDDEN:
        builder.add_text(source[position:], position, flags)
    page.tags = tags
    page.references = builder.references
    return builder.finish()


def _names_caption(attributes: str) -> bool:
    """Whether the class or id of a tag has a caption or credit word as a whole word."""
    lowered = attributes.lower()
    if "caption" not in lowered and "credit" not in lowered and "copyright" not in lowered:
        return False
    # pages repeat their class names: the answer for short attributes is kept
    if len(attributes) <= 256:
        return _names_caption_kept(attributes)
    return _class_or_id_names_caption(attributes)


def _class_or_id_names_caption(attributes: str) -> bool:
    for match in _ATTRIBUTE.finditer(attributes):
        if match.group(1).lower() in ("class", "id"):
            value = match.group(2) or match.group(3) or match.group(4) or ""
            words = (word.lower() for word in _NAME_WORD.findall(value))
            if not CAPTION_WORDS.isdisjoint(words):
                return True
    return False


_names_caption_kept = lru_cache(maxsize=1024)(_class_or_id_names_caption)


@lru_cache(maxsize=64)
def _raw_text_end(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{re.escape(name)}(?=[{_SPACE}/>])", re.IGNORECASE)
