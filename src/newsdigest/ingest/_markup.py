"""The visible text of an HTML page, with the exact place in the page of every character.

A small scanner of our own walks the raw HTML string once: it skips tags, comments,
scripts and styles, decodes character references, and records where each run of text
came from. lxml cannot do this: it keeps only line numbers, and it rewrites the text
(entities decoded, white space kept or dropped) without saying where anything was.

The page text is the text of the page's text nodes in document order, with a line
break (which comes from nowhere in the page) wherever a block element starts or ends,
so that words of different blocks never run together.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.entities import html5

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
# Where image captions and photo credits live, by element name or class/id.
CAPTION_TAGS = frozenset({"figcaption"})
_CAPTION_NAME = re.compile(r"caption|credit|photo-?by|copyright", re.IGNORECASE)
_CLASS_OR_ID = re.compile(r"""\b(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

FLAG_CAPTION = 1
FLAG_HIDDEN = 2
FLAG_HEADING = 4

_MARKUP = re.compile(
    r"""<!--.*?(?:-->|\Z)"""  # comment (an unclosed one runs to the end)
    r"""|<(/?)([a-zA-Z][^\t\n\f\r />]*)((?:[^>"']|"[^"]*"|'[^']*')*)>"""  # tag
    r"""|<[!?/][^>]*(?:>|\Z)""",  # doctype, CDATA, processing instruction, bogus tag
    re.DOTALL,
)
_LEGACY_ENTITIES = sorted((k for k in html5 if not k.endswith(";")), key=len, reverse=True)
_ENTITY = re.compile(
    r"&(?:#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,10};?|[A-Za-z][A-Za-z0-9]{1,31};"
    + "".join(f"|{name}" for name in _LEGACY_ENTITIES)
    + ")"
)


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

    def __init__(self, page: PageText) -> None:
        self.page = page
        self.parts: list[str] = []
        self.length = 0

    def add_text(self, raw: str, offset: int, flags: int) -> None:
        if "&" not in raw:
            self._add_run(raw, offset, True, flags)
            return
        position = 0
        for match in _ENTITY.finditer(raw):
            decoded = html.unescape(match.group())
            if decoded == match.group():
                continue
            self._add_run(raw[position : match.start()], offset + position, True, flags)
            self._add_run(decoded, offset + match.start(), False, flags, offset + match.end())
            position = match.end()
        self._add_run(raw[position:], offset + position, True, flags)

    def _add_run(
        self, text: str, source: int, verbatim: bool, flags: int, source_end: int = -1
    ) -> None:
        if not text:
            return
        page = self.page
        page.starts.append(self.length)
        page.lengths.append(len(text))
        page.sources.append(source)
        page.source_ends.append(source + len(text) if verbatim else source_end)
        page.verbatim.append(verbatim)
        page.flags.append(flags)
        self.parts.append(text)
        self.length += len(text)

    def add_break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
            self.length += 1

    def finish(self) -> PageText:
        self.page.text = "".join(self.parts)
        return self.page


def scan_page(source: str, *, check: Callable[[], None] | None = None) -> PageText:
    """Split a page into its visible text and a map back to the HTML.

    source (str): the decoded HTML.
    check (Callable[[], None] | None): called now and then; it may raise to stop a slow scan.
    RETURNS (PageText): the text and its runs.
    """
    page = PageText(html=source)
    builder = _Builder(page)
    stack: list[tuple[str, int]] = []
    flags = 0
    position = 0
    count = 0
    # search() from the current position rather than finditer(): after a script, scanning
    # starts again at its end tag, so that a "<!--" inside the script swallows nothing.
    while (match := _MARKUP.search(source, position)) is not None:
        count += 1
        if check is not None and count % 4096 == 0:
            check()
        if match.start() > position and not flags & FLAG_HIDDEN:
            builder.add_text(source[position : match.start()], position, flags)
        position = match.end()
        name = (match.group(2) or "").lower()
        if not name:
            continue
        if match.group(1):
            flags = _close(stack, name, flags)
        else:
            page.elements += 1
            if name in RAW_TEXT:
                closing = _raw_text_end(name).search(source, position)
                position = closing.start() if closing else len(source)
                if name in BLOCK:
                    builder.add_break()
                continue
            if name not in VOID and not match.group(3).rstrip().endswith("/"):
                stack.append((name, flags))
                flags |= _element_flags(name, match.group(3))
        if name in BLOCK:
            builder.add_break()
    if position < len(source) and not flags & FLAG_HIDDEN:
        builder.add_text(source[position:], position, flags)
    return builder.finish()


def _element_flags(name: str, attributes: str) -> int:
    flags = FLAG_HIDDEN if name in HIDDEN else FLAG_HEADING if name in HEADINGS else 0
    if name in CAPTION_TAGS or (
        attributes
        and any(_CAPTION_NAME.search("".join(values)) for values in _attribute_values(attributes))
    ):
        flags |= FLAG_CAPTION
    return flags


def _attribute_values(attributes: str) -> list[tuple[str, ...]]:
    return [m.groups("") for m in _CLASS_OR_ID.finditer(attributes)]


def _close(stack: list[tuple[str, int]], name: str, flags: int) -> int:
    """Pop the stack to the innermost open element called ``name``; stray end tags are ignored."""
    for depth in range(len(stack) - 1, max(len(stack) - 64, 0) - 1, -1):
        if stack[depth][0] == name:
            flags = stack[depth][1]
            del stack[depth:]
            return flags
    return flags


def _raw_text_end(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{re.escape(name)}(?=[\s/>])", re.IGNORECASE)
