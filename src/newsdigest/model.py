"""The data model every stage passes around.

Every annotation is a :class:`Span`: a pair of Python ``str`` offsets into
``Article.text``, the exact text the user gave (after decoding), end exclusive.
Items keep their ``text`` only as a convenience; it always equals
``article.text[span.start:span.end]`` (a highlight's text is its spans' words
joined, see :mod:`newsdigest.highlights`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "newsdigest/1"

SECTIONS: tuple[str, ...] = ("highlights", "entities", "quotes", "dates", "timeline")

QuoteKind = Literal["direct", "indirect", "mixed"]
Gender = Literal["female", "male"]
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "OTHER"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A character range ``[start, end)`` in the article text.

    start (int): offset of the first character.
    end (int): offset one past the last character.
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end}): need 0 <= start <= end")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def to_list(self) -> list[int]:
        """The JSON form, ``[start, end]``."""
        return [self.start, self.end]


# Maps a span of Article.text to the matching range of the source document the
# text was extracted from (an HTML page), or None where there is none.
SourceMap = Callable[[Span], "Span | None"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A story: its exact text and what is known about it.

    text (str): the decoded text every offset indexes.
    published (date | None): reference date for relative date expressions.
    encoding (str | None): how the input bytes were decoded, when they were bytes.
    source_map (SourceMap | None): maps text spans back to the original HTML.
    """

    text: str
    id: str | None = None
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    encoding: str | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    outlet: str | None = None
    language: str | None = None
    source_map: SourceMap | None = field(default=None, compare=False, repr=False)

    def char_span(self, start: int, end: int) -> Span:
        """A span of this article's text; raises ``IndexError`` when out of bounds."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        return Span(start, end)

    def text_of(self, span: Span) -> str:
        """The characters the span names."""
        return self.text[span.start : span.end]

    def to_dict(self) -> dict[str, Any]:
        """The ``article`` object of the JSON contract."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "length": len(self.text),
        }
        if self.encoding is not None:
            data["encoding"] = self.encoding
        if self.authors:
            data["authors"] = list(self.authors)
        if self.site_name is not None:
            data["site_name"] = self.site_name
        if self.outlet is not None:
            data["outlet"] = self.outlet
        if self.language is not None:
            data["language"] = self.language
        return data


@dataclass(frozen=True, slots=True, kw_only=True)
class Highlight:
    """One bullet: words taken from the story, with the spans they came from, in order."""

    text: str
    spans: tuple[Span, ...]
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "spans": [s.to_list() for s in self.spans]}


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """A title or role the story gives an entity ("Deputy Mayor", "a professor at ...")."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A member of the cast: one person, organisation or place, with all its mentions.

    gender (Gender | None): for a person, "female" or "male" as the story states it (the
        pronouns that refer to them, or Mr/Mrs/Ms); never guessed from a first name.
    """

    id: str
    type: str
    name: str
    mentions: tuple[Span, ...]
    titles: tuple[Role, ...] = ()
    gender: Gender | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "titles": [r.text for r in self.titles],
            "title_spans": [r.span.to_list() for r in self.titles],
            "mentions": [m.to_list() for m in self.mentions],
            "gender": self.gender,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Who said what: the content, whether it was quote-marked, and its speaker.

    direct (bool): the whole content stood between quote marks.
    kind (QuoteKind | None): "direct", "indirect", or "mixed" (reported speech holding a
        quote-marked phrase); None derives it from ``direct``.
    """

    text: str
    span: Span
    direct: bool
    kind: QuoteKind | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": self.span.to_list(),
            "direct": self.direct,
            "kind": self.kind or ("direct" if self.direct else "indirect"),
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "speaker_span": self.speaker_span.to_list() if self.speaker_span else None,
            "cue": self.cue,
            "cue_span": self.cue_span.to_list() if self.cue_span else None,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A time expression with its TIMEX3 type and value (``None`` when unresolvable).

    mod (str | None): the TIMEX3 ``mod`` ("START" for "early 2013", "APPROX" for "about
        three years", ...), None when the expression has none.
    """

    text: str
    span: Span
    type: str
    value: str | None
    mod: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": self.span.to_list(),
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEvent:
    """An event that carries a resolved date: the clause or sentence, linked to its mentions.

    date (str): the TIMEX3 value the event is ordered by.
    dates (tuple[int, ...]): indexes into ``Digest.dates``.
    sentence (Span): the sentence the event stands in.
    span (Span): the clause (or the whole sentence) that states the event.
    """

    date: str
    dates: tuple[int, ...]
    sentence: Span
    span: Span
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "dates": list(self.dates),
            "sentence": self.sentence.to_list(),
            "span": self.span.to_list(),
            "text": self.text,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Digest:
    """Everything newsdigest says about one story."""

    article: Article
    highlights: tuple[Highlight, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    sections: tuple[str, ...] = SECTIONS

    @property
    def text(self) -> str:
        return self.article.text

    def entity(self, entity_id: str) -> Entity | None:
        """The cast member with this id, if any."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        """The ``newsdigest/1`` JSON contract; sections not computed are left out."""
        data: dict[str, Any] = {"schema": SCHEMA, "article": self.article.to_dict()}
        if include_text:
            data["text"] = self.article.text
        parts: dict[str, Sequence[Any]] = {
            "highlights": self.highlights,
            "entities": self.entities,
            "quotes": self.quotes,
            "dates": self.dates,
            "timeline": self.timeline,
        }
        for name in SECTIONS:
            if name in self.sections:
                data[name] = [item.to_dict() for item in parts[name]]
        if self.article.source_map is not None:
            add_source_spans(data, self.article.source_map)
        return data


def add_source_spans(data: dict[str, Any], source_map: SourceMap) -> None:
    """Add ``html_spans``/``html_span`` beside every span of a serialised digest."""

    def mapped(pair: list[int] | None) -> list[int] | None:
        if pair is None:
            return None
        target = source_map(Span(pair[0], pair[1]))
        return target.to_list() if target else None

    for item in data.get("highlights", []):
        item["html_spans"] = [mapped(p) for p in item["spans"]]
    for item in data.get("entities", []):
        item["html_mentions"] = [mapped(p) for p in item["mentions"]]
    for item in data.get("quotes", []):
        item["html_span"] = mapped(item["span"])
        item["html_speaker_span"] = mapped(item["speaker_span"])
    for item in data.get("dates", []):
        item["html_span"] = mapped(item["span"])
