"""Memory stays bounded: peak RSS of a 20,000-record run is within 20% of a 2,000-record run.

Both the main process (which reads, skips, and writes) and each worker are checked, from
their peak RSS (``VmHWM``) read while the run goes.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import CLI, story, write_jsonl


def _peak_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1])


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _peaks(tmp_path: Path, records: int) -> tuple[int, int]:
    """Peak RSS (KiB) of the main process and of the largest worker of one run."""
    path = write_jsonl(
        tmp_path / f"in{records}.jsonl",
        ({"id": f"r{i}", "text": story(i)} for i in range(records)),
    )
    out = tmp_path / f"out{records}.jsonl"
    command = [sys.executable, "-c", CLI, "batch", str(path), "--out", str(out)]
    command += ["--only", "dates", "--workers", "2", "--no-progress"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    main_peak = worker_peak = 0
    while process.poll() is None:
        main_peak = max(main_peak, _peak_kib(process.pid))
        for child in _children(process.pid):
            worker_peak = max(worker_peak, _peak_kib(child))
        time.sleep(0.05)
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    assert sum(1 for _ in out.open()) == records
    return main_peak, worker_peak


@pytest.mark.timeout(300)
def test_peak_memory_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    small_main, small_worker = _peaks(tmp_path, 2_000)
    large_main, large_worker = _peaks(tmp_path, 20_000)
    assert small_main and small_worker
    assert large_main <= small_main * 1.2, f"main: {large_main} KiB vs {small_main} KiB"
    assert large_worker <= small_worker * 1.2, f"worker: {large_worker} KiB vs {small_worker} KiB"
