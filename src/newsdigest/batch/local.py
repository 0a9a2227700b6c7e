"""The local engine: worker processes on this machine, each holding one pipeline.

Records are streamed to the workers (:mod:`newsdigest.worker`) in small chunks, one chunk
per worker at a time, so memory does not grow with the corpus. Chunks grow or shrink to
take about :data:`TARGET_CHUNK_SECONDS` each: cheap records travel many at a time,
expensive ones a few or one at a time. A worker parses a chunk's records together and
sends back each record's outcome as soon as it has it; every record has a time limit
counted from its worker's previous outcome.

A worker that runs past the limit is stopped and replaced, and so is one that dies (a
crash in native code, the out-of-memory killer). When a single record of its chunk was
unanswered, that record is the one responsible: it fails (``timed out after N s``, or
:data:`WORKER_DIED`). When several were, each is tried again alone, so that only the one
responsible fails and nothing is lost or digested twice.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from types import TracebackType

from newsdigest.batch.records import BadRecord, Item, Record
from newsdigest.batch.work import ChunkTask, Outcome, digest_chunk, failed, one_line
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings
from newsdigest.worker import (
    START_TIMEOUT,
    PipelineFactory,
    WorkerDied,
    WorkerFailed,
    WorkerProcess,
    timed_out,
    usable_cores,
)

log = logging.getLogger(__name__)

# Chunks long enough for their records to be parsed in batches (PARSE_BATCH), short enough
# to keep every worker busy until the end of a run.
TARGET_CHUNK_SECONDS = 1.0
MAX_CHUNK = 64
# Finished outcomes that may wait (for their turn with --ordered, or to be yielded), per worker.
WAITING_PER_WORKER = 3 * MAX_CHUNK
POLL_SECONDS = 0.2
DEFAULT_TIMEOUT = 60.0
# Replacement workers that may fail to start in a row before the run gives up.
MAX_START_FAILURES = 3
WORKER_DIED = "the worker process died while digesting this record (a crash or out of memory)"

Chunk = list[tuple[int, Record]]
Finish = Callable[[Outcome], None]


@dataclass
class _Job:
    """A chunk on a worker: its records not yet answered, and when it last made progress."""

    pending: deque[tuple[int, Record]]
    solo: bool
    size: int
    sent: float
    progress: float

    @classmethod
    def of(cls, chunk: Chunk, solo: bool) -> _Job:
        now = time.monotonic()
        return cls(deque(chunk), solo, len(chunk), now, now)


class LocalEngine:
    """Digest records on worker processes on this machine.

    Used as a context manager, the workers outlive a run and serve the next one; otherwise
    each run starts them and stops them at its end.

    settings (Settings): options for every record.
    only (Sequence[str] | None): sections to compute; None computes all.
    include_text (bool): whether digests carry the story text.
    workers (int | None): number of processes; None uses every usable core.
    ordered (bool): yield outcomes in input order (holds finished records back meanwhile).
    timeout (float): seconds one record may take; a record over it fails and its worker is
        replaced.
    pipeline_factory (Callable[[Settings], Pipeline]): builds each worker's pipeline; it must
        be importable by name (a module-level function or class), as workers are new processes.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        only: Sequence[str] | None = None,
        include_text: bool = True,
        workers: int | None = None,
        ordered: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        pipeline_factory: PipelineFactory = Pipeline,
    ) -> None:
        self.settings = settings or Settings()
        self.pipeline_factory = pipeline_factory
        self.only = tuple(only) if only else None
        self.include_text = include_text
        self.workers = workers or usable_cores()
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if not timeout > 0:
            raise ValueError("timeout must be more than 0 seconds")
        self.ordered = ordered
        self.timeout = timeout
        self._chunk_size = 1
        self._seconds_per_record: float | None = None
        self._idle: list[WorkerProcess] = []
        self._starting: dict[WorkerProcess, float] = {}
        self._busy: dict[WorkerProcess, _Job] = {}
        self._start_failures = 0
        self._ever_ready = False
        self._kept = False

    def keep(self) -> LocalEngine:
        """Keep the workers from one run to the next, until :meth:`close`."""
        self._kept = True
        return self

    def __enter__(self) -> LocalEngine:
        return self.keep()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._kept = False
        self.close()

    def close(self) -> None:
        """Stop every worker."""
        for worker in [*self._idle, *self._starting, *self._busy]:
            worker.stop()
        self._idle.clear()
        self._starting.clear()
        self._busy.clear()

    def run(
        self, items: Iterable[Item], stop: Callable[[], bool] = lambda: False
    ) -> Iterator[Outcome]:
        """Digest every item, yielding outcomes as they arrive (or in input order).

        items (Iterable[Record | BadRecord]): the records; bad ones come out as failures.
        stop (Callable[[], bool]): polled often; when it returns True, the run ends promptly,
            dropping the records in flight.
        RETURNS (Iterator[Outcome]): one outcome per item taken from ``items``; raises
            :class:`~newsdigest.worker.WorkerFailed` when workers cannot start.
        """
        try:
            yield from self._run(enumerate(items), stop)
        finally:
            for worker in list(self._busy):  # records in flight are dropped with their worker
                del self._busy[worker]
                worker.stop()
            if not self._kept:
                self.close()

    def _run(
        self, source: Iterator[tuple[int, Item]], stop: Callable[[], bool]
    ) -> Iterator[Outcome]:
        ready: deque[Outcome] = deque()
        held: dict[int, Outcome] = {}
        suspects: deque[tuple[int, Record]] = deque()
        next_seq = 0
        exhausted = False

        def finish(outcome: Outcome) -> None:
            if self.ordered:
                held[outcome.seq] = outcome
            else:
                ready.append(outcome)

        def room() -> bool:
            return len(held) + len(ready) < self.workers * WAITING_PER_WORKER

        while len(self._idle) + len(self._starting) + len(self._busy) < self.workers:
            self._spawn()
        while True:
            while self._idle and not stop():
                if suspects:  # already read: they go out even when many outcomes wait
                    self._send(self._idle.pop(), [suspects.popleft()], True, finish, suspects)
                    continue
                if exhausted or not room():
                    break
                chunk, exhausted = self._take(source, finish, room)
                if chunk:
                    self._send(self._idle.pop(), chunk, False, finish, suspects)
                elif not exhausted:
                    break  # the waiting outcomes must be yielded first
            if self.ordered:
                while next_seq in held:
                    ready.append(held.pop(next_seq))
                    next_seq += 1
            while ready:
                yield ready.popleft()
            if stop():
                return
            if exhausted and not suspects and not self._busy:
                ready.extend(held[seq] for seq in sorted(held))
                held.clear()
                yield from ready
                return
            self._wait(finish, suspects)

    def _take(
        self, source: Iterator[tuple[int, Item]], finish: Finish, room: Callable[[], bool]
    ) -> tuple[Chunk, bool]:
        chunk: Chunk = []
        # a long run of unreadable records must not pile up unseen
        while len(chunk) < self._chunk_size and room():
            try:
                seq, item = next(source)
            except StopIteration:
                return chunk, True
            if isinstance(item, BadRecord):
                finish(failed(seq, item))
            else:
                chunk.append((seq, item))
        return chunk, False

    def _spawn(self) -> None:
        worker = WorkerProcess(self.settings, factory=self.pipeline_factory, only=self.only)
        self._starting[worker] = time.monotonic()

    def _send(
        self,
        worker: WorkerProcess,
        chunk: Chunk,
        solo: bool,
        finish: Finish,
        suspects: deque[tuple[int, Record]],
    ) -> None:
        self._busy[worker] = _Job.of(chunk, solo)
        try:
            worker.send(digest_chunk, ChunkTask(chunk, self.only, self.include_text))
        except WorkerDied:
            self._lost(worker, WORKER_DIED, finish, suspects)

    def _wait(self, finish: Finish, suspects: deque[tuple[int, Record]]) -> None:
        """Wait for messages (at most until the next time limit) and act on them."""
        now = time.monotonic()
        limits = [job.progress + self.timeout - now for job in self._busy.values()]
        timeout = max(0.0, min([POLL_SECONDS, *limits]))
        watched = {worker.conn: worker for worker in [*self._busy, *self._starting]}
        for conn in wait(list(watched), timeout=timeout):
            worker = watched[conn]  # type: ignore[index]
            if worker in self._starting:
                self._started(worker)
            else:
                self._read(worker, finish, suspects)
        now = time.monotonic()
        for worker, job in list(self._busy.items()):
            if now - job.progress > self.timeout:
                self._lost(worker, timed_out(self.timeout), finish, suspects)
        for worker, since in list(self._starting.items()):
            if now - since > START_TIMEOUT:
                del self._starting[worker]
                worker.stop()
                self._start_failed(WorkerFailed(f"a worker did not start in {START_TIMEOUT:g} s"))

    def _started(self, worker: WorkerProcess) -> None:
        del self._starting[worker]
        try:
            try:
                message = worker.receive()
            except WorkerDied as exc:
                raise WorkerFailed("a worker exited while loading the pipeline") from exc
            worker.accept_start(message)
        except WorkerFailed as exc:
            worker.stop()
            self._start_failed(exc)
            return
        self._start_failures = 0
        self._ever_ready = True
        self._idle.append(worker)

    def _start_failed(self, error: WorkerFailed) -> None:
        """Give up when no worker ever started (a setting is wrong) or several failed in a row."""
        self._start_failures += 1
        if not self._ever_ready or self._start_failures >= MAX_START_FAILURES:
            raise error
        log.warning("%s; starting another", error)
        self._spawn()

    def _read(
        self, worker: WorkerProcess, finish: Finish, suspects: deque[tuple[int, Record]]
    ) -> None:
        job = self._busy[worker]
        try:
            while worker.conn.poll():
                kind, value = worker.receive()
                job.progress = time.monotonic()
                if kind == "reply":
                    job.pending.popleft()
                    finish(value)
                elif kind == "crash":  # the task failed as a whole; the worker lives on
                    self._undone(job, one_line(f"internal error: {value}"), finish, suspects)
                else:  # done
                    del self._busy[worker]
                    if not job.solo:
                        self._learn_speed(job.progress - job.sent, job.size)
                    self._idle.append(worker)
                    return
        except WorkerDied:
            self._lost(worker, WORKER_DIED, finish, suspects)

    def _lost(
        self,
        worker: WorkerProcess,
        reason: str,
        finish: Finish,
        suspects: deque[tuple[int, Record]],
    ) -> None:
        """A worker overran or died: replace it, and fail or retry its unanswered records."""
        job = self._busy.pop(worker)
        worker.stop()
        self._spawn()
        self._undone(job, reason, finish, suspects)

    def _undone(
        self, job: _Job, reason: str, finish: Finish, suspects: deque[tuple[int, Record]]
    ) -> None:
        """Records of a chunk that failed unanswered: a lone one fails with ``reason``; when
        several were unanswered, which one is responsible is not known, so each goes alone."""
        if len(job.pending) == 1:
            seq, record = job.pending[0]
            finish(Outcome(seq, record.id, record.source, None, reason))
        elif job.pending:
            log.warning("%s; retrying %d records one at a time", reason, len(job.pending))
            suspects.extend(job.pending)
        job.pending.clear()

    def _learn_speed(self, seconds: float, size: int) -> None:
        per_record = seconds / size
        previous = self._seconds_per_record
        self._seconds_per_record = (
            per_record if previous is None else 0.8 * previous + 0.2 * per_record
        )
        wanted = TARGET_CHUNK_SECONDS / max(self._seconds_per_record, 1e-6)
        self._chunk_size = max(1, min(MAX_CHUNK, round(wanted)))
