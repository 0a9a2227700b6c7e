"""``corpus add --engine ray``: the Ray actors store the digests in PostgreSQL themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_helpers import records, run_cli, write_jsonl

from helpers import run_newsdigest_in_group
from newsdigest.corpus.store import open_store


def test_the_ray_engine_needs_a_postgresql_corpus(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", records())
    result = run_cli("corpus", "add", str(source), "--db", str(tmp_path / "x.db"),
                     "--engine", "ray")  # fmt: skip
    assert result.returncode == 2
    assert "needs --db postgresql://" in result.stderr


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_ray_actors_store_every_record_and_a_second_run_skips_them(
    tmp_path: Path, pg_url: str
) -> None:
    pytest.importorskip("ray")
    source = write_jsonl(tmp_path / "in.jsonl", records())
    with source.open("a", encoding="utf-8") as stream:
        stream.write("{broken\n")
    errors = str(tmp_path / "errors.jsonl")
    args = ["corpus", "add", str(source), "--db", pg_url, "--engine", "ray", "--workers", "1",
            "--only", "dates", "--no-progress", "--errors", errors]  # fmt: skip
    first = run_newsdigest_in_group(*args)
    assert first.returncode == 1, first.stderr
    assert "6 added, 0 new versions, 0 unchanged, 1 failed" in first.stderr
    with open_store(pg_url) as store:
        stored = {(r["id"], r["outlet"]) for r in store.db.rows("SELECT id, outlet FROM stories")}
        dates = store.db.value("SELECT count(*) FROM dates")
    assert stored == {(row["id"], row["outlet"]) for row in records()} and dates > 0
    second = run_newsdigest_in_group(*args)
    assert "0 added, 0 new versions, 6 unchanged, 1 failed" in second.stderr
