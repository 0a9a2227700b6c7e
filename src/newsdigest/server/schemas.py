"""The API's request models, and its small responses of its own (health, problems).

A digest response is the ``newsdigest/1`` contract itself: its schema in the OpenAPI
description is :func:`newsdigest.schema.json_schema`, not a second statement of it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsdigest.ingest.text import parse_published
from newsdigest.sections import SectionName


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
    only: list[SectionName] | None = Field(
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
