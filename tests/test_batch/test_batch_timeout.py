"""A record over the time limit fails alone: its worker is replaced and the run goes on.

The slow records never finish (they block forever, see ``batch_helpers``), and every other
record takes milliseconds, so the outcome does not depend on the machine's speed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from batch_helpers import BLOCK, blocking_pipeline, out_ids, read_jsonl, story, write_jsonl
from click.testing import CliRunner

from newsdigest.batch import run_batch
from newsdigest.batch.local import LocalEngine
from newsdigest.batch.progress import StatusLines
from newsdigest.batch.records import Record
from newsdigest.cli import cli

TIMEOUT = 2.0


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_records_over_the_time_limit_fail_alone_and_nothing_is_lost() -> None:
    records = [Record(id=f"t{i:02d}", body=story(i), source=f"in:{i}") for i in range(30)]
    for i in (4, 29):  # one inside a chunk, one last
        records[i] = Record(id=f"t{i:02d}", body=f"{BLOCK} {story(i)}", source=f"in:{i}")
    engine = LocalEngine(
        only=["dates"],
        workers=2,
        ordered=True,
        timeout=TIMEOUT,
        pipeline_factory=blocking_pipeline,
    )
    outcomes = list(engine.run(records))
    assert [o.seq for o in outcomes] == list(range(30))
    assert [o.id for o in outcomes] == [r.id for r in records]
    failures = {o.id: o.error for o in outcomes if not o.ok}
    assert failures == {"t04": "timed out after 2 s", "t29": "timed out after 2 s"}


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_timed_out_record_goes_to_the_errors_file_and_a_second_run_resumes(
    tmp_path: Path,
) -> None:
    rows = [{"id": f"r{i}", "text": story(i)} for i in range(10)]
    rows[3]["text"] = f"{BLOCK} {rows[3]['text']}"
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"

    def run() -> tuple[int, int, int]:
        summary = run_batch(
            [str(path)],
            out,
            only=["dates"],
            workers=2,
            timeout=TIMEOUT,
            pipeline_factory=blocking_pipeline,
            progress=StatusLines(io.StringIO()),
        )
        return summary.digested, summary.failed, summary.skipped

    assert run() == (9, 1, 0)
    (failure,) = read_jsonl(tmp_path / "out.errors.jsonl")
    assert failure == {"id": "r3", "source": f"{path}:4", "reason": "timed out after 2 s"}
    assert run() == (0, 1, 9)  # the failed record is tried again, and fails again
    ids = out_ids(out)
    assert sorted(ids) == sorted(f"r{i}" for i in range(10) if i != 3)
    assert len(ids) == len(set(ids))


def test_the_time_limit_option() -> None:
    runner = CliRunner()
    shown = runner.invoke(cli, ["batch", "--help"], terminal_width=100)
    assert "--timeout" in shown.output and "60.0" in shown.output
    refused = runner.invoke(cli, ["batch", "in.jsonl", "--out", "o.jsonl", "--timeout", "0"])
    assert refused.exit_code == 2 and "--timeout" in refused.output
