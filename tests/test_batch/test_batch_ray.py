"""The Ray engine (Ray started on this machine) writes the same digests as the local engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_helpers import read_jsonl, story, write_jsonl

from helpers import run_newsdigest_in_group

pytest.importorskip("ray")


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_ray_engine_matches_the_local_engine(tmp_path: Path) -> None:
    rows = [{"id": f"r{i}", "text": story(i), "published": "2026-03-11"} for i in range(40)]
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    with path.open("a", encoding="utf-8") as f:
        f.write("{broken\n")
        f.write(json.dumps({"id": "r3", "text": story(3)}) + "\n")  # a repeated id
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / "a.story").write_text(story(50) + "\n\n@highlight\n\nPark funded\n", "utf-8")
    common = [str(path), str(folder), "--only", "highlights,dates,timeline", "--workers", "2"]
    local_out, ray_out = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    local = run_newsdigest_in_group("batch", *common, "--out", str(local_out))
    assert local.returncode == 1, local.stderr
    ray_run = run_newsdigest_in_group("batch", *common, "--out", str(ray_out), "--engine", "ray")
    assert ray_run.returncode == 1, ray_run.stderr
    by_id = {row["article"]["id"]: row for row in read_jsonl(local_out)}
    ray_by_id = {row["article"]["id"]: row for row in read_jsonl(ray_out)}
    assert len(by_id) == 41
    assert ray_by_id == by_id

    def failures(out: Path) -> list[tuple[str | None, str]]:
        errors = out.with_name(out.stem + ".errors.jsonl")
        rows = sorted(read_jsonl(errors), key=lambda row: str(row["source"]))
        return [(row["id"], row["source"]) for row in rows]

    assert [source for _, source in failures(ray_out)] == [
        f"{path.resolve()}:41",
        f"{path.resolve()}:42",
    ]
    assert [i for i, _ in failures(local_out)] == [i for i, _ in failures(ray_out)]
