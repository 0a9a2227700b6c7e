"""``corpus add``: digest records (or read digests ``batch`` wrote) into a corpus, resumably.

The records are read and digested by the batch machinery (:mod:`newsdigest.batch`: the same
readers, worker processes, time limit per record and errors file), and the digests are
stored by this process in transactions of up to :data:`FLUSH_STORIES` stories or
:data:`FLUSH_SECONDS` seconds. A story stored is committed; a run killed at any moment loses
only digests not yet committed, and the next run digests them again. A record whose id and
content equal its story's current version is skipped before it is digested, so a run
started again resumes where the last one stopped, and nothing is stored twice.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from newsdigest.batch.job import DUPLICATE, StopFlag
from newsdigest.batch.local import DEFAULT_TIMEOUT, LocalEngine
from newsdigest.batch.output import ErrorLog, id_key
from newsdigest.batch.progress import Progress, format_duration, make_progress
from newsdigest.batch.records import BadRecord, Item, Record, check_inputs, read_records
from newsdigest.batch.work import Outcome
from newsdigest.corpus.ray_store import SKIPPED, stored_outcomes
from newsdigest.corpus.store import AddResult, Pending, Store, content_hash, story_key
from newsdigest.corpus.url import DatabaseURL
from newsdigest.errors import ConfigError, InputError, NoInput
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings
from newsdigest.worker import PipelineFactory

FLUSH_STORIES = 64
FLUSH_SECONDS = 0.5
Engine = Literal["local", "ray"]


@dataclass
class AddSummary:
    """How a ``corpus add`` run went.

    added (int): new stories. updated (int): new versions of stories already stored.
    unchanged (int): digests equal to their story's current version (nothing stored).
    skipped (int): records not digested, their story's current version being from them.
    failed (int): records that could not be read, digested or stored (in the errors file).
    interrupted (bool): whether the run stopped before the end of its input.
    seconds (float): wall time.
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    interrupted: bool = False
    seconds: float = 0.0

    def count(self, result: AddResult) -> None:
        """Count one stored digest."""
        setattr(self, result, getattr(self, result) + 1)

    def line(self, where: str, errors: Path) -> str:
        """The final line a run prints."""
        stored = self.added + self.updated
        rate = stored / self.seconds if self.seconds > 0 else 0.0
        text = (
            f"newsdigest: {self.added:,} added, {self.updated:,} new versions, "
            f"{self.unchanged + self.skipped:,} unchanged, {self.failed:,} failed, into {where} "
            f"({format_duration(self.seconds)}, {rate:.1f}/s)"
        )
        if self.failed:
            text += f"; failures are in {errors}"
        return text


def default_errors_path(url: DatabaseURL) -> Path:
    """``news.db`` -> ``news.errors.jsonl`` beside it; for PostgreSQL, in this folder."""
    if url.kind == "sqlite":
        path = Path(url.target)
        return path.with_name(path.stem + ".errors.jsonl")
    return Path("newsdigest-corpus.errors.jsonl")


