"""Memory stays bounded: a run ten times longer holds no more memory than a short one.

Both runs are sampled many times (the resident memory of the main process and of the
largest worker, from /proc) while their output grows from 20% to 90% of its final size,
after the workers have started and before the run winds down. The medians are compared
with a margin of 25%, which leaves room for the allocator's noise but not for anything
that grows with the corpus: keeping every record (or digest) of a 20,000-record run would
add tens of megabytes per process.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import CLI, story, write_jsonl

MARGIN = 1.25
SAMPLE_EVERY = 0.01
WINDOW = (0.2, 0.9)


def _rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1])


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _steady_memory(tmp_path: Path, records: int) -> tuple[float, float, int]:
    """Median RSS (KiB) of the main process and of the largest worker while the run is in
    full flow, and the number of samples those medians come from."""
    path = write_jsonl(
        tmp_path / f"in{records}.jsonl",
        ({"id": f"r{i}", "text": story(i)} for i in range(records)),
    )
    out = tmp_path / f"out{records}.jsonl"
    command = [sys.executable, "-c", CLI, "batch", str(path), "--out", str(out)]
    command += ["--only", "dates", "--workers", "2", "--no-progress"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    samples: list[tuple[int, int, int]] = []  # output size, main RSS, largest worker RSS
    while process.poll() is None:
        size = out.stat().st_size if out.exists() else 0
        workers = [_rss_kib(child) for child in _children(process.pid)]
        samples.append((size, _rss_kib(process.pid), max(workers, default=0)))
        time.sleep(SAMPLE_EVERY)
    _, stderr = process.communicate()
    assert process.returncode == 0, stderr
    assert sum(1 for _ in out.open()) == records
    final = out.stat().st_size
    steady = [s for s in samples if WINDOW[0] * final <= s[0] <= WINDOW[1] * final and s[1]]
    assert len(steady) >= 5, f"only {len(steady)} samples in full flow"
    main = statistics.median(s[1] for s in steady)
    worker = statistics.median(s[2] for s in steady)
    return main, worker, len(steady)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_memory_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    small_main, small_worker, _ = _steady_memory(tmp_path, 2_000)
    large_main, large_worker, _ = _steady_memory(tmp_path, 20_000)
    assert small_main and small_worker
    assert large_main <= small_main * MARGIN, f"main: {large_main} KiB vs {small_main} KiB"
    assert large_worker <= small_worker * MARGIN, f"worker: {large_worker} vs {small_worker} KiB"
