"""The API's request and response models; the response wraps the ``newsdigest/1`` contract exactly.

Fields the contract leaves out of a digest (a section not asked for, ``encoding``, the
``html_*`` spans of text typed in) are optional here, and responses are sent with
``exclude_unset`` so they stay absent rather than turning into ``null``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsdigest.ingest.text import parse_published

SpanPair = Annotated[
    list[Annotated[int, Field(ge=0)]],
    Field(min_length=2, max_length=2, description="[start, end): str offsets into `text`"),
]
Section = Literal["highlights", "entities", "quotes", "dates", "timeline"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DigestOptions(_Strict):
    """Per-request options; any other name is refused (422)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    highlights: int | None = Field(
        default=None, ge=1, le=10, description="Number of bullets (1-10)."
    )
    max_words: int | None = Field(
        default=None, ge=5, description="Word budget of all bullets together."
    )
    only: list[Section] | None = Field(
        default=None, min_length=1, description="Sections to compute; all when absent."
    )


class DigestRequest(_Strict):
    """A story to digest: exactly one of ``text`` and ``html``, and what is known about it."""

    text: str | None = Field(default=None, description="The story as plain text; offsets index it.")
    html: str | None = Field(
        default=None, description="The story as an HTML page; its article is read."
    )
    title: str | None = Field(default=None, description="The headline; it informs the highlights.")
    published: str | None = Field(
        default=None,
        description="Publication date, YYYY-MM-DD: the reference for relative dates.",
        examples=["2026-03-11"],
    )
    url: str | None = Field(default=None, description="Where the story was published.")
    options: DigestOptions = DigestOptions()

    @field_validator("published")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is not None and value.strip():
            try:
                parse_published(value)
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD") from exc
        return value

    @model_validator(mode="after")
    def _one_story(self) -> DigestRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of `text` and `html`")
        return self


class ArticleOut(BaseModel):
    id: str | None
    title: str | None
    published: str | None
    url: str | None
    length: int
    encoding: str | None = None
    authors: list[str] | None = None
    site_name: str | None = None
    outlet: str | None = None
    language: str | None = None


class HighlightOut(BaseModel):
    text: str
    spans: list[SpanPair]
    html_spans: list[SpanPair | None] | None = None


class EntityOut(BaseModel):
    id: str
    type: str
    name: str
    titles: list[str]
    title_spans: list[SpanPair]
    mentions: list[SpanPair]
    gender: Literal["female", "male"] | None
    html_mentions: list[SpanPair | None] | None = None


class QuoteOut(BaseModel):
    text: str
    span: SpanPair
    direct: bool
    kind: Literal["direct", "indirect", "mixed"]
    speaker: str | None
    speaker_text: str | None
    speaker_span: SpanPair | None
    cue: str | None
    cue_span: SpanPair | None
    html_span: SpanPair | None = None
    html_speaker_span: SpanPair | None = None


class DateOut(BaseModel):
    text: str
    span: SpanPair
    type: str
    value: str | None
    mod: str | None = None
    html_span: SpanPair | None = None


class EventOut(BaseModel):
    date: str
    dates: list[int]
    sentence: SpanPair
    span: SpanPair
    text: str


class DigestResponse(BaseModel):
    """The ``newsdigest/1`` digest (see ``GET /v1/schema``); sections not asked for are absent."""

    model_config = ConfigDict(populate_by_name=True)

    schema_: Literal["newsdigest/1"] = Field(default="newsdigest/1", alias="schema")
    article: ArticleOut
    text: str
    highlights: list[HighlightOut] | None = None
    entities: list[EntityOut] | None = None
    quotes: list[QuoteOut] | None = None
    dates: list[DateOut] | None = None
    timeline: list[EventOut] | None = None


class Health(BaseModel):
    """The server is up; how its digest workers are doing."""

    status: Literal["ok"]
    version: str
    workers: int = Field(description="Digest worker processes configured.")
    idle: int = Field(description="Workers ready for a story.")
    busy: int = Field(description="Workers digesting a story.")
    queued: int = Field(description="Requests waiting for a worker.")
    starting: int = Field(description="Workers being started or replaced.")


class Problem(BaseModel):
    """An RFC 9457 problem detail (``application/problem+json``)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, object]] | None = Field(
        default=None, description="For 422: each invalid field, with its location and message."
    )
