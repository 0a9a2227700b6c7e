"""The one way a digest worker starts, works and is stopped: for the server, local batch and Ray.

A worker is a process of its own, spawned (never forked, so it starts clean). It limits
numeric libraries to one thread, loads the pipeline once, digests a short story of our own
so that every model is loaded before the first real story, says it is ready, and then runs
the tasks its parent sends over a pipe, sending back one reply per story as soon as it has it.

The parent holds a :class:`WorkerProcess` and gives every story a time limit, counted from
the worker's previous reply. A worker that overruns it is stopped and replaced: a process
can be stopped wherever it is, even inside a regular expression or native code, where
neither a thread nor an alarm signal could interrupt it.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from pathlib import Path
from typing import Any

from newsdigest.errors import NewsdigestError
from newsdigest.ingest.extract import quiet_extraction_loggers
from newsdigest.ingest.text import article_from_text
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings

# Each worker is one process on one core: numeric libraries must not start a thread pool per
# worker, which on a busy machine costs a third of the throughput in contention.
SINGLE_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# Seconds a new worker may take to import newsdigest, load the pipeline and warm up.
START_TIMEOUT = 180.0
# A short story of our own that makes a new worker run every stage once before its first job.
WARM_UP_STORY = (
    'Mayor Ana Ruiz of Port Ellis said on Monday that the new bridge "will open in May."\n\n'
    "The city council approved the plan last week."
)
WARM_UP_PUBLISHED = "2026-01-05"
# Stories a worker parses together with one nlp.pipe call: the batch that measured fastest
# (CPU per digest, all sections, against 1, 2 and 8; benchmarks/batch.py --parse-batches);
# each story of a batch holds its parse meanwhile, so larger batches also cost memory.
PARSE_BATCH = 4
# Pipelines a worker keeps for per-request settings (the server's highlights and max_words).
PIPELINES_PER_WORKER = 16
EXIT_INTERNAL = 70

PipelineFactory = Callable[[Settings], Pipeline]
Message = tuple[str, Any]


def usable_cores(cgroup_root: Path = Path("/sys/fs/cgroup")) -> int:
    """The number of cores this process may use: its CPU affinity, capped by a CPU quota.

    cgroup_root (Path): where the cgroup file system is mounted; a container's CPU limit
        (``docker run --cpus 2``) is a quota there, invisible to the affinity mask.
    RETURNS (int): at least 1.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    quota = _cpu_quota(cgroup_root)
    if quota is not None:
        cores = min(cores, math.floor(quota))
    return max(1, cores)


