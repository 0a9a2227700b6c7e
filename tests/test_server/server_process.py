"""``newsdigest serve`` in a subprocess on a loopback port, for the server tests and the browser."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

# Seconds a server may take to start its workers (each loads the spaCy pipeline); only a
# guard against a server that never starts, so generous for a busy machine.
START_DEADLINE = 600.0
LAUNCH = "import sys; from newsdigest.cli import main; sys.exit(main(sys.argv[1:]))"
# The same server with stories whose length the test controls (see gated_pipeline.py).
GATED_LAUNCH = (
    f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
    "from gated_pipeline import serve; serve(sys.argv[1])"
)
SERVING = re.compile(r"serving on (http://\S+) with")


class RunningServer:
    """``newsdigest serve --port 0 ARGS`` in a subprocess, its log in a file.

    args (list[str]): options after ``serve``; with ``launch``, its arguments.
    log_path (Path): where the server's stdout and stderr go.
    launch (str | None): Python code that serves instead of the command line (GATED_LAUNCH).
    """

    def __init__(self, args: list[str], log_path: Path, launch: str | None = None) -> None:
        self.log_path = log_path
        command = [sys.executable, "-c", launch, *args] if launch else [
            sys.executable, "-c", LAUNCH, "serve", "--port", "0", *args
        ]  # fmt: skip
        with log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        self.url = self._wait_for_url()
        self.wait_until_ready()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline:
            found = SERVING.search(self.log())
            if found:
                return found.group(1)
            self._check_alive()
            time.sleep(0.1)
        raise AssertionError(f"server did not print its address:\n{self.log()}")

    def wait_until_ready(self) -> None:
        """Poll ``/healthz`` until it answers 200."""
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline:
            self._check_alive()
            try:
                if httpx.get(f"{self.url}/healthz", timeout=30).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"server did not become ready:\n{self.log()}")

    def _check_alive(self) -> None:
        if self.process.poll() is not None:
            raise AssertionError(f"server exited with {self.process.returncode}:\n{self.log()}")

    def stop(self) -> None:
        """Ask the server to stop (SIGTERM), as a process manager would."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
