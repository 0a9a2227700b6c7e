"""Progress of a batch run: a rich bar on a terminal, a periodic status line elsewhere."""

from __future__ import annotations

import sys
import threading
import time
from typing import IO, Protocol

STATUS_EVERY_SECONDS = 10.0


class Progress(Protocol):
    """What a run reports to while it goes."""

    def set_total(self, total: int) -> None: ...

    def advance(self, ok: bool) -> None: ...

    def close(self) -> None: ...


def format_duration(seconds: float) -> str:
    """``1h02m``, ``3m05s`` or ``12s``."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


class StatusLines:
    """Writes one status line every ``every`` seconds: count, rate, and ETA when the total is known.

    stream (IO[str]): where to write (standard error).
    every (float): seconds between lines.
    """

    def __init__(self, stream: IO[str] | None = None, every: float = STATUS_EVERY_SECONDS) -> None:
        self.stream = stream or sys.stderr
        self.every = every
        self.total: int | None = None
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()
        self._last = self.started
        self._lock = threading.Lock()

    def set_total(self, total: int) -> None:
        with self._lock:
            self.total = total

    def advance(self, ok: bool) -> None:
        self.done += 1
        self.failed += not ok
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def line(self, now: float) -> str:
        """The status line at time ``now``."""
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        with self._lock:
            total = self.total
        count = f"{self.done:,}" if total is None else f"{self.done:,}/{total:,}"
        text = f"newsdigest: {count} records, {self.failed:,} failed, {rate:.1f}/s"
        if total is not None and rate > 0 and total >= self.done:
            text += f", ETA {format_duration((total - self.done) / rate)}"
        return text

    def close(self) -> None:
        pass


class RichBar:
    """A rich progress bar with count, rate and ETA, for a terminal."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self._progress = RichProgress(
            TextColumn("[bold]digesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}/s"),
            TextColumn("[red]{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._progress.add_task("digest", total=None, rate="0.0", failed=0)
        self._started = time.monotonic()
        self._done = 0
        self._failed = 0
        self._progress.start()

    def set_total(self, total: int) -> None:
        self._progress.update(self._task, total=total)

    def advance(self, ok: bool) -> None:
        self._done += 1
        self._failed += not ok
        rate = self._done / max(time.monotonic() - self._started, 1e-9)
        self._progress.update(self._task, advance=1, rate=f"{rate:.1f}", failed=self._failed)

    def close(self) -> None:
        self._progress.stop()


def make_progress(enabled: bool | None = None) -> Progress:
    """A rich bar when standard error is a terminal (or ``enabled``), status lines otherwise."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    return RichBar() if enabled else StatusLines()
