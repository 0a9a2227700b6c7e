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
]
