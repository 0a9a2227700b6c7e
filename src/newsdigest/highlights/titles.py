"""Headlines from the address of a story: the slug of a Daily Mail or CNN URL."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_ARCHIVE_PREFIX = re.compile(r"^https?://web\.archive\.org/web/[^/]+/", re.IGNORECASE)
_NOT_SLUG = re.compile(r"^(?:index|article-\d+|\d+|[a-z]{1,3})$", re.IGNORECASE)
_EXTENSION = re.compile(r"\.(?:s?html?|php|aspx?)$", re.IGNORECASE)


def title_from_url(url: str) -> str | None:
    """The headline words of a story's URL slug, or None when the URL has no slug.

    ``.../article-1234567/Harbour-council-delays-ferry-vote.html``
    gives ``Harbour council delays ferry vote``;
    ``.../2026/03/11/us/ferry-vote-delayed/index.html`` gives ``ferry vote delayed``.

    url (str): the address of the story (a web archive address is unwrapped).
    RETURNS (str | None): the slug's words separated by spaces.
    """
    path = urlsplit(_ARCHIVE_PREFIX.sub("", url.strip())).path
    for segment in reversed([s for s in path.split("/") if s]):
        slug = _EXTENSION.sub("", unquote(segment))
        if _NOT_SLUG.match(slug) or ("-" not in slug and "_" not in slug):
            continue
        words = [w for w in re.split(r"[-_+]+", slug) if w]
        if len(words) >= 2:
            return " ".join(words)
    return None
