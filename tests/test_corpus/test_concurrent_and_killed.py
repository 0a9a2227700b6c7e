"""Nothing lost, nothing twice: two ``corpus add`` processes on one SQLite file, and runs
killed with SIGKILL at random moments and started again."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from corpus_helpers import CLI, digests, run_cli, write_jsonl

from newsdigest.corpus.store import open_store

COPIES = 60  # digests per file in the concurrency test
RECORDS = 1000  # records digested in the kill test
KILLS = 2


def copies(prefix: str, count: int) -> list[dict[str, Any]]:
    """``count`` digests of the test stories under new ids."""
    base = digests()
    found = []
    for i in range(count):
        digest = json.loads(json.dumps(base[i % len(base)]))
        digest["article"]["id"] = f"{prefix}-{i}"
        found.append(digest)
    return found


def story_counts(db: str) -> tuple[int, int, int, int]:
    """Stories, versions, distinct story ids of versions, and highlight rows."""
    with open_store(db) as store:
        value = store.db.value
        return (
            value("SELECT count(*) FROM stories"),
            value("SELECT count(*) FROM versions"),
            value("SELECT count(DISTINCT story_id) FROM versions"),
            value("SELECT count(*) FROM highlights"),
        )


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_two_processes_adding_to_one_file_lose_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.db")
    shared = copies("both", COPIES // 2)  # added by both processes
    first = write_jsonl(tmp_path / "a.jsonl", [*copies("a", COPIES), *shared])
    second = write_jsonl(tmp_path / "b.jsonl", [*shared, *copies("b", COPIES)])
    assert run_cli("corpus", "migrate", "--db", db).returncode == 0
    processes = []
    for path in (first, second):
        errors = str(tmp_path / f"{path.stem}.errors.jsonl")
        args = ["add", "--db", db, "--from-digests", str(path), "--no-progress", "--errors", errors]
        command = [sys.executable, "-c", CLI, "corpus", *args]
        processes.append(subprocess.Popen(command, stderr=subprocess.PIPE, text=True))
    outputs = [process.communicate(timeout=240)[1] for process in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    expected = 2 * COPIES + COPIES // 2
    per_story = {len(d["highlights"]) for d in digests()}
    stories, versions, distinct, highlights = story_counts(db)
    assert stories == versions == distinct == expected
    assert min(per_story) * expected <= highlights <= max(per_story) * expected
    added = sum(int(out.split(" added")[0].split()[-1]) for out in outputs)
    assert added == expected


def _wait_for_rows(db: Path, target: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
                if connection.execute("SELECT count(*) FROM stories").fetchone()[0] >= target:
                    return
        except sqlite3.Error:
            pass  # the first run has not created the tables yet
        time.sleep(0.02)


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_sigkill_at_random_points_then_resume(tmp_path: Path) -> None:
    rng = random.Random(20261203)
    rows = [
        {"id": f"r{i}", "text": f"Story {i}. " + digests()[i % 6]["text"]} for i in range(RECORDS)
    ]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    db = tmp_path / "killed.db"
    args = ["corpus", "add", str(source), "--db", str(db), "--only", "dates", "--workers", "1",
            "--no-progress"]  # fmt: skip
    for kill in range(KILLS):
        process = subprocess.Popen(
            [sys.executable, "-c", CLI, *args],
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        target = (kill + 1) * RECORDS // (KILLS + 3) + rng.randint(0, 50)
        _wait_for_rows(db, target, time.monotonic() + 120)
        time.sleep(rng.uniform(0, 0.3))
        assert process.poll() is None, "the run ended before the kill"
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    final = run_cli(*args, timeout=300)
    assert final.returncode == 0, final.stderr
    stories, versions, distinct, _ = story_counts(str(db))
    assert stories == versions == distinct == RECORDS
    with open_store(str(db)) as store:
        dates = store.db.value("SELECT count(*) FROM dates")
        orphans = store.db.value(
            "SELECT count(*) FROM dates d LEFT JOIN stories s ON s.current = d.version_id "
            "WHERE s.id IS NULL"
        )
    assert dates > 0 and orphans == 0
