"""Stories from web pages: the article, its metadata, and a map from its text back to the page.

The work is split by job: :mod:`~newsdigest.ingest.charset` tells a page from a text and
decodes its bytes, :mod:`~newsdigest.ingest.extract` finds the article (trafilatura, then
the page's own words), and :mod:`~newsdigest.ingest.align` rebuilds the text from those
words with :class:`HtmlSourceMap`. This module puts them together under the limits a page
must keep.
"""

from __future__ import annotations

import datetime as dt

from newsdigest.errors import InputError, TooLarge
from newsdigest.ingest._timelimit import PageTimeout, run_with_time_limit
from newsdigest.ingest.align import HtmlSourceMap, build_text
from newsdigest.ingest.charset import decode_html_bytes, looks_like_html, sniff_html
from newsdigest.ingest.extract import (
    article_paragraphs,
    authors_of,
    extract,
    load_extractor,
    published_of,
    quiet_extraction_loggers,
)
from newsdigest.ingest.text import parse_published
from newsdigest.model import Article

__all__ = [
    "MAX_HTML_CHARS",
    "TIME_LIMIT",
    "HtmlSourceMap",
    "article_from_html",
    "decode_html_bytes",
    "looks_like_html",
    "quiet_extraction_loggers",
    "sniff_html",
]

MAX_HTML_CHARS = 5_000_000
TIME_LIMIT = 20.0


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
        raises ``InputError`` when the page holds no article, and ``TooLarge`` when it
        holds more tags, text or elements than one article needs (``_markup.MAX_MARKUP``,
        ``_markup.MAX_TEXT_CHARS``, ``extract.MAX_ELEMENTS``, ``extract.MAX_EXTRACTED_CHARS``).
    """
    if not isinstance(html, str):
        raise InputError(f"html must be str, not {type(html).__name__}; decode bytes first")
    if len(html) > max_html_chars:
        raise TooLarge(f"page has {len(html):,} characters, over the limit of {max_html_chars:,}")
    if not html.strip():
        raise InputError("page is empty")
    load_extractor()  # outside the time limit: an import cut short would stay broken
    try:
        extracted = run_with_time_limit(lambda check: extract(html, url, check), time_limit)
    except PageTimeout:
        raise InputError(f"page took longer than {time_limit:g} s to read; giving up") from None
    except RecursionError:
        raise InputError("page nests its elements too deeply to be read") from None
    meta = extracted.metadata
    paragraphs = article_paragraphs(extracted, (title, meta.get("title")))
    text, source_map = build_text(extracted.page, extracted.words, paragraphs)
    return Article(
        text=text,
        id=id,
        title=(title or meta.get("title") or "").strip() or None,
        published=parse_published(published) or published_of(meta.get("date")),
        url=url or meta.get("url"),
        encoding=encoding,
        authors=authors_of(meta.get("author")),
        site_name=meta.get("sitename") or None,
        source_map=source_map,
    )
