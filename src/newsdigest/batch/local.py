"""The local engine: a pool of worker processes, each holding one pipeline.

Records are streamed into the pool in small chunks, with a bounded number of chunks in
flight, so memory does not grow with the corpus. Chunks grow or shrink to take about
:data:`TARGET_CHUNK_SECONDS` each: cheap records travel many at a time, expensive ones one
by one. A worker that dies (a crash in native code, the out-of-memory killer) costs only
the record that killed it: the chunks in flight are retried one record at a time.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from newsdigest.batch.records import BadRecord, Item, Record
from newsdigest.batch.work import Outcome, digest_record, failed
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings

log = logging.getLogger(__name__)

TARGET_CHUNK_SECONDS = 0.2
MAX_CHUNK = 64
CHUNKS_PER_WORKER = 3
POLL_SECONDS = 0.2
# Each worker is one process on one core: numeric libraries must not start a thread pool per
# worker, which on a busy machine costs a third of the throughput in contention.
SINGLE_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
WORKER_DIED = "the worker process died while digesting this record (a crash or out of memory)"

Chunk = list[tuple[int, Record]]
PipelineFactory = Callable[[Settings], Pipeline]

# The pipeline and options of a worker process, set once by its initializer.
_worker: dict[str, object] = {}


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(
    factory: PipelineFactory,
    settings: Settings,
    only: tuple[str, ...] | None,
    include_text: bool,
    parent: int,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _die_with_parent(parent)
    _worker["pipeline"] = factory(settings)
    _worker["only"] = only
    _worker["include_text"] = include_text


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the parent dies, even by SIGKILL."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(0)


def _digest_chunk(chunk: Chunk) -> tuple[float, list[Outcome]]:
    """Digest a chunk in a worker; RETURNS the seconds it took and the outcomes."""
    started = time.perf_counter()
    pipeline = _worker["pipeline"]
    assert isinstance(pipeline, Pipeline)
    only = _worker["only"]
    include_text = bool(_worker["include_text"])
    outcomes = [
        digest_record(pipeline, seq, record, only=only, include_text=include_text)  # type: ignore[arg-type]
        for seq, record in chunk
    ]
    return time.perf_counter() - started, outcomes


@dataclass
class _Flight:
    """Chunks sent to the pool and not yet back."""

    futures: dict[Future[tuple[float, list[Outcome]]], Chunk] = field(default_factory=dict)

    def records(self) -> int:
        return sum(len(chunk) for chunk in self.futures.values())


class LocalEngine:
    """Digest records on a pool of processes on this machine.

    settings (Settings): options for every record.
    only (Sequence[str] | None): sections to compute; None computes all.
    include_text (bool): whether digests carry the story text.
    workers (int | None): number of processes; None uses every core.
    ordered (bool): yield outcomes in input order (holds finished records back meanwhile).
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
        pipeline_factory: PipelineFactory = Pipeline,
    ) -> None:
        self.settings = settings or Settings()
        self.pipeline_factory = pipeline_factory
        self.only = tuple(only) if only else None
        self.include_text = include_text
        self.workers = workers or default_workers()
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        self.ordered = ordered
        self._chunk_size = 1
        self._seconds_per_record: float | None = None

    def run(
        self, items: Iterable[Item], stop: Callable[[], bool] = lambda: False
    ) -> Iterator[Outcome]:
        """Digest every item, yielding outcomes as they arrive (or in input order).

        items (Iterable[Record | BadRecord]): the records; bad ones come out as failures.
        stop (Callable[[], bool]): polled often; when it returns True, the run ends promptly,
            dropping the records in flight.
        RETURNS (Iterator[Outcome]): one outcome per item taken from ``items``.
        """
        source = enumerate(items)
        with _single_threaded_children():
            yield from self._run(source, stop)

    def _run(
        self, source: Iterator[tuple[int, Item]], stop: Callable[[], bool]
    ) -> Iterator[Outcome]:
        pool = self._new_pool()
        flight = _Flight()
        ready: deque[Outcome] = deque()
        held: dict[int, Outcome] = {}
        next_seq = 0
        exhausted = False
        try:
            while True:
                while not exhausted and not stop() and self._room(flight, held, ready):
                    chunk, exhausted = self._take(source, ready if not self.ordered else held)
                    if chunk:
                        flight.futures[pool.submit(_digest_chunk, chunk)] = chunk
                if self.ordered:
                    while next_seq in held:
                        ready.append(held.pop(next_seq))
                        next_seq += 1
                    if not flight.futures and (exhausted or stop()):
                        ready.extend(held[k] for k in sorted(held))
                        held.clear()
                while ready:
                    yield ready.popleft()
                if stop() or (exhausted and not flight.futures):
                    return
                pool = self._collect(pool, flight, held if self.ordered else None, ready)
        finally:
            _shutdown(pool)

    def _room(self, flight: _Flight, held: dict[int, Outcome], ready: deque[Outcome]) -> bool:
        in_flight = len(flight.futures) < self.workers * CHUNKS_PER_WORKER
        return in_flight and len(held) + len(ready) < self._waiting_limit()

    def _waiting_limit(self) -> int:
        """How many finished outcomes may wait (for their turn, or to be yielded)."""
        return self.workers * CHUNKS_PER_WORKER * MAX_CHUNK

    def _take(
        self, source: Iterator[tuple[int, Item]], bad_sink: deque[Outcome] | dict[int, Outcome]
    ) -> tuple[Chunk, bool]:
        chunk: Chunk = []
        # a long run of unreadable records must not pile up unseen
        while len(chunk) < self._chunk_size and len(bad_sink) < self._waiting_limit():
            try:
                seq, item = next(source)
            except StopIteration:
                return chunk, True
            if isinstance(item, BadRecord):
                outcome = failed(seq, item)
                if isinstance(bad_sink, dict):
                    bad_sink[seq] = outcome
                else:
                    bad_sink.append(outcome)
            else:
                chunk.append((seq, item))
        return chunk, False

    def _collect(
        self,
        pool: ProcessPoolExecutor,
        flight: _Flight,
        held: dict[int, Outcome] | None,
        ready: deque[Outcome],
    ) -> ProcessPoolExecutor:
        if not flight.futures:
            return pool
        done, _ = wait(list(flight.futures), timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
        broken = False
        for future in done:
            chunk = flight.futures.pop(future)
            try:
                seconds, outcomes = future.result()
            except BrokenProcessPool:
                broken = True
                flight.futures[future] = chunk
                continue
            self._learn_speed(seconds, len(chunk))
            for outcome in outcomes:
                if held is not None:
                    held[outcome.seq] = outcome
                else:
                    ready.append(outcome)
        if not broken:
            return pool
        suspects = [pair for chunk in flight.futures.values() for pair in chunk]
        flight.futures.clear()
        _shutdown(pool)
        log.warning("a worker process died; retrying %d records one at a time", len(suspects))
        pool = self._new_pool()
        for seq, record in sorted(suspects, key=lambda pair: pair[0]):
            pool, outcome = self._isolated(pool, seq, record)
            if held is not None:
                held[outcome.seq] = outcome
            else:
                ready.append(outcome)
        return pool

    def _isolated(
        self, pool: ProcessPoolExecutor, seq: int, record: Record
    ) -> tuple[ProcessPoolExecutor, Outcome]:
        try:
            return pool, pool.submit(_digest_chunk, [(seq, record)]).result()[1][0]
        except BrokenProcessPool:
            _shutdown(pool)
            return self._new_pool(), Outcome(seq, record.id, record.source, None, WORKER_DIED)

    def _learn_speed(self, seconds: float, size: int) -> None:
        if size == 0:
            return
        per_record = seconds / size
        previous = self._seconds_per_record
        self._seconds_per_record = (
            per_record if previous is None else 0.8 * previous + 0.2 * per_record
        )
        wanted = TARGET_CHUNK_SECONDS / max(self._seconds_per_record, 1e-6)
        self._chunk_size = max(1, min(MAX_CHUNK, round(wanted)))

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(
                self.pipeline_factory,
                self.settings,
                self.only,
                self.include_text,
                os.getpid(),
            ),
        )


@contextlib.contextmanager
def _single_threaded_children() -> Iterator[None]:
    """Start worker processes with one thread for numeric libraries, unless the user chose."""
    added = [name for name in SINGLE_THREAD_ENV if name not in os.environ]
    for name in added:
        os.environ[name] = "1"
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def _shutdown(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: cancel what has not started and end the workers."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
