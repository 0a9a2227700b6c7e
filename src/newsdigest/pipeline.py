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


def resolve_sections(only: Sequence[str] | None) -> tuple[str, ...]:
    """The sections to compute and output for ``only``, in stage order.

    A section brings the sections it reads: quotes name their speakers by entity id and
    timeline events name their dates by index, so those are computed and output too.
    """
    asked = tuple(SECTIONS) if not only else tuple(dict.fromkeys(only))
    unknown = [name for name in asked if name not in STAGES]
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

    for name in asked:
        visit(name)
    return tuple(name for name in STAGES if name in needed)


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
        RETURNS (Digest): the sections asked for and those they refer to, every item with
            spans into ``article.text``.
        """
        sections = resolve_sections(only)
        check_story(article.text, max_chars=self.settings.max_chars)
        analysis = Analysis(article, self.settings)
        found: Found = {}
        for name in sections:
            found[name] = STAGES[name].run(analysis, found)
        return Digest(
            article=article,
            sections=sections,
            highlights=found.get("highlights", ()),
            entities=found.get("entities", ()),
            quotes=found.get("quotes", ()),
            dates=found.get("dates", ()),
            timeline=found.get("timeline", ()),
        )

    def pipe(
        self, articles: Iterable[Article], *, only: Sequence[str] | None = None
    ) -> Iterator[Digest]:
        """Digest stories one after another, in input order."""
        for article in articles:
            yield self(article, only=only)
