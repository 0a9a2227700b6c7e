"""``corpus add`` has batch's time limit per record: a runaway story fails alone."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from corpus_helpers import BLOCK, blocking_pipeline, records, write_jsonl

from newsdigest.batch.progress import StatusLines
from newsdigest.corpus.add import add_to_corpus
from newsdigest.corpus.store import open_store


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_record_over_the_time_limit_fails_alone(tmp_path: Path) -> None:
    rows = records()
    rows[2]["text"] = f"{BLOCK} {rows[2]['text']}"
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    errors = tmp_path / "errors.jsonl"
    with open_store(str(tmp_path / "news.db"), write=True) as store:
        summary = add_to_corpus(
            store,
            [str(source)],
            errors=errors,
            only=["dates"],
            workers=1,
            timeout=2.0,
            progress=StatusLines(io.StringIO()),
            pipeline_factory=blocking_pipeline,
        )
        stored = {row["id"] for row in store.db.rows("SELECT id FROM stories")}
    assert (summary.added, summary.failed) == (5, 1)
    assert stored == {row["id"] for row in rows} - {rows[2]["id"]}
    failure = json.loads(errors.read_text())
    assert failure["id"] == rows[2]["id"]
    assert failure["reason"] == "timed out after 2 s"
