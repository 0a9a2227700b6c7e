"""A hard time limit on work done in the calling thread, for pages built to be slow.

One watchdog thread per process keeps the deadlines of the pages being read; when one
passes, it raises :class:`PageTimeout` inside the thread reading that page (CPython's
``PyThreadState_SetAsyncExc``). This works in any thread (a server's worker as much as
the command line's main thread), unlike ``SIGALRM``, and costs a lock and a heap push per
page rather than a thread. The exception arrives at the next Python instruction, so a
long call into C (lxml parsing a page) finishes first; the size limit on pages keeps
those calls short. ``PageTimeout`` is a ``BaseException`` so that no ``except Exception``
in a library can swallow it.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
# The exception class is passed by address (CPython's id), NULL withdraws a pending one.
_set_async_exc.argtypes = [ctypes.c_ulong, ctypes.c_void_p]
_set_async_exc.restype = ctypes.c_int


class PageTimeout(BaseException):
    """The time limit of one page ran out."""


class _Job:
    """One limited piece of work: its thread, and whether it is still running or was stopped."""

    def __init__(self, thread_id: int) -> None:
        self.thread_id = thread_id
        self.lock = threading.Lock()
        self.active = True
        self.fired = False

    def interrupt(self) -> None:
        with self.lock:
            if self.active:
                self.fired = True
                _set_async_exc(self.thread_id, id(PageTimeout))

    def finish(self) -> None:
        with self.lock:
            self.active = False
            if self.fired:
                _set_async_exc(self.thread_id, None)  # withdraw it if it has not arrived


class _Watchdog:
    """A daemon thread that interrupts jobs whose deadline has passed."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Start afresh (in a forked child, where the parent's thread and lock state are stale)."""
        self._condition = threading.Condition()
        self._heap: list[tuple[float, int, _Job]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, job: _Job, deadline: float) -> None:
        with self._condition:
            earliest = self._heap[0][0] if self._heap else float("inf")
            heapq.heappush(self._heap, (deadline, next(self._order), job))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="newsdigest-watchdog", daemon=True
                )
                self._thread.start()
            elif deadline < earliest:
                self._condition.notify()

    def _run(self) -> None:
        with self._condition:
            while True:
                while self._heap and not self._heap[0][2].active:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._condition.wait()
                    continue
                wait = self._heap[0][0] - time.monotonic()
                if wait > 0:
                    self._condition.wait(wait)
                    continue
                heapq.heappop(self._heap)[2].interrupt()


_WATCHDOG = _Watchdog()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_WATCHDOG.reset)


def run_with_time_limit(work: Callable[[Callable[[], None]], T], seconds: float) -> T:
    """Run ``work(check)`` in this thread and stop it with ``PageTimeout`` after ``seconds``.

    work (Callable): the job; it may call ``check()`` in its own loops to stop sooner.
    seconds (float): the limit.
    RETURNS (T): what ``work`` returned; raises ``PageTimeout`` when the limit ran out.
    """
    deadline = time.monotonic() + seconds
    job = _Job(threading.get_ident())

    def check() -> None:
        if time.monotonic() > deadline:
            raise PageTimeout

    _WATCHDOG.watch(job, deadline)
    try:
        result = work(check)
    finally:
        job.finish()
    if job.fired:
        raise PageTimeout
    return result