def _cpu_quota(root: Path) -> float | None:
    """CPUs allowed by a cgroup quota (v2 ``cpu.max``, else v1 ``cpu.cfs_*``); None if none."""
    try:
        quota, period = (root / "cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        try:
            quota = (root / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (root / "cpu" / "cpu.cfs_period_us").read_text().strip()
        except OSError:
            return None
    try:
        cpus = int(quota) / int(period)
    except (ValueError, ZeroDivisionError):  # "max" or -1: no quota
        return None
    return cpus if cpus > 0 else None


def single_thread_env() -> dict[str, str]:
    """One thread for each numeric library whose thread count the user has not set."""
    return {name: "1" for name in SINGLE_THREAD_ENV if name not in os.environ}


@contextlib.contextmanager
def single_threaded_children() -> Iterator[None]:
    """Processes started inside this block get one thread per numeric library.

    The libraries read these variables when they load, which in a spawned worker happens
    while it imports newsdigest, before the worker's own code runs: so the parent sets them.
    """
    added = single_thread_env()
    os.environ.update(added)
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


class WorkerState:
    """What a worker process holds: the pipeline of its settings, and a few for overrides.

    settings (Settings): the worker's settings.
    factory (PipelineFactory): builds a pipeline from settings.
    """

    def __init__(self, settings: Settings, factory: PipelineFactory) -> None:
        self.settings = settings
        self.factory = factory
        self._pipelines: dict[Settings, Pipeline] = {}

    def pipeline(self, settings: Settings | None = None) -> Pipeline:
        """The pipeline for ``settings`` (default: the worker's), built on first use."""
        settings = settings or self.settings
        pipeline = self._pipelines.get(settings)
        if pipeline is None:
            if len(self._pipelines) >= PIPELINES_PER_WORKER:
                oldest = next(s for s in self._pipelines if s != self.settings)
                del self._pipelines[oldest]
            pipeline = self._pipelines[settings] = self.factory(settings)
        return pipeline


def bootstrap(
    settings: Settings,
    *,
    factory: PipelineFactory = Pipeline,
    only: Sequence[str] | None = None,
) -> WorkerState:
    """Make this process a digest worker: one thread per numeric library, the pipeline
    loaded, and a short story digested so that the first real one pays no start-up cost.

    settings (Settings): how the worker digests.
    factory (PipelineFactory): builds the pipeline (a test may give one of its own).
    only (Sequence[str] | None): the sections the worker will compute; the warm-up computes
        those (None: all), so a worker that needs no parse never loads spaCy.
    RETURNS (WorkerState): the worker's pipelines.
    """
    os.environ.update(single_thread_env())  # for libraries loaded from now on
    quiet_extraction_loggers()  # a worker reports a bad page itself, in one line
    state = WorkerState(settings, factory)
    article = article_from_text(WARM_UP_STORY, published=WARM_UP_PUBLISHED)
    state.pipeline()(article, only=only)
    return state


Task = Callable[[WorkerState, Any], Iterator[Any]]


def _worker_main(
    conn: Connection,
    settings: Settings,
    factory: PipelineFactory,
    only: tuple[str, ...] | None,
    parent: int,
) -> None:
    """A worker process: bootstrap, say so, then run tasks until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a worker stops
    _die_with_parent(parent)
    try:
        state = bootstrap(settings, factory=factory, only=only)
    except Exception as exc:
        _send(conn, ("failed", _failure(exc)))
        return
    if not _send(conn, ("ready", None)):
        return
    while True:
        try:
            task, payload = conn.recv()
        except (EOFError, OSError):
            return
        try:
            for reply in task(state, payload):
                if not _send(conn, ("reply", reply)):
                    return
        except Exception as exc:  # a bug in a task costs its stories, not the worker
            if not _send(conn, ("crash", f"{type(exc).__name__}: {exc}")):
                return
        if not _send(conn, ("done", None)):
            return


def _send(conn: Connection, message: Message) -> bool:
    try:
        conn.send(message)
    except OSError:  # the parent is gone
        return False
    return True


def _failure(exc: Exception) -> tuple[str, int]:
    if isinstance(exc, NewsdigestError):
        return str(exc), exc.exit_code
    return f"{type(exc).__name__}: {exc}", EXIT_INTERNAL


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies, even by SIGKILL."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(0)


class WorkerFailed(NewsdigestError):
    """A worker process could not start, or died.

    message (str): what happened, in one line.
    exit_code (int): the command line's exit status (the worker's own error's, when it had one).
    """

    status = 500
    title = "Worker failed"

    def __init__(self, message: str, *, exit_code: int = EXIT_INTERNAL) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class WorkerDied(Exception):
    """The worker's pipe closed: the process is gone."""


class WorkerOverran(Exception):
    """The worker sent nothing within the time limit."""


class WorkerProcess:
    """The parent's handle on one worker process; it starts the process at once.

    The process dies with the thread that creates this handle (Linux's parent-death signal
    follows the thread), so create workers from a thread that lives as long as they do.

    settings (Settings): how the worker digests.
    factory (PipelineFactory): builds its pipeline; it must be importable by name (a
        module-level function or class), as the worker is a new process.
    only (Sequence[str] | None): the sections it will compute (for the warm-up).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        factory: PipelineFactory = Pipeline,
        only: Sequence[str] | None = None,
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe(duplex=True)
        sections = tuple(only) if only else None
        self.process: SpawnProcess = context.Process(
            target=_worker_main,
            args=(child, settings, factory, sections, os.getpid()),
            name="newsdigest-worker",
            daemon=True,
        )
        with single_threaded_children():
            self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        """Block until the worker has warmed up; raise :class:`WorkerFailed` otherwise."""
        try:
            if not self.conn.poll(timeout):
                raise WorkerFailed(f"a digest worker did not start within {timeout:.0f} s")
            message = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise WorkerFailed("a digest worker exited while loading the pipeline") from exc
        self.accept_start(message)

    def accept_start(self, message: Message) -> None:
        """Take the worker's first message: ready, or why it could not start."""
        kind, detail = message
        if kind != "ready":
            text, code = detail
            raise WorkerFailed(f"a digest worker could not start: {text}", exit_code=code)
        self.ready = True

    def send(self, task: Task, payload: Any) -> None:
        """Give the worker a task: ``task(state, payload)`` yields the replies.

        task (Task): a module-level generator function, run in the worker.
        payload (Any): its argument (pickled).
        """
        try:
            self.conn.send((task, payload))
        except OSError as exc:
            raise WorkerDied from exc

    def receive(self, timeout: float | None = None) -> Message:
        """The worker's next message: ``("reply", value)``, ``("crash", reason)`` (the task
        failed; the worker lives on) or ``("done", None)`` (the task is finished).

        timeout (float | None): seconds to wait; None waits as long as it takes.
        RETURNS (tuple[str, Any]): the message; raises :class:`WorkerOverran` when none came
            in time and :class:`WorkerDied` when the process is gone.
        """
        try:
            if timeout is not None and not self.conn.poll(timeout):
                raise WorkerOverran
            message: Message = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise WorkerDied from exc
        return message

    def stop(self) -> None:
        """Stop the process, whatever it is doing (a thread waiting for its answer then
        sees :class:`WorkerDied`)."""
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2.0)
        with contextlib.suppress(OSError):
            self.conn.close()


def timed_out(seconds: float) -> str:
    """The one-line reason of a story over the time limit."""
    return f"timed out after {seconds:g} s"
