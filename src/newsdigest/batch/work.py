"""Digesting one record, with every failure caught and turned into a one-line reason.

This is what each worker runs, whatever the engine: a process of the local pool or an
actor of the Ray engine. The result is already serialised, so workers do that work too.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import NamedTuple

from newsdigest.batch.records import BadRecord, Record
from newsdigest.errors import NewsdigestError
from newsdigest.ingest.text import article_from_text
from newsdigest.model import Article
from newsdigest.pipeline import Pipeline


class Outcome(NamedTuple):
    """What became of one record: its digest as a JSON line, or the reason it failed.

    seq (int): the record's position in the input.
    id (str | None): the record's id.
    source (str): where the record came from.
    line (str | None): the ``newsdigest/1`` digest, one line of JSON without newline.
    error (str | None): why it failed, in one line.
    """

    seq: int
    id: str | None
    source: str
    line: str | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None


def failed(seq: int, bad: BadRecord) -> Outcome:
    """The outcome of a record that could not even be read."""
    return Outcome(seq, bad.id, bad.source, None, bad.reason)


def article_from_record(record: Record) -> Article:
    """The Article a record describes; HTML goes through the HTML reader."""
    if record.kind == "html":
        from newsdigest.ingest.html import article_from_html

        article: Article = article_from_html(
            record.body,
            url=record.url,
            published=record.published,
            title=record.title,
            id=record.id,
        )
        return article if article.id == record.id else dataclasses.replace(article, id=record.id)
    return article_from_text(
        record.body,
        title=record.title,
        published=record.published,
        url=record.url,
        id=record.id,
        encoding=record.encoding,
    )


def digest_record(
    pipeline: Pipeline,
    seq: int,
    record: Record,
    *,
    only: Sequence[str] | None,
    include_text: bool,
) -> Outcome:
    """Digest one record; any failure becomes the outcome's one-line reason, never an exception.

    pipeline (Pipeline): the worker's pipeline, loaded once.
    seq (int): the record's position in the input.
    record (Record): the story.
    only (Sequence[str] | None): sections to compute; None computes all.
    include_text (bool): whether the digest carries the story text.
    RETURNS (Outcome): the digest as one JSON line, or the reason it failed.
    """
    try:
        digest = pipeline(article_from_record(record), only=only)
        data = digest.to_dict(include_text=include_text)
        if record.reference is not None:
            data["reference"] = record.reference
        line = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    except NewsdigestError as exc:
        return Outcome(seq, record.id, record.source, None, one_line(str(exc)))
    except Exception as exc:  # a bug must cost one record, not the run
        reason = one_line(f"internal error: {type(exc).__name__}: {exc}")
        return Outcome(seq, record.id, record.source, None, reason)
    return Outcome(seq, record.id, record.source, line, None)


def one_line(message: str, limit: int = 500) -> str:
    """A message squeezed onto one line of at most ``limit`` characters."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
