"""newsdigest: highlights, cast, quotes and timeline of a news story.

Every item of a digest points back to the exact characters of the input.

    >>> import newsdigest
    >>> d = newsdigest.digest(text, published="2026-03-11")
    >>> d.to_dict()["highlights"]
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from functools import lru_cache

from newsdigest.errors import FetchError, InputError, NewsdigestError, NoInput, TooLarge
from newsdigest.ingest.text import article_from_text
from newsdigest.model import (
    Article,
    DateMention,
    Digest,
    Entity,
    Highlight,
    Quote,
    Role,
    Span,
    TimelineEvent,
)
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


@lru_cache(maxsize=8)
def _pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


def digest(
    text: str,
    *,
    title: str | None = None,
    published: str | dt.date | None = None,
    url: str | None = None,
    only: Sequence[str] | None = None,
    settings: Settings | None = None,
) -> Digest:
    """Digest one story given as text.

    text (str): the story; every offset in the result indexes this string.
    title (str | None): the headline, which informs the highlights.
    published (str | date | None): publication date (``YYYY-MM-DD``), the reference for
        relative dates; without it relative dates get the value ``None``.
    url (str | None): where the story was published.
    only (Sequence[str] | None): sections to compute (``highlights``, ``entities``,
        ``quotes``, ``dates``, ``timeline``); None computes all.
    settings (Settings | None): options; None uses the defaults.
    RETURNS (Digest): the digest; ``.to_dict()`` gives the ``newsdigest/1`` JSON.
    """
    if not isinstance(text, str):
        raise InputError(f"text must be str, not {type(text).__name__}; decode bytes first")
    article = article_from_text(text, title=title, published=published, url=url)
    return _pipeline(settings or Settings())(article, only=only)


def digest_html(
    html: str | bytes,
    *,
    url: str | None = None,
    published: str | dt.date | None = None,
    title: str | None = None,
    only: Sequence[str] | None = None,
    settings: Settings | None = None,
) -> Digest:
    """Digest the article of a web page; every item also points into the page.

    html (str | bytes): the page; bytes are decoded (BOM, UTF-8, declared charset, detection).
    url (str | None): where the page was published (its path may carry the date).
    published (str | date | None): overrides the publication date found in the page.
    title (str | None): overrides the title found in the page.
    only (Sequence[str] | None): sections to compute; None computes all.
    settings (Settings | None): options; None uses the defaults.
    RETURNS (Digest): offsets index ``article.text``; ``.to_dict()`` adds ``html_spans``
        and ``html_span`` ranges of the page string (of the decoded page for bytes).
    """
    from newsdigest.ingest.html import article_from_html, decode_html_bytes

    encoding = None
    if isinstance(html, bytes):
        html, encoding = decode_html_bytes(html)
    article = article_from_html(html, url=url, published=published, title=title, encoding=encoding)
    return _pipeline(settings or Settings())(article, only=only)


def digest_url(
    url: str,
    *,
    allow_private: bool = False,
    published: str | dt.date | None = None,
    only: Sequence[str] | None = None,
    settings: Settings | None = None,
) -> Digest:
    """Fetch a page and digest its article (see :func:`digest_html`).

    url (str): an ``http`` or ``https`` address.
    allow_private (bool): also fetch from loopback, private, link-local and multicast hosts.
    published (str | date | None): overrides the publication date found in the page.
    only (Sequence[str] | None): sections to compute; None computes all.
    settings (Settings | None): options; None uses the defaults.
    RETURNS (Digest): the digest; raises ``FetchError`` when the page cannot be fetched.
    """
    from newsdigest.ingest.html import article_from_html
    from newsdigest.ingest.url import fetch_page

    page = fetch_page(url, allow_private=allow_private)
    article = article_from_html(
        page.html, url=page.url, published=published, encoding=page.encoding
    )
    return _pipeline(settings or Settings())(article, only=only)


__all__ = [
    "Article",
    "DateMention",
    "Digest",
    "Entity",
    "FetchError",
    "Highlight",
    "InputError",
    "NewsdigestError",
    "NoInput",
    "Pipeline",
    "Quote",
    "Role",
    "Settings",
    "Span",
    "TimelineEvent",
    "TooLarge",
    "__version__",
    "digest",
    "digest_html",
    "digest_url",
]
