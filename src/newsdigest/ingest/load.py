"""The one loader: whatever a story arrives as, it becomes an :class:`~newsdigest.model.Article`.

The Python API, the command line, the server and batch all call :func:`load`, so a story
is decoded, recognised as a page or a text, and given its metadata the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsdigest.errors import InputError
from newsdigest.ingest.text import article_from_text, decode_bytes, read_bytes
from newsdigest.model import Article

# A story given as a string that is one http(s) address and nothing else is fetched.
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
# The fields of a record that may hold its story, in order of preference, and their kind.
BODY_FIELDS = (("text", "text"), ("article", "text"), ("html", "html"))

Source = str | bytes | os.PathLike[str] | Mapping[str, Any]


def load(
    source: Source,
    *,
    title: str | None = None,
    published: str | dt.date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    id: str | None = None,
    html: bool | None = None,
    allow_private: bool = False,
) -> Article:
    """Turn a story, however it is given, into an Article.

    source (str | bytes | PathLike | Mapping): the story as text (or an HTML page, recognised
        by its content), as bytes (decoded: BOM, UTF-8, a declared charset, detection), as a
        path (a ``pathlib.Path``; a ``str`` is always the story itself), as a URL (a string
        that is one ``http(s)://`` address and nothing else, fetched), or as a record (a
        mapping with ``text``/``article``/``html`` and optional ``id``, ``title``,
        ``published``, ``url``, ``outlet``; the keyword arguments fill what it lacks).
    title, published, url, outlet, id: what is known about the story; for a page they
        override what the page says.
    html (bool | None): True reads the input as an HTML page, False as text; None decides
        by the content.
    allow_private (bool): let a URL be fetched from loopback and private addresses.
    RETURNS (Article): every offset of a digest indexes its ``text``; raises ``InputError``
        (bad story), ``NoInput`` (missing file) or ``FetchError`` (URL).
    """
    meta: dict[str, Any] = {"title": title, "published": published, "url": url, "id": id}
    if isinstance(source, Mapping):
        return _from_record(source, meta, outlet=outlet)
    if isinstance(source, os.PathLike):
        source = read_bytes(Path(source))
    if isinstance(source, bytes):
        article = _from_bytes(source, html, meta)
    elif isinstance(source, str):
        if html is None and _URL.fullmatch(source.strip()):
            article = _from_url(source.strip(), meta, allow_private)
        else:
            article = _from_str(source, html, meta)
    else:
        raise InputError(f"cannot read a story from {type(source).__name__}")
    return _with_outlet(article, outlet)


def _from_bytes(data: bytes, html: bool | None, meta: dict[str, Any]) -> Article:
    from newsdigest.ingest.html import decode_html_bytes, sniff_html

    if html or (html is None and sniff_html(data)):
        page, encoding = decode_html_bytes(data)
        return _from_page(page, meta, encoding=encoding)
    text, encoding = decode_bytes(data)
    return article_from_text(text, encoding=encoding, **meta)


def _from_str(text: str, html: bool | None, meta: dict[str, Any]) -> Article:
    from newsdigest.ingest.html import looks_like_html

    if html or (html is None and looks_like_html(text)):
        return _from_page(text, meta)
    return article_from_text(text, **meta)


def _from_page(page: str, meta: dict[str, Any], *, encoding: str | None = None) -> Article:
    from newsdigest.ingest.html import article_from_html

    return article_from_html(page, encoding=encoding, **meta)


def load_url(
    address: str,
    *,
    title: str | None = None,
    published: str | dt.date | None = None,
    allow_private: bool = False,
) -> Article:
    """Fetch a page and read its article (see :func:`load`); raises ``FetchError``."""
    return _from_url(address, {"title": title, "published": published}, allow_private)


def _from_url(address: str, meta: dict[str, Any], allow_private: bool) -> Article:
    from newsdigest.ingest.url import fetch_page

    page = fetch_page(address, allow_private=allow_private)
    return _from_page(page.html, {**meta, "url": page.url}, encoding=page.encoding)


def _from_record(record: Mapping[str, Any], meta: dict[str, Any], *, outlet: str | None) -> Article:
    found = next((pair for pair in BODY_FIELDS if record.get(pair[0]) not in (None, "")), None)
    if found is None:
        raise InputError("record has no text, article or html")
    name, kind = found
    body = record[name]
    if not isinstance(body, str):
        raise InputError(f"field {name!r} must be a string, not {type(body).__name__}")
    fields = {key: _field(record, key) or meta[key] for key in ("title", "published", "url", "id")}
    article = _from_page(body, fields) if kind == "html" else _from_str(body, False, fields)
    return _with_outlet(article, _field(record, "outlet") or outlet)


def _field(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _with_outlet(article: Article, outlet: str | None) -> Article:
    if outlet is None or article.outlet == outlet:
        return article
    from dataclasses import replace

    return replace(article, outlet=outlet)
