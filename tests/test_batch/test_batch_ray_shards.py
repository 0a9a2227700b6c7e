"""``batch --engine ray --shards``: the Ray actors write Parquet shards; runs resume from them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import read_jsonl, story, write_jsonl

from helpers import run_newsdigest, run_newsdigest_in_group
from newsdigest.batch.output import OutputError, id_key
from newsdigest.batch.shards import ShardDir, shard_name, write_shard

pq = pytest.importorskip("pyarrow.parquet")


def _records(tmp_path: Path) -> list[str]:
    """Three JSONL files of stories, the last with a broken line and a repeated id."""
    paths = []
    for f in range(3):
        rows = [{"id": f"r{f}{i}", "text": story(f * 3 + i)} for i in range(3)]
        paths.append(write_jsonl(tmp_path / f"in{f}.jsonl", rows))
    with paths[-1].open("a", encoding="utf-8") as stream:
        stream.write("{broken\n")
        stream.write(json.dumps({"id": "r00", "text": story(0)}) + "\n")
    return [str(path) for path in paths]


def _shard_rows(directory: Path) -> dict[Path, list[dict[str, Any]]]:
    return {path: pq.read_table(path).to_pylist() for path in sorted(directory.glob("*.parquet"))}


def _digests(directory: Path) -> dict[str, dict[str, Any]]:
    """Every digest of the shards by id; an id written twice fails the test."""
    rows = [row for shard in _shard_rows(directory).values() for row in shard]
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), f"an id is in two shards: {sorted(ids)}"
    return {row["id"]: json.loads(row["digest"]) for row in rows}


def _failed_ids(errors: Path) -> list[str | None]:
    return sorted((row["id"] for row in read_jsonl(errors)), key=str)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_ray_actors_write_shards_that_resume(tmp_path: Path) -> None:
    pytest.importorskip("ray")

    inputs = _records(tmp_path)
    common = [*inputs, "--only", "dates", "--workers", "2"]
    local_out, shards = tmp_path / "local.jsonl", tmp_path / "shards"
    local = run_newsdigest_in_group("batch", *common, "--out", str(local_out))
    assert local.returncode == 1, local.stderr
    expected = {row["article"]["id"]: row for row in read_jsonl(local_out)}
    assert len(expected) == 9

    sharded = [*common, "--out", f"{shards}/", "--engine", "ray", "--shards", "--shard-rows", "2"]
    first = run_newsdigest_in_group("batch", *sharded)
    assert first.returncode == 1, first.stderr
    assert _digests(shards) == expected
    assert len(_shard_rows(shards)) > 1
    errors = tmp_path / "shards.errors.jsonl"
    assert _failed_ids(errors) == _failed_ids(tmp_path / "local.errors.jsonl") == [None, "r00"]
    assert not [p for p in shards.iterdir() if not p.name.endswith(".parquet")]

    before = _shard_rows(shards)
    again = run_newsdigest_in_group("batch", *sharded)
    assert again.returncode == 1, again.stderr  # the broken line fails again
    assert "0 digested" in again.stderr
    assert _shard_rows(shards) == before

    lost, lost_rows = next(iter(before.items()))
    lost.unlink()
    redo = run_newsdigest_in_group("batch", *sharded)
    assert redo.returncode == 1, redo.stderr
    new = {p: rows for p, rows in _shard_rows(shards).items() if p not in before}
    assert sorted(row["id"] for rows in new.values() for row in rows) == sorted(
        row["id"] for row in lost_rows
    )
    assert _digests(shards) == expected


# The Ray engine writing into a directory that vanished after the command checked it.
_WRITE_INTO_A_MISSING_DIRECTORY = """
import sys
from pathlib import Path
from newsdigest.batch.output import OutputError
from newsdigest.batch.ray_shards import ShardEngine
engine = ShardEngine(Path(sys.argv[1]), only=["dates"], workers=1)
try:
    list(engine.run([sys.argv[2]]))
except OutputError as exc:
    print(exc)
    sys.exit(exc.exit_code)
"""


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_shard_the_actors_cannot_write_stops_the_run_with_one_line(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    missing, records = tmp_path / "gone", _records(tmp_path)[0]
    result = subprocess.run(
        [sys.executable, "-c", _WRITE_INTO_A_MISSING_DIRECTORY, str(missing), records],
        capture_output=True,
        text=True,
        timeout=500,
        start_new_session=True,
    )
    assert result.returncode == 74, result.stderr
    assert result.stdout.startswith(f"cannot write the shard {missing}/part-")
    assert len(result.stdout.splitlines()) == 1


def test_shards_without_pyarrow_exit_78(tmp_path: Path) -> None:
    (path,) = _records(tmp_path)[:1]
    out = tmp_path / "shards"
    result = run_newsdigest(
        "batch", path, "--out", str(out), "--engine", "ray", "--shards", blocked=["pyarrow"]
    )
    assert result.returncode == 78, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "newsdigest[parquet]" in result.stderr
    assert not out.exists()


def test_shards_with_the_local_engine_is_a_usage_error(tmp_path: Path) -> None:
    (path,) = _records(tmp_path)[:1]
    result = run_newsdigest("batch", path, "--out", str(tmp_path / "shards"), "--shards")
    assert result.returncode == 2, result.stderr
    assert "--engine ray" in result.stderr


def _shard(directory: Path, name: str, ids: list[str]) -> None:
    rows = [{"id": i, "source": "test", "line": json.dumps({"article": {"id": i}})} for i in ids]
    write_shard(directory, name, rows)


def test_a_shard_dir_reads_complete_shards_and_drops_unfinished_ones(tmp_path: Path) -> None:
    _shard(tmp_path, shard_name("run1", 0), ["a", "b"])
    _shard(tmp_path, shard_name("run2", 5), ["c"])
    unfinished = tmp_path / f".{shard_name('run3', 0)}.tmp"
    unfinished.write_bytes(b"PAR1 cut short")
    with ShardDir(tmp_path) as shards:
        assert shards.open() == {id_key("a"), id_key("b"), id_key("c")}
        assert shards.removed_temporary == 1
        with pytest.raises(OutputError, match="another newsdigest batch"):
            ShardDir(tmp_path).open()
    assert not unfinished.exists()
    assert pq.read_table(tmp_path / shard_name("run2", 5)).column_names == [
        "id",
        "source",
        "digest",
    ]


def test_a_file_that_is_not_a_shard_is_refused(tmp_path: Path) -> None:
    (tmp_path / shard_name("run1", 0)).write_text("not parquet", encoding="utf-8")
    with pytest.raises(OutputError, match="not a newsdigest shard"):
        ShardDir(tmp_path).open()
    a_file = tmp_path / "digests.jsonl"
    a_file.write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file"):
        ShardDir(a_file).open()


def test_the_cli_still_refuses_a_directory_as_jsonl_out(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": story(1)}])
    result = run_newsdigest("batch", str(path), "--out", str(tmp_path))
    assert result.returncode == 2, result.stderr
    assert "is a directory" in result.stderr
    assert os.listdir(tmp_path) == ["in.jsonl"]
