"""Resume after SIGKILL at random moments: no record lost, none twice, no broken line."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import CLI, story, write_jsonl

from helpers import run_newsdigest

RECORDS = 2_500
KILLS = 4
LINE_BYTES = 700  # about the size of one digest line of these stories


def _group_is_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_sigkill_at_random_points_then_resume(tmp_path: Path) -> None:
    rng = random.Random(20261127)
    path = write_jsonl(
        tmp_path / "in.jsonl", [{"id": f"r{i}", "text": story(i)} for i in range(RECORDS)]
    )
    out = tmp_path / "out.jsonl"
    args = ["batch", str(path), "--out", str(out), "--only", "dates", "--workers", "2"]
    for _ in range(KILLS):
        process = subprocess.Popen(
            [sys.executable, "-c", CLI, *args],
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        start = out.stat().st_size if out.exists() else 0
        target = start + rng.randint(100, 400) * LINE_BYTES
        while process.poll() is None and (not out.exists() or out.stat().st_size < target):
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.05))
        assert process.poll() is None, "the run ended before the kill"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        deadline = time.monotonic() + 60  # the workers die with their parent
        while not _group_is_gone(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _group_is_gone(process.pid), "worker processes outlived the killed run"
    before_last = out.read_bytes() if out.exists() else b""
    final = run_newsdigest(*args, timeout=900)
    assert final.returncode == 0, final.stderr
    data = out.read_bytes()
    complete = before_last[: before_last.rfind(b"\n") + 1]
    assert data.startswith(complete), "a line written before the kill was lost or changed"
    assert data.endswith(b"\n")
    ids = [json.loads(line)["article"]["id"] for line in data.decode("utf-8").splitlines()]
    assert len(ids) == len(set(ids)) == RECORDS
