"""Digest worker processes: stories are digested outside the event loop, one per worker at a time.

Each worker is a spawned process that loads the spaCy pipeline once and then digests the
jobs it is sent over a pipe. A story that runs past the timeout has its worker stopped and
replaced, so a runaway story is abandoned rather than left to occupy the server. A request
that finds every worker busy and the waiting line full is refused at once (503).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import signal
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from typing import Any

from newsdigest.errors import NewsdigestError
from newsdigest.ingest.text import article_from_text
from newsdigest.model import Article
from newsdigest.pipeline import Pipeline
from newsdigest.server.errors import DigestTimeout, RemoteError, ServerBusy, WorkerFailed
from newsdigest.settings import Settings

log = logging.getLogger("newsdigest.server")

# Seconds a new worker may take to import newsdigest and load the spaCy pipeline.
START_TIMEOUT = 180.0
# Seconds to wait before trying again when a replacement worker fails to start.
RESPAWN_DELAY = 2.0
# A short story of our own that makes a new worker run every stage once before its first job.
WARM_UP_STORY = (
    'Mayor Ana Ruiz of Port Ellis said on Monday that the new bridge "will open in May."\n\n'
    "The city council approved the plan last week."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DigestJob:
    """One story to digest, as the API received it.

    text (str | None): the story as plain text; exactly one of ``text`` and ``html`` is set.
    html (str | None): the story as an HTML page.
    title, published, url (str | None): the story's metadata.
    highlights, max_words (int | None): per-request overrides of the server's Settings.
    only (tuple[str, ...] | None): sections to compute; None computes all.
    """

    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    highlights: int | None = None
    max_words: int | None = None
    only: tuple[str, ...] | None = None


@lru_cache(maxsize=16)
def _pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


def run_job(job: DigestJob, settings: Settings) -> dict[str, Any]:
    """Digest one job with the server's settings and the job's overrides.

    job (DigestJob): the story and its options.
    settings (Settings): the server's settings.
    RETURNS (dict[str, Any]): the ``newsdigest/1`` digest, with the text.
    """
    overrides = {
        name: value
        for name, value in (("highlights", job.highlights), ("max_words", job.max_words))
        if value is not None
    }
    pipeline = _pipeline(settings.with_options(**overrides) if overrides else settings)
    return pipeline(_article(job), only=job.only).to_dict()


def _article(job: DigestJob) -> Article:
    if job.html is not None:
        from newsdigest.ingest.html import article_from_html

        return article_from_html(job.html, url=job.url, published=job.published, title=job.title)
    return article_from_text(job.text or "", title=job.title, published=job.published, url=job.url)


Answer = tuple[str, Any]


def _answer(job: DigestJob, settings: Settings) -> Answer:
    try:
        return "ok", run_job(job, settings)
    except NewsdigestError as exc:
        return "error", (str(exc), exc.status, exc.title)
    except Exception as exc:  # reported to the client as a 500, the worker lives on
        return "crash", f"{type(exc).__name__}: {exc}"


def _worker_main(conn: Connection, settings: Settings) -> None:
    """A worker process: load the pipeline, say so, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when workers stop
    try:
        run_job(DigestJob(text=WARM_UP_STORY, published="2026-01-05"), settings)
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer(job, settings))


class _Overran(Exception):
    """The worker did not answer within the timeout."""


class _Died(Exception):
    """The worker's pipe closed: the process is gone."""


