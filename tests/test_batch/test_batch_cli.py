"""``newsdigest batch`` end to end: mixed inputs, error isolation, resume, order, interruption."""

from __future__ import annotations

import csv
import fcntl
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import CLI, out_ids, read_jsonl, story, write_jsonl

from helpers import run_newsdigest
from newsdigest.batch.output import OutputLog


def test_mixed_inputs_all_become_digests(tmp_path: Path) -> None:
    jsonl = write_jsonl(
        tmp_path / "a.jsonl",
        [{"id": "j1", "text": story(1), "published": "2026-03-11"}, {"article": story(2)}],
    )
    csv_path = tmp_path / "b.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text", "title"])
        writer.writerow(["c1", story(3), "Park plan"])
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "t.txt").write_text(story(4), encoding="utf-8")
    (folder / "s.story").write_text(
        story(5) + "\n\n@highlight\n\nCouncil funds the park\n", encoding="utf-8"
    )
    stdin = json.dumps({"id": "in1", "text": story(6)}) + "\n"
    out = tmp_path / "out.jsonl"
    result = run_newsdigest(
        "batch", str(jsonl), str(csv_path), str(folder), "-", "--out", str(out),
        "--only", "highlights,dates", "--workers", "2", stdin=stdin,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = {row["article"]["id"]: row for row in read_jsonl(out)}
    auto_id = next(i for i in rows if i.startswith("sha256-"))
    assert sorted(rows) == sorted(["j1", auto_id, "c1", "t.txt", "s.story", "in1"])
    for row in rows.values():
        assert row["schema"] == "newsdigest/1"
        assert set(row) >= {"text", "highlights", "dates"}
        assert "entities" not in row and "quotes" not in row
        assert row["highlights"], row["article"]["id"]
    assert rows["j1"]["article"]["published"] == "2026-03-11"
    assert rows["c1"]["article"]["title"] == "Park plan"
    assert rows["s.story"]["text"] == story(5)
    assert rows["s.story"]["reference"] == "Council funds the park"
    assert "6 digested, 0 failed" in result.stderr.splitlines()[-1]


def test_a_failing_record_goes_to_the_errors_file_and_the_run_goes_on(tmp_path: Path) -> None:
    good = [{"id": f"g{i}", "text": story(i)} for i in range(6)]
    path = tmp_path / "in.jsonl"
    write_jsonl(path, good[:3])
    with path.open("ab") as f:
        f.write(b"{broken json\n")
        f.write(json.dumps({"id": "empty", "text": "   \n  "}).encode() + b"\n")
        f.write(json.dumps({"id": "huge", "text": "Word. " * 200}).encode() + b"\n")
        f.write(json.dumps({"id": "baddate", "text": story(9), "published": "soon"}).encode())
        f.write(b'\n{"id": "latin1", "text": "caf\xe9"}\n')
    write_jsonl(tmp_path / "more.jsonl", good[3:])
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = run_newsdigest(
        "batch", str(path), str(tmp_path / "more.jsonl"), "--out", str(out),
        "--errors", str(errors), "--only", "dates", "--max-chars", "1000", "--no-text",
    )  # fmt: skip
    assert result.returncode == 1
    assert sorted(out_ids(out)) == [f"g{i}" for i in range(6)]
    assert all("text" not in row for row in read_jsonl(out))
    failures = {(row["id"], row["source"]): row["reason"] for row in read_jsonl(errors)}
    assert set(failures) == {
        (None, f"{path}:4"),
        ("empty", f"{path}:5"),
        ("huge", f"{path}:6"),
        ("baddate", f"{path}:7"),
        (None, f"{path}:8"),
    }
    assert "over the limit" in failures[("huge", f"{path}:6")]
    assert "empty" in failures[("empty", f"{path}:5")]
    assert "YYYY-MM-DD" in failures[("baddate", f"{path}:7")]
    assert all(reason and "\n" not in reason for reason in failures.values())
    assert "6 digested, 5 failed" in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr


def test_a_second_run_skips_what_is_written_and_repairs_a_half_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": f"r{i}", "text": story(i)} for i in range(8)])
    out = tmp_path / "out.jsonl"
    first = run_newsdigest("batch", str(path), "--out", str(out), "--only", "dates")
    assert first.returncode == 0, first.stderr
    lines = out.read_bytes().splitlines(keepends=True)
    # as if killed while writing the 6th line: 5 whole lines and half of the next
    out.write_bytes(b"".join(lines[:5]) + lines[5][:40])
    second = run_newsdigest("batch", str(path), "--out", str(out), "--only", "dates")
    assert second.returncode == 0, second.stderr
    assert "incomplete last line" in second.stderr
    assert "3 digested, 0 failed, 5 already in" in second.stderr
    ids = out_ids(out)
    assert sorted(ids) == sorted(f"r{i}" for i in range(8))
    third = run_newsdigest("batch", str(path), "--out", str(out), "--only", "dates")
    assert "0 digested, 0 failed, 8 already in" in third.stderr
    assert out_ids(out) == ids


def test_ordered_output_keeps_input_order_and_repeated_ids_fail(tmp_path: Path) -> None:
    rows = [{"id": f"r{i:03d}", "text": story(i) * (1 + i % 4)} for i in range(60)]
    rows.append({"id": "r005", "text": story(99)})
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    result = run_newsdigest(
        "batch", str(path), "--out", str(out), "--only", "dates", "--ordered",
        "--workers", "2",
    )  # fmt: skip
    assert result.returncode == 1
    assert out_ids(out) == [f"r{i:03d}" for i in range(60)]
    (failure,) = read_jsonl(tmp_path / "out.errors.jsonl")
    assert failure["id"] == "r005" and "duplicate id" in failure["reason"]


def test_refuses_an_output_that_is_not_a_digest_file(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": story(1)}])
    other = write_jsonl(tmp_path / "other.jsonl", [{"id": "z", "text": "not a digest"}])
    before = other.read_bytes()
    result = run_newsdigest("batch", str(path), "--out", str(other))
    assert result.returncode == 74
    assert "is not a newsdigest digest" in result.stderr
    assert other.read_bytes() == before
    same = run_newsdigest("batch", str(path), "--out", str(path))
    assert same.returncode == 65 and "both an input and an output" in same.stderr


def test_refuses_an_output_another_run_is_writing(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": story(1)}])
    out = tmp_path / "out.jsonl"
    log = OutputLog(out)
    log.open()
    try:
        result = run_newsdigest("batch", str(path), "--out", str(out))
    finally:
        log.close()
    assert result.returncode == 74
    assert "being written by another" in result.stderr
    with out.open("rb") as f:  # and the lock is gone with the holder
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_html_records(tmp_path: Path) -> None:
    pytest.importorskip("newsdigest.ingest.html")
    page = (
        "<html><head><title>Park plan</title></head><body><article>"
        + "".join(f"<p>{para}</p>" for para in story(1).split("\n\n"))
        + "</article></body></html>"
    )
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "h1", "html": page}])
    out = tmp_path / "out.jsonl"
    result = run_newsdigest("batch", str(path), "--out", str(out), "--only", "dates")
    assert result.returncode == 0, result.stderr
    (row,) = read_jsonl(out)
    assert row["article"]["id"] == "h1"
    assert "Riverton" in row["text"]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_sigint_stops_cleanly_and_says_how_to_resume(tmp_path: Path) -> None:
    rows = [{"id": f"r{i}", "text": story(i)} for i in range(8_000)]
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    args = ["batch", str(path), "--out", str(out), "--only", "dates", "--workers", "2"]
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, *args], stderr=subprocess.PIPE, text=True
    )
    while process.poll() is None and (not out.exists() or out.stat().st_size < 20_000):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 130, stderr
    assert "run the same command again to resume" in stderr
    assert "Traceback" not in stderr
    written = out_ids(out)  # every line whole
    assert 0 < len(written) < len(rows)
    again = run_newsdigest(*args, timeout=900)
    assert again.returncode == 0, again.stderr
    ids = out_ids(out)
    assert len(ids) == len(set(ids)) == len(rows)
