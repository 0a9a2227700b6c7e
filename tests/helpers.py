"""Paths and small builders shared by the tests (importable as ``helpers``)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
EXAMPLE_STORY = EXAMPLES / "council_vote.txt"
EXAMPLE_PUBLISHED = "2026-03-11"
SEED_STORY = SHARED / "seeds" / "000_cf84cce25d965179.txt"
SEED_PUBLISHED = "2013-11-06"

# Runs the command line with some top-level modules unimportable, as if never installed.
_LAUNCH = (
    "import sys\n"
    "for name in sys.argv[1].split(','):\n"
    "    if name: sys.modules[name] = None\n"
    "from newsdigest.cli import main\n"
    "sys.exit(main(sys.argv[2:]))\n"
)


def run_newsdigest(
    *args: str,
    blocked: Iterable[str] = (),
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    stdin: str | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """Run ``newsdigest ARGS...`` in a fresh interpreter.

    args (str): the command line after ``newsdigest``.
    blocked (Iterable[str]): top-level modules that fail to import, as if not installed.
    env (dict[str, str] | None): variables added to this process's environment.
    cwd (Path | None): the working directory (default: the checkout).
    stdin (str | None): text on standard input.
    timeout (float): seconds before the run is killed (a hang fails the test).
    RETURNS (CompletedProcess[str]): exit status, standard output and standard error.
    """
    return subprocess.run(
        [sys.executable, "-c", _LAUNCH, ",".join(blocked), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def run_newsdigest_in_group(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``newsdigest ARGS...`` in a process group of its own, and fail the test when any
    process of the group (Ray's, the workers') outlives it by two minutes.

    RETURNS (CompletedProcess[str]): exit status, standard output and standard error.
    """
    import time

    import pytest

    command = [sys.executable, "-c", _LAUNCH, "", *args]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
        start_new_session=True,
    )  # fmt: skip
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 9)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.killpg(process.pid, 9)
        pytest.fail("processes of the run were left behind")
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
