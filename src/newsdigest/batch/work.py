"""Digesting records, with every failure caught and turned into a one-line reason.

This is what each worker process runs (see :mod:`newsdigest.worker`), whatever the engine
that feeds it: the local engine, or an actor of the Ray engine. The result is already
serialised, so workers do that work too.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import NamedTuple

from newsdigest.batch.records import BadRecord, Record
from newsdigest.errors import NewsdigestError
from newsdigest.ingest.load import load
from newsdigest.model import Article, Digest
from newsdigest.worker import PARSE_BATCH, WorkerState


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
    """The Article a record describes, read by the one loader (HTML as a page)."""
    article = load(
        record.body,
        html=record.kind == "html",
        title=record.title,
        published=record.published,
        url=record.url,
        outlet=record.outlet,
        id=record.id,
    )
    if record.encoding and article.encoding is None:  # a story file decoded from bytes
        article = dataclasses.replace(article, encoding=record.encoding)
    return article


class ChunkTask(NamedTuple):
    """Records for a worker, and how to digest them.

    records (list[tuple[int, Record]]): each record with its position in the input.
    only (tuple[str, ...] | None): sections to compute; None computes all.
    include_text (bool): whether digests carry the story text.
    """

    records: list[tuple[int, Record]]
    only: tuple[str, ...] | None
    include_text: bool


def digest_chunk(state: WorkerState, task: ChunkTask) -> Iterator[Outcome]:
    """Run in a worker: digest the records in order, parsing them together with
    ``nlp.pipe``, and yield each one's outcome as soon as it is ready.

    state (WorkerState): the worker's pipeline.
    task (ChunkTask): the records and options.
    RETURNS (Iterator[Outcome]): one outcome per record, in order; a failure is a one-line
        reason, never an exception.
    """
    articles = (_loaded(record) for _, record in task.records)
    results = state.pipeline().pipe_outcomes(articles, only=task.only, batch_size=PARSE_BATCH)
    for (seq, record), result in zip(task.records, results, strict=True):
        yield _outcome(seq, record, result, task.include_text)


def _loaded(record: Record) -> Article | Exception:
    try:
        return article_from_record(record)
    except Exception as exc:  # reported in the record's outcome
        return exc


def _outcome(seq: int, record: Record, result: Digest | Exception, include_text: bool) -> Outcome:
    try:
        if isinstance(result, Exception):
            raise result
        data = result.to_dict(include_text=include_text)
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
