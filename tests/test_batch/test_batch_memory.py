"""Memory stays bounded: peak RSS of a 20,000-record run is within 20% of a 2,000-record run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from batch_helpers import CLI, story, write_jsonl

# Runs the CLI as a child and prints the peak RSS (KiB) of the largest process of its tree.
MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "assert code == 0, code\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _peak_rss(tmp_path: Path, records: int) -> int:
    path = write_jsonl(
        tmp_path / f"in{records}.jsonl",
        ({"id": f"r{i}", "text": story(i) * 3} for i in range(records)),
    )
    out = tmp_path / f"out{records}.jsonl"
    command = [sys.executable, "-c", CLI, "batch", str(path), "--out", str(out)]
    command += ["--only", "highlights", "--workers", "2"]
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, timeout=240
    )
    assert result.returncode == 0, result.stderr
    assert sum(1 for _ in out.open()) == records
    return int(result.stdout.strip())


@pytest.mark.timeout(300)
def test_peak_memory_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    small = _peak_rss(tmp_path, 2_000)
    large = _peak_rss(tmp_path, 20_000)
    assert large <= small * 1.2, f"peak RSS {large} KiB for 20,000 records vs {small} KiB for 2,000"
