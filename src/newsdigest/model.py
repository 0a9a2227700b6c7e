"""The data model every stage passes around, and its JSON form (the ``newsdigest/1`` contract).

Every annotation is a :class:`Span`: a pair of Python ``str`` offsets into
``Article.text``, the exact text the user gave (after decoding), end exclusive.
Items keep their ``text`` only as a convenience; it always equals
``article.text[span.start:span.end]`` (a highlight's text is its spans' words
joined, see :mod:`newsdigest.highlights`).

Each item states its JSON form once, in one place: ``to_dict`` writes it, ``from_dict``
reads it back, and ``JSON_SCHEMA`` describes one item for the JSON Schema (see
:mod:`newsdigest.schema`), which a test checks ``to_dict`` against. ``HTML_SPANS`` names the
span fields that also get a range of the source page when the story came from HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, cast, get_args, get_type_hints

SCHEMA = "newsdigest/1"

QuoteKind = Literal["direct", "indirect", "mixed"]
Gender = Literal["female", "male"]
EntityType = Literal[
    "PERSON", "ORG", "GROUP", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "OTHER"
]  # fmt: skip
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
TimexMod = Literal[
    "START", "MID", "END", "APPROX", "BEFORE", "AFTER",
    "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
]  # fmt: skip
Json = dict[str, Any]

# The JSON Schema vocabulary the items' fragments are written in.
OFFSET: Json = {"type": "integer", "minimum": 0}
SPAN: Json = {
    "type": "array",
    "items": OFFSET,
    "minItems": 2,
    "maxItems": 2,
    "description": "[start, end): Python str offsets into `text`, end exclusive",
}
NULLABLE_SPAN: Json = {"anyOf": [SPAN, {"type": "null"}]}
STRING: Json = {"type": "string"}
NULLABLE_STRING: Json = {"type": ["string", "null"]}


def json_object(properties: Json, required: list[str] | None = None) -> Json:
    """A JSON Schema object; every property is required unless ``required`` says otherwise."""
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
    }


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

    @classmethod
    def from_list(cls, pair: list[int] | tuple[int, int]) -> Span:
        """The span of a JSON ``[start, end]`` pair."""
        start, end = pair
        return cls(int(start), int(end))


def _span_or_none(pair: list[int] | None) -> Span | None:
    return Span.from_list(pair) if pair is not None else None


def _spans(pairs: list[list[int]]) -> tuple[Span, ...]:
    return tuple(Span.from_list(p) for p in pairs)


# Maps a span of Article.text to the matching range of the source document the
# text was extracted from (an HTML page), or None where there is none.
SourceMap = Callable[[Span], "Span | None"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A story: its exact text and what is known about it.

    text (str): the decoded text every offset indexes.
    published (date | None): reference date for relative date expressions.
    encoding (str | None): how the input bytes were decoded, when they were bytes.
    outlet (str | None): the publication the story came from (a corpus record's field).
    language (str | None): ISO 639-1 code of the story's language, when detected.
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

    JSON_SCHEMA: ClassVar[Json] = json_object(
        {
            "id": NULLABLE_STRING,
            "title": NULLABLE_STRING,
            "published": {"type": ["string", "null"], "format": "date"},
            "url": NULLABLE_STRING,
            "length": {**OFFSET, "description": "len(text) in Python str characters"},
            "encoding": {"type": "string", "description": "how input bytes were decoded"},
            "authors": {"type": "array", "items": STRING},
            "site_name": STRING,
            "outlet": {"type": "string", "description": "the publication the story came from"},
            "language": {"type": "string", "description": "ISO 639-1 code of the language"},
        },
        required=["id", "title", "published", "url", "length"],
    )

    def char_span(self, start: int, end: int) -> Span:
        """A span of this article's text; raises ``IndexError`` when out of bounds."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        return Span(start, end)

    def text_of(self, span: Span) -> str:
        """The characters the span names."""
        return self.text[span.start : span.end]

    def to_dict(self) -> Json:
        """The ``article`` object of the JSON contract; fields not known are left out."""
        data: Json = {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "length": len(self.text),
        }
        optional = {
            "encoding": self.encoding,
            "authors": list(self.authors) or None,
            "site_name": self.site_name,
            "outlet": self.outlet,
            "language": self.language,
        }
        data.update({name: value for name, value in optional.items() if value is not None})
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], text: str) -> Article:
        """The article of a serialised digest; ``text`` is the digest's ``text``."""
        published = data.get("published")
        return cls(
            text=text,
            id=data.get("id"),
            title=data.get("title"),
            published=dt.date.fromisoformat(published) if published else None,
            url=data.get("url"),
            encoding=data.get("encoding"),
            authors=tuple(data.get("authors") or ()),
            site_name=data.get("site_name"),
            outlet=data.get("outlet"),
            language=data.get("language"),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Highlight:
    """One bullet: words taken from the story, with the spans they came from, in order."""

    text: str
    spans: tuple[Span, ...]
    score: float = field(default=0.0, compare=False)

    JSON_SCHEMA: ClassVar[Json] = json_object(
        {
            "text": {"type": "string", "description": "the words of `spans`, joined and tidied"},
            "spans": {"type": "array", "items": SPAN, "minItems": 1},
        }
    )
    HTML_SPANS: ClassVar[dict[str, str]] = {"spans": "html_spans"}

    def to_dict(self) -> Json:
        return {"text": self.text, "spans": [s.to_list() for s in self.spans]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Highlight:
        return cls(text=data["text"], spans=_spans(data["spans"]))


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

    JSON_SCHEMA: ClassVar[Json] = json_object(
        {
            "id": {"type": "string", "pattern": "^e[0-9]+$"},
            "type": {
                "type": "string",
                "description": "PERSON, ORG, GROUP, GPE, LOC, FAC, NORP, ...",
            },
            "name": STRING,
            "titles": {"type": "array", "items": STRING},
            "title_spans": {"type": "array", "items": SPAN},
            "mentions": {"type": "array", "items": SPAN, "minItems": 1},
            "gender": {
                "enum": [*get_args(Gender), None],
                "description": "as the story states it (pronouns, Mr/Mrs/Ms); null if it doesn't",
            },
        }
    )
    HTML_SPANS: ClassVar[dict[str, str]] = {"mentions": "html_mentions"}

    def to_dict(self) -> Json:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "titles": [r.text for r in self.titles],
            "title_spans": [r.span.to_list() for r in self.titles],
            "mentions": [m.to_list() for m in self.mentions],
            "gender": self.gender,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        titles = tuple(
            Role(text=text, span=Span.from_list(pair))
            for text, pair in zip(data["titles"], data["title_spans"], strict=True)
        )
        return cls(
            id=data["id"],
            type=data["type"],
            name=data["name"],
            mentions=_spans(data["mentions"]),
            titles=titles,
            gender=data.get("gender"),
        )


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

    def __post_init__(self) -> None:
        if self.kind is None:
            object.__setattr__(self, "kind", "direct" if self.direct else "indirect")

    JSON_SCHEMA: ClassVar[Json] = json_object(
        {
            "text": STRING,
            "span": SPAN,
            "direct": {"type": "boolean", "description": "content stood between quote marks"},
            "kind": {
                "enum": list(get_args(QuoteKind)),
                "description": "mixed: reported speech holding a quote-marked phrase",
            },
            "speaker": {"type": ["string", "null"], "description": "an entity id, or null"},
            "speaker_text": NULLABLE_STRING,
            "speaker_span": NULLABLE_SPAN,
            "cue": NULLABLE_STRING,
            "cue_span": NULLABLE_SPAN,
        }
    )
    HTML_SPANS: ClassVar[dict[str, str]] = {
        "span": "html_span",
        "speaker_span": "html_speaker_span",
    }

    def to_dict(self) -> Json:
        return {
            "text": self.text,
            "span": self.span.to_list(),
            "direct": self.direct,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "speaker_span": self.speaker_span.to_list() if self.speaker_span else None,
            "cue": self.cue,
            "cue_span": self.cue_span.to_list() if self.cue_span else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        return cls(
            text=data["text"],
            span=Span.from_list(data["span"]),
            direct=bool(data["direct"]),
            kind=data.get("kind"),
            speaker=data.get("speaker"),
            speaker_text=data.get("speaker_text"),
            speaker_span=_span_or_none(data.get("speaker_span")),
            cue=data.get("cue"),
            cue_span=_span_or_none(data.get("cue_span")),
        )


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

    JSON_SCHEMA: ClassVar[Json] = json_object(
        {
            "text": STRING,
            "span": SPAN,
            "type": {"enum": list(get_args(TimexType))},
            "value": {
                "type": ["string", "null"],
                "description": "TIMEX3 value, null if unresolved",
            },
            "mod": {
                "enum": [*get_args(TimexMod), None],
                "description": "TIMEX3 mod (TimeML 1.2.1), null if none",
            },
        }
    )
    HTML_SPANS: ClassVar[dict[str, str]] = {"span": "html_span"}

    def to_dict(self) -> Json:
        return {
            "text": self.text,
            "span": self.span.to_list(),
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DateMention:
        return cls(
            text=data["text"],
            span=Span.from_list(data["span"]),
            type=data["type"],
            value=data.get("value"),
            mod=data.get("mod"),
        )


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

    JSON_SCHEMA: ClassVar[Json] = json_object(
        {
            "date": {"type": "string", "description": "TIMEX3 value the event is ordered by"},
            "dates": {"type": "array", "items": OFFSET, "description": "indexes into `dates`"},
            "sentence": SPAN,
            "span": SPAN,
            "text": STRING,
        }
    )
    HTML_SPANS: ClassVar[dict[str, str]] = {}

    def to_dict(self) -> Json:
        return {
            "date": self.date,
            "dates": list(self.dates),
            "sentence": self.sentence.to_list(),
            "span": self.span.to_list(),
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TimelineEvent:
        return cls(
            date=data["date"],
            dates=tuple(int(i) for i in data["dates"]),
            sentence=Span.from_list(data["sentence"]),
            span=Span.from_list(data["span"]),
            text=data["text"],
        )


Item = Highlight | Entity | Quote | DateMention | TimelineEvent


@dataclass(frozen=True, slots=True, kw_only=True)
class Digest:
    """Everything newsdigest says about one story: the article and one tuple per section.

    A section is a field of this class holding a tuple of items; its name is the key of
    the JSON contract and of :data:`newsdigest.sections.SECTIONS`.

    sections (tuple[str, ...]): the sections computed, in stage order; the others are
        empty here and absent from the JSON.
    """

    article: Article
    highlights: tuple[Highlight, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    sections: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.article.text

    def items(self, section: str) -> tuple[Item, ...]:
        """The items of one section by name."""
        found: tuple[Item, ...] = getattr(self, section)
        return found

    def entity(self, entity_id: str) -> Entity | None:
        """The cast member with this id, if any."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self, *, include_text: bool = True) -> Json:
        """The ``newsdigest/1`` JSON contract; sections not computed are left out."""
        data: Json = {"schema": SCHEMA, "article": self.article.to_dict()}
        if include_text:
            data["text"] = self.article.text
        for name in self.sections:
            data[name] = [item.to_dict() for item in self.items(name)]
        if self.article.source_map is not None:
            add_source_spans(data, self.article.source_map)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, text: str | None = None) -> Digest:
        """A digest read back from its ``newsdigest/1`` JSON.

        data (Mapping): the JSON object, as ``to_dict`` writes it.
        text (str | None): the story text, for a digest written with ``include_text=False``.
        RETURNS (Digest): equal to the digest that was written (the source map of an HTML
            page is not part of the JSON, so ``html_*`` ranges are not read back).
        """
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} digest (schema {data.get('schema')!r})")
        story = data.get("text", text)
        if story is None:
            raise ValueError("the digest has no text; pass the story as text=")
        sections = tuple(name for name in SECTION_ITEMS if name in data)
        parts = {
            name: tuple(SECTION_ITEMS[name].from_dict(item) for item in data[name])
            for name in sections
        }
        return cls(
            article=Article.from_dict(data["article"], story),
            sections=sections,
            **parts,  # type: ignore[arg-type]
        )


def _section_items() -> dict[str, type[Item]]:
    """Each section of :class:`Digest` with its item class, read from the field types."""
    hints = get_type_hints(Digest)
    found: dict[str, type[Item]] = {}
    for name, hint in hints.items():
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis and hasattr(args[0], "JSON_SCHEMA"):
            found[name] = cast("type[Item]", args[0])
    return found


SECTION_ITEMS: dict[str, type[Item]] = _section_items()


def add_source_spans(data: Json, source_map: SourceMap) -> None:
    """Add the ``html_*`` ranges beside every span of a serialised digest (see ``HTML_SPANS``)."""

    def mapped(pair: list[int] | None) -> list[int] | None:
        if pair is None:
            return None
        target = source_map(Span(pair[0], pair[1]))
        return target.to_list() if target else None

    for name, item_type in SECTION_ITEMS.items():
        for item in data.get(name, []):
            for field_name, html_name in item_type.HTML_SPANS.items():
                value = item[field_name]
                if value and isinstance(value[0], list):
                    item[html_name] = [mapped(pair) for pair in value]
                else:
                    item[html_name] = mapped(value)
