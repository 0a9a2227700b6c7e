"""A hard time limit on work done in the calling thread, for pages built to be slow.

A timer thread raises :class:`PageTimeout` inside the working thread when the time is
up (CPython's ``PyThreadState_SetAsyncExc``). This works in any thread (a server's
worker as much as the command line's main thread), unlike ``SIGALRM``. The exception
arrives at the next Python instruction, so a long call into C (lxml parsing a page)
finishes first; the size limit on pages keeps those calls short. ``PageTimeout`` is a
``BaseException`` so that no ``except Exception`` in a library can swallow it.
"""

from __future__ import annotations

import ctypes
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


def run_with_time_limit(work: Callable[[Callable[[], None]], T], seconds: float) -> T:
    """Run ``work(check)`` in this thread and stop it with ``PageTimeout`` after ``seconds``.

    work (Callable): the job; it may call ``check()`` in its own loops to stop sooner.
    seconds (float): the limit.
    RETURNS (T): what ``work`` returned; raises ``PageTimeout`` when the limit ran out.
    """
    deadline = time.monotonic() + seconds
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def interrupt() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _set_async_exc(thread_id, id(PageTimeout))

    def check() -> None:
        if time.monotonic() > deadline:
            raise PageTimeout

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        result = work(check)
    finally:
        timer.cancel()
        with lock:
            state["active"] = False
            if state["fired"]:
                _clear_pending(thread_id)
    if state["fired"]:
        raise PageTimeout
    return result


def _clear_pending(thread_id: int) -> None:
    """Withdraw an interruption that was sent but has not arrived yet."""
    _set_async_exc(thread_id, None)