def record_hash(record: Record) -> str:
    """What identifies a record's content before it is digested."""
    fields = [record.body, record.kind, record.title, record.published, record.url, record.outlet]
    canonical = json.dumps(fields, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


@dataclass
class _Waiting:
    """A digest waiting for its transaction, with what the errors file needs."""

    pending: Pending
    id: str | None
    source: str


@dataclass
class _Writer:
    """Stores digests in transactions and reports each outcome."""

    store: Store
    summary: AddSummary
    errors: ErrorLog
    progress: Progress
    waiting: list[_Waiting] = field(default_factory=list)
    since: float = 0.0

    def add(
        self, data: dict[str, Any], input_hash: str | None, record_id: str | None, source: str
    ) -> None:
        if not self.waiting:
            self.since = time.monotonic()
        self.waiting.append(_Waiting(Pending(data, input_hash), record_id, source))
        if len(self.waiting) >= FLUSH_STORIES or time.monotonic() - self.since >= FLUSH_SECONDS:
            self.flush()

    def fail(self, record_id: str | None, source: str, reason: str) -> None:
        self.errors.write(record_id, source, reason)
        self.summary.failed += 1
        self.progress.advance(False)

    def stored(self, outcome: Outcome, result: str | None) -> None:
        """Count a record a Ray actor digested and stored (or skipped, or failed)."""
        if result is None:
            self.fail(outcome.id, outcome.source, outcome.error or "failed")
        elif result == SKIPPED:
            self.summary.skipped += 1
        else:
            self.summary.count(result)  # type: ignore[arg-type]
            self.progress.advance(True)

    def flush(self) -> None:
        if not self.waiting:
            return
        batch, self.waiting = self.waiting, []
        results = self.store.add_many([w.pending for w in batch])
        for waiting, result in zip(batch, results, strict=True):
            if isinstance(result, InputError):
                self.fail(waiting.id, waiting.source, str(result))
            else:
                self.summary.count(result)
                self.progress.advance(True)


def add_to_corpus(
    store: Store,
    inputs: Sequence[str] = (),
    *,
    digests: Sequence[str] = (),
    errors: Path,
    settings: Settings | None = None,
    only: Sequence[str] | None = None,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    stop: StopFlag | None = None,
    engine: Engine = "local",
    address: str | None = None,
    pipeline_factory: PipelineFactory = Pipeline,
) -> AddSummary:
    """Add every record of ``inputs`` (digested here) and every digest of ``digests``.

    store (Store): the corpus, open for writing.
    inputs (Sequence[str]): JSONL/CSV files, story files, directories, or ``-`` (as ``batch``).
    digests (Sequence[str]): JSONL files of ``newsdigest/1`` digests (``batch`` output).
    errors (Path): where failed records go (emptied first: it describes this run).
    settings (Settings | None): options for every digest.
    only (Sequence[str] | None): sections to compute; None computes all.
    workers (int | None): digest processes; None uses every core.
    timeout (float): seconds one record may take before it fails.
    progress (Progress | None): where to report progress; default depends on stderr.
    stop (StopFlag | None): polled to stop early (the CLI installs it on SIGINT/SIGTERM).
    engine (Engine): ``local`` (processes here; this process stores) or ``ray`` (Ray
        actors digest and store; needs a PostgreSQL corpus, see :mod:`.ray_store`).
    address (str | None): with ``ray``: the cluster to join; None starts Ray here.
    pipeline_factory (PipelineFactory): builds each worker's pipeline; it must be importable
        by name (a module-level function or class).
    RETURNS (AddSummary): what was added, updated, left unchanged or failed.
    """
    if engine == "ray" and store.db.kind != "postgresql":
        raise ConfigError(
            "--engine ray stores from the workers, which a SQLite file cannot take: "
            "use --db postgresql://..., or --engine local"
        )
    names = check_inputs(inputs) if inputs else []
    for name in digests:
        if not Path(name).is_file():
            raise NoInput(f"no such digests file: {name}")
    stop = stop or StopFlag()
    summary = AddSummary()
    started = time.monotonic()
    report = progress or make_progress()
    error_log = ErrorLog(errors)
    writer = _Writer(store, summary, error_log, report)
    try:
        done = store.current_keys()
        for name in digests:
            for source, data, reason in read_digests(name):
                if stop():
                    break
                if data is None:
                    writer.fail(None, source, reason or "unreadable")
                    continue
                writer.add(data, None, _digest_id(data), source)
        if names and not stop() and engine == "ray":
            outcomes = stored_outcomes(
                store.db.url.target, names, settings=settings, only=only, workers=workers,
                address=address, timeout=timeout, pipeline_factory=pipeline_factory, stop=stop,
            )  # fmt: skip
            for outcome, result in outcomes:
                writer.stored(outcome, result)
        elif names and not stop():
            hashes: dict[int, str] = {}
            items = _fresh(read_records(names), done, summary, hashes)
            first = next(items, None)
            if first is not None:  # no worker is started for a run with nothing new
                local = LocalEngine(
                    settings,
                    only=only,
                    include_text=True,
                    workers=workers,
                    timeout=timeout,
                    pipeline_factory=pipeline_factory,
                )
                for outcome in local.run(itertools.chain([first], items), stop=stop):
                    _store_outcome(writer, outcome, hashes.pop(outcome.seq, None))
        writer.flush()
    finally:
        report.close()
        error_log.close()
        summary.seconds = time.monotonic() - started
    summary.interrupted = stop.requested
    return summary


def _store_outcome(writer: _Writer, outcome: Outcome, input_hash: str | None) -> None:
    if outcome.line is None:
        writer.fail(outcome.id, outcome.source, outcome.error or "failed")
        return
    writer.add(json.loads(outcome.line), input_hash, outcome.id, outcome.source)


def _fresh(
    items: Iterable[Item], done: set[bytes], summary: AddSummary, hashes: dict[int, str]
) -> Iterator[Item]:
    """The records to digest: those whose story's current version is not from the same
    content; a repeated id within the input fails (as in ``batch``). ``hashes`` gets each
    record's content hash under its place in the stream the engine numbers."""
    this_run: set[bytes] = set()
    position = 0
    for item in items:
        if isinstance(item, Record):
            input_hash = record_hash(item)
            if story_key(item.id, input_hash) in done:
                summary.skipped += 1
                continue
            key = id_key(item.id)
            if key in this_run:
                item = BadRecord(id=item.id, source=item.source, reason=DUPLICATE)
            else:
                this_run.add(key)
                hashes[position] = input_hash
        yield item
        position += 1


def read_digests(name: str) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """The digests of a JSONL file (``.gz`` too): ``(source, digest, None)`` per good line,
    ``(source, None, reason)`` per line that is not a JSON object."""
    path = Path(name)
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            source = f"{name}:{number}"
            try:
                data = json.loads(raw)
            except ValueError as exc:
                yield source, None, f"line is not JSON: {exc}"
                continue
            if not isinstance(data, dict):
                yield source, None, "line is not a JSON object"
                continue
            yield source, data, None


def _digest_id(data: dict[str, Any]) -> str | None:
    article = data.get("article")
    found = article.get("id") if isinstance(article, dict) else None
    return found if isinstance(found, str) else None


__all__ = ["AddSummary", "add_to_corpus", "content_hash", "default_errors_path", "read_digests"]
