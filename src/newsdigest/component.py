"""newsdigest as a spaCy component: ``nlp.add_pipe("newsdigest")`` on any English pipeline.

    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm")
    >>> nlp.add_pipe("newsdigest", config={"published": "2026-03-11"})
    >>> doc = nlp(text)
    >>> doc._.digest.quotes            # the Digest, as newsdigest.digest() gives it
    >>> doc.spans["quotes"]            # the same items as spaCy spans

The factory is registered through spaCy's ``spacy_factories`` entry point, so it is found
once newsdigest is installed. The component reads the host pipeline's parse and entities
when it has them (``doc.has_annotation``) and otherwise parses the text with newsdigest's
own pipeline. Span groups it fills (labels in capitals, the span's ``id_`` links it):

- ``highlights``: every piece of every bullet, label ``HIGHLIGHT``, ``id_`` ``h1``, ``h2``...
- ``cast``: every mention of every cast member, label its type, ``id_`` its entity id;
- ``quotes``: label ``DIRECT``, ``INDIRECT`` or ``MIXED``, ``id_`` the speaker's entity id;
- ``dates``: label the TIMEX3 type, ``id_`` the TIMEX3 value.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsdigest.analysis import Analysis
from newsdigest.ingest.text import parse_published
from newsdigest.model import Article, Digest, Span
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings

# The annotations newsdigest's stages read from a Doc.
NEEDED = ("TAG", "POS", "DEP", "ENT_IOB")
EXTENSIONS = ("digest", "published", "title", "url")


@Language.factory(
    "newsdigest",
    default_config={"only": None, "published": None, "pipeline": None, "language": None},
    assigns=["doc._.digest", "doc.spans"],
)
def make_newsdigest(
    nlp: Language,
    name: str,
    only: list[str] | None,
    published: str | None,
    pipeline: str | None,
    language: str | None,
) -> DigestComponent:
    """Create the component.

    only (list[str] | None): sections to compute; None computes all.
    published (str | None): publication date (YYYY-MM-DD) of every story, unless a Doc's
        ``doc._.published`` says otherwise.
    pipeline (str | None): the spaCy pipeline newsdigest parses with when the host's Doc
        lacks a parse or entities; None uses newsdigest's default.
    language (str | None): ``en`` reads every Doc as English without detecting it; None
        detects it and raises ``InputError`` for a Doc clearly in another language.
    """
    settings = Settings(language=language)
    if pipeline:
        settings = settings.with_options(spacy_pipeline=pipeline)
    return DigestComponent(only=only, published=published, settings=settings)


class DigestComponent:
    """Digests each Doc: ``doc._.digest`` and span groups (see the module docstring).

    only (Sequence[str] | None): sections to compute; None computes all.
    published (str | None): the default publication date.
    settings (Settings): options for the digest.
    """

    def __init__(
        self,
        *,
        only: Sequence[str] | None = None,
        published: str | None = None,
        settings: Settings | None = None,
    ) -> None:
        for extension in EXTENSIONS:
            if not Doc.has_extension(extension):
                Doc.set_extension(extension, default=None)
        self.only = list(only) if only else None
        self.published = parse_published(published)
        self.pipeline = Pipeline(settings or Settings())

    def __call__(self, doc: Doc) -> Doc:
        """Digest the Doc; an empty one gets an empty digest, an unusable one raises the
        ``NewsdigestError`` that ``newsdigest.digest`` would (binary, too long, not English)."""
        article = Article(
            text=doc.text,
            title=doc._.title,
            url=doc._.url,
            published=parse_published(doc._.published) or self.published,
        )
        if not doc.text.strip():
            doc._.digest = Digest(article=article)
            return doc
        article = self.pipeline.check(article)
        parsed = doc if all(doc.has_annotation(name) for name in NEEDED) else None
        digest = self.pipeline.run(Analysis(article, self.pipeline.settings, doc=parsed), self.only)
        doc._.digest = digest
        for group, spans in _span_groups(doc, digest).items():
            doc.spans[group] = spans
        return doc

    def pipe(self, docs: Iterator[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Digest Docs one after another (spaCy calls this from ``nlp.pipe``)."""
        for doc in docs:
            yield self(doc)


def _span_groups(doc: Doc, digest: Digest) -> dict[str, list[Any]]:
    groups: dict[str, list[Any]] = {}
    if "highlights" in digest.sections:
        groups["highlights"] = [
            span
            for number, highlight in enumerate(digest.highlights, 1)
            for piece in highlight.spans
            if (span := _span(doc, piece, "HIGHLIGHT", f"h{number}")) is not None
        ]
    if "entities" in digest.sections:
        groups["cast"] = [
            span
            for entity in digest.entities
            for mention in entity.mentions
            if (span := _span(doc, mention, entity.type, entity.id)) is not None
        ]
    if "quotes" in digest.sections:
        groups["quotes"] = [
            span
            for quote in digest.quotes
            if (span := _span(doc, quote.span, str(quote.kind).upper(), quote.speaker or ""))
            is not None
        ]
    if "dates" in digest.sections:
        groups["dates"] = [
            span
            for date in digest.dates
            if (span := _span(doc, date.span, date.type, date.value or "")) is not None
        ]
    return groups


def _span(doc: Doc, span: Span, label: str, span_id: str) -> Any:
    """The tokens covering a character span (None if it covers no token)."""
    found = doc.char_span(span.start, span.end, label=label, alignment_mode="expand")
    if found is not None:
        found.id_ = span_id
    return found


__all__ = ["DigestComponent", "make_newsdigest"]
