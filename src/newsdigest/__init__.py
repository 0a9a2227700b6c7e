"""newsdigest: highlights, cast, quotes and timeline of a news story.

Every item of a digest points back to the exact characters of the input.

    >>> import newsdigest
    >>> d = newsdigest.digest(text, published="2026-03-11")
    >>> d.to_dict()["highlights"]
    >>> for d in newsdigest.digest_many(stories, only=["quotes"]):
    ...     print(d.article.id, len(d.quotes))
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from newsdigest.errors import FetchError, InputError, NewsdigestError, NoInput, TooLarge
from newsdigest.ingest.load import load, load_url
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
from newsdigest.sections import SECTIONS, SectionName
from newsdigest.settings import Settings

__version__ = "0.2.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# What digest_many accepts as a story: text, a record with its fields, or a loaded Article.
Story = str | Mapping[str, Any] | Article


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
        ``quotes``, ``dates``, ``timeline``); None computes all. A plain string is refused.
    settings (Settings | None): options; None uses the defaults.
    RETURNS (Digest): the digest; ``.to_dict()`` gives the ``newsdigest/1`` JSON.
    """
    if not isinstance(text, str):
        raise InputError(f"text must be str, not {type(text).__name__}; decode bytes first")
    article = load(text, title=title, published=published, url=url, html=False)
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
    article = load(html, url=url, published=published, title=title, html=True)
    return _pipeline(settings or Settings())(article, only=only)


def digest_url(
    url: str,
    *,
    allow_private: bool = False,
    title: str | None = None,
    published: str | dt.date | None = None,
    only: Sequence[str] | None = None,
    settings: Settings | None = None,
) -> Digest:
    """Fetch a page and digest its article (see :func:`digest_html`).

    url (str): an ``http`` or ``https`` address.
    allow_private (bool): also fetch from loopback, private, link-local and multicast hosts.
    title (str | None): overrides the title found in the page.
    published (str | date | None): overrides the publication date found in the page.
    only (Sequence[str] | None): sections to compute; None computes all.
    settings (Settings | None): options; None uses the defaults.
    RETURNS (Digest): the digest; raises ``FetchError`` when the page cannot be fetched.
    """
    article = load_url(url, title=title, published=published, allow_private=allow_private)
    return _pipeline(settings or Settings())(article, only=only)


def digest_many(
    items: Iterable[Story],
    *,
    workers: int = 1,
    only: Sequence[str] | None = None,
    batch_size: int | None = None,
    settings: Settings | None = None,
) -> Iterator[Digest]:
    """Digest many stories, yielding their digests in input order.

    items (Iterable[str | Mapping | Article]): the stories, streamed: text, records with
        ``text``/``html`` and optional ``id``, ``title``, ``published``, ``url``, ``outlet``
        (as :func:`load` reads them), or Articles (with ``workers=1``).
    workers (int): processes; 1 digests in this process, more start a pool of worker
        processes (each loads the spaCy pipeline once).
    only (Sequence[str] | None): sections to compute; None computes all.
    batch_size (int | None): stories parsed together by one ``nlp.pipe`` call.
    settings (Settings | None): options; None uses the defaults.
    RETURNS (Iterator[Digest]): one digest per story, in input order; the first story that
        cannot be digested raises its error (``newsdigest batch`` reports and goes on).
    """
    settings = settings or Settings()
    sections = _check_only(only)
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if workers == 1:
        articles = (_load_story(item) for item in items)
        yield from _pipeline(settings).pipe(articles, only=sections, batch_size=batch_size)
        return
    yield from _digest_in_pool(items, workers, sections, settings)


def _check_only(only: Sequence[str] | None) -> tuple[str, ...] | None:
    if isinstance(only, str | bytes):
        raise TypeError(f"only must be a list of section names, not a string: only=[{only!r}]")
    return tuple(only) if only else None


def _load_story(item: Story) -> Article | Exception:
    if isinstance(item, Article):
        return item
    try:
        return load(item, html=False) if isinstance(item, str) else load(item)
    except NewsdigestError as exc:
        return exc


def _digest_in_pool(
    items: Iterable[Story], workers: int, only: Sequence[str] | None, settings: Settings
) -> Iterator[Digest]:
    from newsdigest.batch import digest_many as digest_records

    def records() -> Iterator[str | Mapping[str, Any]]:
        for item in items:
            if isinstance(item, Article):
                raise TypeError("digest_many takes Articles only with workers=1")
            yield item

    results = digest_records(records(), workers=workers, only=only, settings=settings, ordered=True)
    for result in results:
        if result.line is None:
            raise InputError(f"{result.source}: {result.error}")
        yield Digest.from_dict(json.loads(result.line))


__all__ = [
    "SECTIONS",
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
    "SectionName",
    "Settings",
    "Span",
    "TimelineEvent",
    "TooLarge",
    "__version__",
    "digest",
    "digest_html",
    "digest_many",
    "digest_url",
    "load",
]
