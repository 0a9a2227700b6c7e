"""The page itself with the digest marked in place: highlights, quotes and dates.

For a story that came from a web page, the original HTML is written back unchanged
except for ``<mark>`` elements around the text of each item, so a reader can check
every item where it was published. A mark wraps page text only, never a tag, so the
page's structure stays as it was: an item that crosses tags gets one mark per piece of
text, and where items overlap a piece carries the classes of all of them. Removing
every ``<mark ...>`` and ``</mark>`` gives the original page back.

A story given as plain text gets a small page of its own, marked the same way.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Callable, Iterator
from itertools import pairwise

from newsdigest.model import Digest, Span
from newsdigest.sections import SECTIONS
from newsdigest.views import Mark

KINDS: tuple[str, ...] = ("highlight", "quote", "date")
STYLES = {
    "highlight": "background:#ffe66d",
    "quote": "box-shadow:inset 0 -3px #1f6feb",
    "date": "outline:1px dashed #c2410c",
}


def render_html(digest: Digest, include_text: bool = True) -> str:
    """The page with the digest marked in place (or a page of the text, for a text story).

    digest (Digest): the digest; for a web page its article carries an HtmlSourceMap.
    include_text (bool): ignored; the page always shows its text.
    RETURNS (str): an HTML document.
    """
    from newsdigest.ingest.html import HtmlSourceMap

    marks = list(digest_marks(digest))
    source_map = digest.article.source_map
    if isinstance(source_map, HtmlSourceMap):
        pieces = [
            (piece, mark)
            for mark in marks
            if (target := source_map(mark.span)) is not None
            for piece in source_map.text_ranges(target)
            if source_map.html[piece.start : piece.end].strip()
        ]
        return mark_source(source_map.html, pieces, escape=lambda s: s)
    return _text_page(digest, [(mark.span, mark) for mark in marks])


def digest_marks(digest: Digest) -> Iterator[Mark]:
    """The items the page shows, as spans of the article text, section by section."""
    for name in digest.sections:
        marks = SECTIONS[name].marks
        if marks is not None:
            yield from marks(digest)


def mark_source(
    source: str, pieces: list[tuple[Span, Mark]], *, escape: Callable[[str], str]
) -> str:
    """``source`` with every stretch covered by marks wrapped in one ``<mark>``.

    source (str): the document.
    pieces (list[tuple[Span, Mark]]): ranges of ``source`` and the item each belongs to.
    escape (Callable[[str], str]): applied to the text of ``source`` (identity for HTML).
    RETURNS (str): the marked document.
    """
    points = sorted({p for span, _ in pieces for p in (span.start, span.end)})
    out: list[str] = []
    position = 0
    for start, end in pairwise(points):
        active = [mark for span, mark in pieces if span.start <= start and end <= span.end]
        if not active:
            continue
        out += [escape(source[position:start]), _open_tag(active), escape(source[start:end])]
        out.append("</mark>")
        position = end
    out.append(escape(source[position:]))
    return "".join(out)


def _open_tag(marks: list[Mark]) -> str:
    kinds = [kind for kind in KINDS if any(m.kind == kind for m in marks)]
    classes = " ".join(["newsdigest", *(f"newsdigest-{kind}" for kind in kinds)])
    style = ";".join(STYLES[kind] for kind in kinds)
    if "highlight" not in kinds:
        style += ";background:none"
    labels = "; ".join(dict.fromkeys(m.label for m in marks))
    return (
        f'<mark class="{classes}" style="{style};color:inherit" '
        f'title="{html_lib.escape(labels, quote=True)}">'
    )


def _text_page(digest: Digest, pieces: list[tuple[Span, Mark]]) -> str:
    title = html_lib.escape(digest.article.title or "Story digest")
    body = mark_source(digest.article.text, pieces, escape=html_lib.escape)
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n"
        f'<article style="white-space:pre-wrap;max-width:42em">{body}</article>\n'
        "</body>\n</html>\n"
    )
