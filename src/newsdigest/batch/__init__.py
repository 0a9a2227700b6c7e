"""Digesting corpora: many stories on every core of a machine, or on a Ray cluster.

    >>> from newsdigest.batch import digest_many
    >>> for result in digest_many(rows, workers=2, only=["highlights"]):
    ...     print(result.id, result.digest["highlights"] if result.ok else result.error)

The command line's ``newsdigest batch`` adds input files, resumable output, an errors
file and progress (see :func:`newsdigest.batch.job.run_batch`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from newsdigest.batch.job import BatchSummary, run_batch
from newsdigest.batch.local import DEFAULT_TIMEOUT, LocalEngine
from newsdigest.batch.records import (
    BadRecord,
    Item,
    Record,
    content_id,
    read_records,
    record_from_mapping,
)
from newsdigest.batch.work import Outcome
from newsdigest.settings import Settings


@dataclass(frozen=True)
class BatchResult:
    """The result for one record: its digest, or why it failed.

    id (str | None): the record's id (given, or a hash of its content).
    source (str): where the record came from.
    error (str | None): why it failed, in one line; None when it succeeded.
    """

    id: str | None
    source: str
    line: str | None
    error: str | None

    @property
    def ok(self) -> bool:
        """Whether the record was digested."""
        return self.error is None

    @cached_property
    def digest(self) -> dict[str, Any] | None:
        """The ``newsdigest/1`` digest as a dict, or None when the record failed."""
        return json.loads(self.line) if self.line is not None else None


def as_item(value: Record | BadRecord | Mapping[str, Any] | str, position: int) -> Item:
    """A record from what a caller passes: a Record, a JSONL-like mapping, or plain text."""
    if isinstance(value, Record | BadRecord):
        return value
    source = f"record {position}"
    if isinstance(value, str):
        record_id = content_id(value, title=None, published=None, url=None)
        return Record(id=record_id, body=value, source=source)
    if isinstance(value, Mapping):
        return record_from_mapping(value, source=source)
    return BadRecord(id=None, source=source, reason=f"cannot digest a {type(value).__name__}")


def digest_many(
    records: Iterable[Record | Mapping[str, Any] | str],
    *,
    workers: int | None = None,
    only: Sequence[str] | None = None,
    settings: Settings | None = None,
    include_text: bool = True,
    ordered: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[BatchResult]:
    """Digest many stories on a pool of processes, yielding results as they come.

    records (Iterable): stories as :class:`Record`, mappings with the JSONL fields (``id``,
        ``text``/``article``/``html``, ``title``, ``published``, ``url``), or plain text;
        streamed, never all held in memory.
    workers (int | None): processes, each loading the pipeline once; None uses every core.
    only (Sequence[str] | None): sections to compute; None computes all.
    settings (Settings | None): options for every story.
    include_text (bool): whether each digest carries the story text.
    ordered (bool): yield in input order instead of as soon as each is done.
    timeout (float): seconds one story may take; a story over it fails with
        ``timed out after N s`` and its worker process is replaced.
    RETURNS (Iterator[BatchResult]): one result per record; failures carry a reason instead
        of raising, so one bad story never stops the others.
    """
    engine = LocalEngine(
        settings,
        only=only,
        include_text=include_text,
        workers=workers,
        ordered=ordered,
        timeout=timeout,
    )
    items = (as_item(value, i) for i, value in enumerate(records))
    for outcome in engine.run(items):
        yield _result(outcome)


def _result(outcome: Outcome) -> BatchResult:
    return BatchResult(id=outcome.id, source=outcome.source, line=outcome.line, error=outcome.error)


__all__ = [
    "BadRecord",
    "BatchResult",
    "BatchSummary",
    "LocalEngine",
    "Record",
    "digest_many",
    "read_records",
    "run_batch",
]
