"""The stages of a digest, registered by name with what each reads, and the Pipeline."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.cast import find_cast
from newsdigest.dates import find_dates
from newsdigest.errors import ConfigError
from newsdigest.highlights import select_highlights
from newsdigest.ingest.text import check_story
from newsdigest.model import SECTIONS, Article, Digest
from newsdigest.quotes import find_quotes
from newsdigest.settings import Settings
from newsdigest.timeline import build_timeline

Found = dict[str, tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Stage:
    """A section of the digest: how to compute it, and which sections it reads."""

    run: Callable[[Analysis, Found], tuple[Any, ...]]
    requires: tuple[str, ...] = ()


STAGES: dict[str, Stage] = {
    "highlights": Stage(lambda a, found: select_highlights(a)),
    "entities": Stage(lambda a, found: find_cast(a)),
    "quotes": Stage(lambda a, found: find_quotes(a, found["entities"]), requires=("entities",)),
    "dates": Stage(lambda a, found: find_dates(a)),
    "timeline": Stage(lambda a, found: build_timeline(a, found["dates"]), requires=("dates",)),
}


def resolve_sections(only: Sequence[str] | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sections asked for, and every section to compute for them, in stage order."""
    wanted = tuple(SECTIONS) if not only else tuple(dict.fromkeys(only))
    unknown = [name for name in wanted if name not in STAGES]
    if unknown:
        raise ConfigError(
            f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}"
        )
    needed: set[str] = set()

    def visit(name: str) -> None:
        if name not in needed:
            needed.add(name)
            for dependency in STAGES[name].requires:
                visit(dependency)

    for name in wanted:
        visit(name)
    order = tuple(name for name in STAGES if name in needed)
    return tuple(name for name in SECTIONS if name in wanted), order


class Pipeline:
    """Digests stories with one set of settings; the spaCy pipeline is loaded on first need.

    settings (Settings): options shared by every story this pipeline digests.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, article: Article, *, only: Sequence[str] | None = None) -> Digest:
        """Digest one story.

        article (Article): the story and its metadata.
        only (Sequence[str] | None): sections to compute; None computes all.
        RETURNS (Digest): the sections asked for, every item with spans into ``article.text``.
        """
        wanted, order = resolve_sections(only)
        check_story(article.text, max_chars=self.settings.max_chars)
        analysis = Analysis(article, self.settings)
        found: Found = {}
        for name in order:
            found[name] = STAGES[name].run(analysis, found)
        return Digest(
            article=article,
            sections=wanted,
            **{name: found[name] for name in wanted},
        )

    def pipe(
        self, articles: Iterable[Article], *, only: Sequence[str] | None = None
    ) -> Iterator[Digest]:
        """Digest stories one after another, in input order."""
        for article in articles:
            yield self(article, only=only)