class _Worker:
    """The parent's handle on one worker process; its methods block, so they run in threads."""

    def __init__(self, settings: Settings) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe(duplex=True)
        self.process: SpawnProcess = context.Process(
            target=_worker_main, args=(child, settings), name="newsdigest-worker", daemon=True
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has loaded the pipeline; raise ``WorkerFailed`` otherwise."""
        try:
            if not self.conn.poll(timeout):
                raise WorkerFailed(f"a digest worker did not start within {timeout:.0f} s")
            status, detail = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise WorkerFailed("a digest worker exited while loading the pipeline") from exc
        if status != "ready":
            raise WorkerFailed(f"a digest worker could not load the pipeline: {detail}")

    def call(self, job: DigestJob, timeout: float) -> Answer:
        """Send one job and wait for its answer for at most ``timeout`` seconds."""
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                raise _Overran
            answer: Answer = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise _Died from exc
        return answer

    def stop(self) -> None:
        """Stop the process, whatever it is doing."""
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2.0)


def _spawn(settings: Settings) -> _Worker:
    worker = _Worker(settings)
    try:
        worker.wait_ready(START_TIMEOUT)
    except BaseException:
        worker.stop()
        raise
    return worker


@dataclass(frozen=True, slots=True)
class PoolStatus:
    """What the pool is doing right now (for the health check)."""

    workers: int
    idle: int
    busy: int
    queued: int
    starting: int


class WorkerPool:
    """A fixed number of digest workers, a bounded waiting line and a timeout per story.

    settings (Settings): how every worker digests.
    workers (int): number of worker processes.
    max_queue (int): requests that may wait for a worker beyond those being served.
    timeout (float): seconds a story may run, and seconds a request may wait for a worker.
    """

    def __init__(self, settings: Settings, *, workers: int, max_queue: int, timeout: float) -> None:
        self.settings = settings
        self.workers = workers
        self.max_queue = max_queue
        self.timeout = timeout
        # One thread per busy worker, plus one per worker being replaced.
        self._threads = ThreadPoolExecutor(2 * workers, thread_name_prefix="newsdigest-pool")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._alive: set[_Worker] = set()
        self._respawns: set[asyncio.Task[None]] = set()
        self._pending = 0
        self._busy = 0
        self._closing = False

    async def start(self) -> None:
        """Start every worker and wait until each has loaded the pipeline."""
        loop = asyncio.get_running_loop()
        started = await asyncio.gather(
            *(
                loop.run_in_executor(self._threads, _spawn, self.settings)
                for _ in range(self.workers)
            ),
            return_exceptions=True,
        )
        workers = [w for w in started if isinstance(w, _Worker)]
        failures = [e for e in started if isinstance(e, BaseException)]
        for worker in workers:
            self._alive.add(worker)
            self._idle.put_nowait(worker)
        if failures:
            await self.close()
            raise failures[0]

    def status(self) -> PoolStatus:
        """How many workers are idle, busy or starting, and how many requests wait."""
        idle = self._idle.qsize()
        return PoolStatus(
            workers=self.workers,
            idle=idle,
            busy=self._busy,
            queued=self._pending - self._busy,
            starting=max(0, self.workers - idle - self._busy),
        )

    async def digest(self, job: DigestJob) -> dict[str, Any]:
        """Digest one job on a free worker.

        job (DigestJob): the story and its options.
        RETURNS (dict[str, Any]): the ``newsdigest/1`` digest.
        Raises ``ServerBusy`` (503) when the line is full or no worker frees up in time,
        ``DigestTimeout`` (504) when the story runs past the timeout, ``WorkerFailed`` when the
        worker dies, and the worker's own error (e.g. ``InputError``) when the story is unusable.
        """
        if self._closing:
            raise ServerBusy("the server is shutting down")
        if self._pending >= self.workers + self.max_queue:
            raise ServerBusy(
                f"all {self.workers} workers are busy and {self.max_queue} requests are waiting; "
                "try again shortly"
            )
        self._pending += 1
        try:
            worker = await self._acquire()
            self._busy += 1
            try:
                status, payload = await self._run_on(worker, job)
            finally:
                self._busy -= 1
        finally:
            self._pending -= 1
        return _result(status, payload)

    async def _acquire(self) -> _Worker:
        try:
            async with asyncio.timeout(self.timeout):
                return await self._idle.get()
        except TimeoutError as exc:
            raise ServerBusy(
                f"no worker became free within {self.timeout:g} s; try again shortly"
            ) from exc

    async def _run_on(self, worker: _Worker, job: DigestJob) -> Answer:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._threads, worker.call, job, self.timeout)
        try:
            answer = await asyncio.shield(future)
        except asyncio.CancelledError:
            future.add_done_callback(lambda done: self._settle(worker, done))
            raise
        except _Overran as exc:
            self._replace(worker)
            raise DigestTimeout(
                f"the story took longer than {self.timeout:g} s; its worker was stopped "
                "(send a shorter story, or raise --timeout)"
            ) from exc
        except _Died as exc:
            self._replace(worker)
            raise WorkerFailed("the digest worker died while digesting this story") from exc
        self._idle.put_nowait(worker)
        return answer

    def _settle(self, worker: _Worker, done: asyncio.Future[Answer] | Future[Answer]) -> None:
        """Put a worker back after its request was cancelled, once its job has finished."""
        if not done.cancelled() and done.exception() is None and not self._closing:
            self._idle.put_nowait(worker)
        else:
            self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        self._alive.discard(worker)
        if self._closing:  # close() stops every worker itself
            return
        task = asyncio.get_running_loop().create_task(self._respawn(worker))
        self._respawns.add(task)
        task.add_done_callback(self._respawns.discard)

    async def _respawn(self, old: _Worker) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._threads, old.stop)
        while not self._closing:
            try:
                worker = await loop.run_in_executor(self._threads, _spawn, self.settings)
            except Exception as exc:  # keep trying: a lost worker would never come back
                log.error("replacing a digest worker failed: %s", exc)
                await asyncio.sleep(RESPAWN_DELAY)
                continue
            if self._closing:
                worker.stop()
                return
            self._alive.add(worker)
            self._idle.put_nowait(worker)
            return

    async def close(self) -> None:
        """Stop every worker; requests still waiting get 503."""
        self._closing = True
        for task in list(self._respawns):
            task.cancel()
        loop = asyncio.get_running_loop()
        workers: Sequence[_Worker] = list(self._alive)
        self._alive.clear()
        await asyncio.gather(*(loop.run_in_executor(self._threads, w.stop) for w in workers))
        self._threads.shutdown(wait=False, cancel_futures=True)


def _result(status: str, payload: Any) -> dict[str, Any]:
    if status == "ok":
        result: dict[str, Any] = payload
        return result
    if status == "error":
        message, code, title = payload
        raise RemoteError(message, status=code, title=title)
    log.error("a digest failed unexpectedly: %s", payload)
    raise WorkerFailed(f"the story could not be digested because of an internal error: {payload}")
