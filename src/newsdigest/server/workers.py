"""The server's digest workers: stories are digested outside the event loop, in batches.

Each worker is a process of its own (see :mod:`newsdigest.worker`: thread limits, the
pipeline loaded once, a warm-up). Requests wait in one line. A worker that becomes free
takes the requests waiting, at most :data:`BATCH_SIZE` of them and only those that arrived
within :data:`BATCH_DELAY` of the first, and digests them together, parsing them in one
batch; each answer goes back to its request as soon as it is ready, so no request waits
for a long line behind it.

Every story has a time limit (``--timeout``), counted from the worker's previous answer. A
worker that runs past it, or dies, is stopped and replaced. If one story of its batch was
unanswered, that story gets the error (504, or 500 for a death); if several were, each is
tried again alone, so only the one responsible fails. A request that finds every worker
busy and the waiting line full is refused at once (503).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from newsdigest.errors import NewsdigestError
from newsdigest.ingest.load import load
from newsdigest.model import Article, Digest
from newsdigest.pipeline import Pipeline
from newsdigest.server.errors import DigestTimeout, RemoteError, ServerBusy, WorkerFailed
from newsdigest.settings import Settings
from newsdigest.worker import (
    PARSE_BATCH,
    PipelineFactory,
    WorkerDied,
    WorkerOverran,
    WorkerProcess,
    WorkerState,
)

log = logging.getLogger("newsdigest.server")

# Seconds to wait before trying again when a replacement worker fails to start.
RESPAWN_DELAY = 2.0
# Requests one worker digests together, and how long it waits for more after the first.
BATCH_SIZE = 8
BATCH_DELAY = 0.002


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


Answer = tuple[str, Any]


def answer_jobs(state: WorkerState, jobs: list[DigestJob]) -> Iterator[Answer]:
    """Run in a worker: digest the jobs in order, yielding each one's answer as it is ready.

    Jobs next to each other with the same options are parsed together, PARSE_BATCH at a time.

    state (WorkerState): the worker's pipelines.
    jobs (list[DigestJob]): the stories and their options.
    RETURNS (Iterator[Answer]): ``("ok", digest)``, ``("error", (message, status, title))``
        for a story that cannot be digested, or ``("crash", reason)`` for a bug.
    """
    for (highlights, max_words, only), same in groupby(jobs, key=_options):
        overrides = {"highlights": highlights, "max_words": max_words}
        changed = {name: value for name, value in overrides.items() if value is not None}
        pipeline = state.pipeline(state.settings.with_options(**changed) if changed else None)
        group = list(same)
        articles = (_loaded(job) for job in group)
        for result in pipeline.pipe_outcomes(articles, only=only, batch_size=PARSE_BATCH):
            yield _answer(result)


def _options(job: DigestJob) -> tuple[int | None, int | None, tuple[str, ...] | None]:
    return job.highlights, job.max_words, job.only


def _loaded(job: DigestJob) -> Article | Exception:
    try:
        if job.html is not None:
            return load(job.html, html=True, title=job.title, published=job.published, url=job.url)
        return load(
            job.text or "", html=False, title=job.title, published=job.published, url=job.url
        )
    except Exception as exc:  # answered in its turn
        return exc


def _answer(result: Digest | Exception) -> Answer:
    try:
        if isinstance(result, Exception):
            raise result
        return "ok", result.to_dict()
    except NewsdigestError as exc:
        return "error", (str(exc), exc.status, exc.title)
    except Exception as exc:  # reported to the client as a 500, the worker lives on
        return "crash", f"{type(exc).__name__}: {exc}"


@dataclass(eq=False)
class _Request:
    """A request in the line: its job, and the answer its handler waits for."""

    job: DigestJob
    answer: asyncio.Future[Answer]
    taken: asyncio.Event = field(default_factory=asyncio.Event)
    solo: bool = False  # tried again alone after its batch's worker was lost


@dataclass(frozen=True, slots=True)
class PoolStatus:
    """What the pool is doing right now (for the health check)."""

    workers: int
    idle: int
    busy: int
    queued: int
    starting: int


class WorkerPool:
    """A fixed number of digest workers, a bounded waiting line and a time limit per story.

    settings (Settings): how every worker digests.
    workers (int): number of worker processes.
    max_queue (int): requests that may wait for a worker beyond one per worker.
    timeout (float): seconds a story may run, and seconds a request may wait for a worker.
    pipeline_factory (PipelineFactory): builds each worker's pipeline (importable by name).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        workers: int,
        max_queue: int,
        timeout: float,
        pipeline_factory: PipelineFactory = Pipeline,
    ) -> None:
        self.settings = settings
        self.workers = workers
        self.max_queue = max_queue
        self.timeout = timeout
        self.pipeline_factory = pipeline_factory
        # One thread per worker talking to its process, plus one per worker being replaced.
        self._threads = ThreadPoolExecutor(2 * workers, thread_name_prefix="newsdigest-pool")
        self._line: deque[_Request] = deque()
        self._requests: set[_Request] = set()
        self._arrived = asyncio.Event()
        self._alive: set[WorkerProcess] = set()
        self._runners: set[asyncio.Task[None]] = set()
        self._pending = 0
        self._idle = 0
        self._busy = 0
        self._closing = False

    async def start(self) -> None:
        """Start every worker and wait until each has loaded the pipeline and warmed up."""
        loop = asyncio.get_running_loop()
        workers = [self._new_worker() for _ in range(self.workers)]
        started = await asyncio.gather(
            *(loop.run_in_executor(self._threads, w.wait_ready) for w in workers),
            return_exceptions=True,
        )
        failures = [e for e in started if isinstance(e, BaseException)]
        if failures:
            await self.close()
            raise failures[0]
        for worker in workers:
            task = loop.create_task(self._serve(worker))
            self._runners.add(task)
            task.add_done_callback(self._runners.discard)

    def _new_worker(self) -> WorkerProcess:
        # created on the event loop's thread, which lives as long as the workers
        worker = WorkerProcess(self.settings, factory=self.pipeline_factory)
        self._alive.add(worker)
        return worker

    def status(self) -> PoolStatus:
        """How many workers are idle, busy or starting, and how many requests wait."""
        return PoolStatus(
            workers=self.workers,
            idle=self._idle,
            busy=self._busy,
            queued=len(self._line),
            starting=max(0, self.workers - self._idle - self._busy),
        )

    async def digest(self, job: DigestJob) -> dict[str, Any]:
        """Digest one job on the next free worker.

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
        request = _Request(job, asyncio.get_running_loop().create_future())
        self._pending += 1
        self._requests.add(request)
        self._line.append(request)
        self._arrived.set()
        try:
            try:
                async with asyncio.timeout(self.timeout):
                    await request.taken.wait()
            except TimeoutError as exc:
                raise ServerBusy(
                    f"no worker became free within {self.timeout:g} s; try again shortly"
                ) from exc
            status, payload = await request.answer
        finally:
            self._pending -= 1
            self._requests.discard(request)
            if not request.taken.is_set():
                self._line.remove(request)
        return _result(status, payload)

    async def _serve(self, worker: WorkerProcess) -> None:
        """One worker's loop: take a batch from the line, digest it, replace the worker if lost."""
        self._idle += 1
        while not self._closing:
            batch = await self._next_batch()
            self._idle -= 1
            self._busy += 1
            try:
                lost = await self._digest_batch(worker, batch)
            finally:
                self._busy -= 1
            if lost:
                worker = await self._replace(worker)
            self._idle += 1

    async def _next_batch(self) -> list[_Request]:
        """The first request waiting, and those right behind it, up to the batch's bounds."""
        loop = asyncio.get_running_loop()
        while not self._line:
            self._arrived.clear()
            await self._arrived.wait()
        batch = [self._take()]
        deadline = loop.time() + BATCH_DELAY
        while not batch[0].solo and len(batch) < BATCH_SIZE:
            if self._line and not self._line[0].solo:
                batch.append(self._take())
                continue
            remaining = deadline - loop.time()
            if remaining <= 0 or self._line:
                break
            self._arrived.clear()
            try:
                async with asyncio.timeout(remaining):
                    await self._arrived.wait()
            except TimeoutError:
                break
        return batch

    def _take(self) -> _Request:
        request = self._line.popleft()
        request.taken.set()
        return request

    async def _digest_batch(self, worker: WorkerProcess, batch: list[_Request]) -> bool:
        """Digest a batch on a worker; RETURNS whether the worker was lost (overran or died)."""
        loop = asyncio.get_running_loop()
        exchange = loop.run_in_executor(self._threads, self._exchange, worker, batch, loop)
        answered, failure = await asyncio.shield(exchange)
        if failure is None:
            return False
        error, lost = failure
        unanswered = batch[answered:]
        if len(unanswered) > 1:  # which story is responsible is not known: each goes alone
            log.warning("%s; retrying %d stories one at a time", error, len(unanswered))
            for request in reversed(unanswered):
                if not request.answer.done():
                    request.solo = True
                    self._line.appendleft(request)
            self._arrived.set()
        elif unanswered and not unanswered[0].answer.done():
            unanswered[0].answer.set_exception(error)
        return lost

    def _exchange(
        self, worker: WorkerProcess, batch: list[_Request], loop: asyncio.AbstractEventLoop
    ) -> tuple[int, tuple[NewsdigestError, bool] | None]:
        """In a thread: send the batch, hand each answer to its request as soon as it comes.

        RETURNS (tuple): how many stories were answered; and, when the batch failed, the
            error of the next story and whether the worker was lost.
        """
        answered = 0
        try:
            worker.send(answer_jobs, [request.job for request in batch])
            while True:
                kind, value = worker.receive(self.timeout)
                if kind == "done":
                    return answered, None
                if kind == "reply":
                    loop.call_soon_threadsafe(_deliver, batch[answered], value)
                    answered += 1
                    continue
                log.error("a digest task failed unexpectedly: %s", value)
                worker.receive(self.timeout)  # its "done": the worker lives on
                crash = f"the story could not be digested because of an internal error: {value}"
                return answered, (WorkerFailed(crash), False)
        except WorkerOverran:
            overran = DigestTimeout(
                f"the story took longer than {self.timeout:g} s; its worker was stopped "
                "(send a shorter story, or raise --timeout)"
            )
            return answered, (overran, True)
        except WorkerDied:
            died = WorkerFailed("the digest worker died while digesting this story")
            return answered, (died, True)

    async def _replace(self, old: WorkerProcess) -> WorkerProcess:
        """Stop a lost worker and start another, trying again until one starts."""
        loop = asyncio.get_running_loop()
        self._alive.discard(old)
        await loop.run_in_executor(self._threads, old.stop)
        while True:
            worker = self._new_worker()
            try:
                await loop.run_in_executor(self._threads, worker.wait_ready)
            except Exception as exc:  # keep trying: a lost worker would never come back
                log.error("replacing a digest worker failed: %s", exc)
                self._alive.discard(worker)
                await loop.run_in_executor(self._threads, worker.stop)
                await asyncio.sleep(RESPAWN_DELAY)
                continue
            return worker

    async def close(self) -> None:
        """Stop every worker; requests still waiting get 503."""
        self._closing = True
        for task in list(self._runners):
            task.cancel()
        await asyncio.gather(*self._runners, return_exceptions=True)
        for request in self._requests:
            request.taken.set()
            if not request.answer.done():
                request.answer.set_exception(ServerBusy("the server is shutting down"))
        loop = asyncio.get_running_loop()
        workers = list(self._alive)
        self._alive.clear()
        await asyncio.gather(*(loop.run_in_executor(self._threads, w.stop) for w in workers))
        self._threads.shutdown(wait=False, cancel_futures=True)


def _deliver(request: _Request, answer: Answer) -> None:
    if not request.answer.done():
        request.answer.set_result(answer)


def _result(status: str, payload: Any) -> dict[str, Any]:
    if status == "ok":
        result: dict[str, Any] = payload
        return result
    if status == "error":
        message, code, title = payload
        raise RemoteError(message, status=code, title=title)
    log.error("a digest failed unexpectedly: %s", payload)
    raise WorkerFailed(f"the story could not be digested because of an internal error: {payload}")
