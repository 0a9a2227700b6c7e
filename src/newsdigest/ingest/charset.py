"""What a document's bytes are: an HTML page or not, and in which character encoding."""

from __future__ import annotations

import codecs
import logging
import re

from newsdigest.ingest.text import decode_bytes

log = logging.getLogger(__name__)

_HTML_START = re.compile(
    r"\A\ufeff?(?:\s|<!--.*?-->|<\?xml[^>]*>)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|base|link)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
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
    """Whether a document's bytes look like an HTML page (see :func:`looks_like_html`).

    data (bytes): the document, or its first few kilobytes.
    RETURNS (bool): True when its start reads as HTML.
    """
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
