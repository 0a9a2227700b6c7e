"""The Pipeline: runs the stages of the sections asked for over one story, or over many.

Many stories are parsed together with spaCy's ``nlp.pipe``, in batches, and only when a
stage asked for reads the parse (see :data:`newsdigest.sections.SECTIONS`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.errors import NewsdigestError
from newsdigest.ingest.text import check_story
from newsdigest.language import check_language
from newsdigest.model import Article, Digest
from newsdigest.nlp import load_pipeline
from newsdigest.sections import SECTIONS, Found, SectionName, reads_doc, resolve_sections
from newsdigest.settings import Settings

# Stories parsed together by one ``nlp.pipe`` call when none is given.
DEFAULT_BATCH_SIZE = 32

__all__ = ["DEFAULT_BATCH_SIZE", "Pipeline", "resolve_sections"]


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
        return self.run(Analysis(self.check(article), self.settings), only)

    def run(self, analysis: Analysis, only: Sequence[str] | None = None) -> Digest:
        """Run the stages of the sections asked for over a story already analysed.

        analysis (Analysis): the story, perhaps with a parse made elsewhere (a spaCy
            component's Doc).
        only (Sequence[str] | None): sections to compute; None computes all.
        RETURNS (Digest): the digest.
        """
        return self._digest(analysis, resolve_sections(only))

    def check(self, article: Article) -> Article:
        """Refuse a story that cannot be digested: empty, binary-looking, too long, or clearly
        not in English (unless the settings name its language).

        RETURNS (Article): the article with its ``language`` filled in where it was found.
        """
        check_story(article.text, max_chars=self.settings.max_chars)
        language = self.settings.language or check_language(article.text)
        if language is None or article.language == language:
            return article
        return replace(article, language=language)

    def pipe(
        self,
        articles: Iterable[Article | Exception],
        *,
        only: Sequence[str] | None = None,
        batch_size: int | None = None,
    ) -> Iterator[Digest]:
        """Digest stories in input order, parsing each batch with one ``nlp.pipe`` call.

        articles (Iterable[Article | Exception]): the stories, streamed, a batch held at a
            time; an exception in their place (a story that could not be loaded) is raised
            when its turn comes.
        only (Sequence[str] | None): sections to compute; None computes all.
        batch_size (int | None): stories parsed together; None uses ``DEFAULT_BATCH_SIZE``.
        RETURNS (Iterator[Digest]): one digest per story; the first unusable story raises
            its error (use :meth:`pipe_outcomes` to go on past it).
        """
        for outcome in self.pipe_outcomes(articles, only=only, batch_size=batch_size):
            if isinstance(outcome, Exception):
                raise outcome
            yield outcome

    def pipe_outcomes(
        self,
        articles: Iterable[Article | Exception],
        *,
        only: Sequence[str] | None = None,
        batch_size: int | None = None,
    ) -> Iterator[Digest | Exception]:
        """Like :meth:`pipe`, but a story that fails yields its error in its place.

        An unusable story yields its :class:`NewsdigestError` (an exception given in place of
        a story is yielded as it is); a stage that fails on a story (a bug) yields that
        exception, so one story never stops the others.
        """
        sections = resolve_sections(only)
        size = batch_size or DEFAULT_BATCH_SIZE
        if size < 1:
            raise ValueError("batch_size must be at least 1")
        stories = iter(articles)
        while batch := list(islice(stories, size)):
            yield from self._digest_batch(batch, sections)

    def _digest_batch(
        self, batch: list[Article | Exception], sections: tuple[SectionName, ...]
    ) -> Iterator[Digest | Exception]:
        usable: list[Article] = []
        errors: dict[int, Exception] = {}
        for position, article in enumerate(batch):
            if isinstance(article, Exception):
                errors[position] = article
                continue
            try:
                usable.append(self.check(article))
            except NewsdigestError as exc:
                errors[position] = exc
        docs = self._parse([a.text for a in usable]) if reads_doc(sections) else None
        parsed = iter(zip(usable, docs or [None] * len(usable), strict=True))
        for position in range(len(batch)):
            if position in errors:
                yield errors[position]
                continue
            article, doc = next(parsed)
            try:
                yield self._digest(Analysis(article, self.settings, doc=doc), sections)
            except Exception as exc:  # a failing stage costs this story, not the batch
                yield exc

    def _parse(self, texts: list[str]) -> list[Any]:
        nlp = load_pipeline(self.settings.spacy_pipeline)
        return list(nlp.pipe(texts, batch_size=len(texts)))

    def _digest(self, analysis: Analysis, sections: tuple[SectionName, ...]) -> Digest:
        found: Found = {}
        for name in sections:
            found[name] = SECTIONS[name].run(analysis, found)
        return Digest(article=analysis.article, sections=sections, **found)
