"""``corpus export``: JSONL of stored digests; CSV and Parquet with one table per section and
one row per item, each with its story id, outlet, published date and spans."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from corpus_helpers import digests

from newsdigest.corpus.export import export, export_jsonl
from newsdigest.corpus.queries import Window
from newsdigest.corpus.store import Store
from newsdigest.corpus.tables import section_names

pq = pytest.importorskip("pyarrow.parquet")


def test_jsonl_holds_each_stored_digest_with_its_corpus_fields(corpus: Store) -> None:
    stream = io.StringIO()
    assert export_jsonl(corpus, stream) == 6
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    by_id = {d["article"]["id"]: d for d in digests()}
    for line in lines:
        original = by_id[line["article"]["id"]]
        assert line["text"] == original["text"]
        assert line["quotes"] == original["quotes"]
        assert "cluster" in line["article"] and "duplicate_of" in line["article"]
        assert all("corpus_id" in entity for entity in line["entities"])


def test_parquet_has_a_table_per_section_and_a_row_per_item(corpus: Store, tmp_path: Path) -> None:
    counts = export(corpus, "parquet", tmp_path / "out")
    for section in section_names():
        table = pq.read_table(tmp_path / "out" / f"{section}.parquet")
        expected = sum(len(d.get(section, [])) for d in digests())
        assert table.num_rows == counts[section] == expected
        assert {"story_id", "version", "outlet", "published", "idx"} <= set(table.column_names)
    quotes = pq.read_table(tmp_path / "out" / "quotes.parquet").to_pylist()
    texts = {d["article"]["id"]: d["text"] for d in digests()}
    for row in quotes:
        assert texts[row["story_id"]][row["span_start"] : row["span_end"]] == row["text"]
    entities = pq.read_table(tmp_path / "out" / "entities.parquet")
    assert str(entities.schema.field("mentions").type) == "list<element: list<element: int64>>"
    assert str(entities.schema.field("published").type) == "date32[day]"
    stories = pq.read_table(tmp_path / "out" / "stories.parquet")
    assert stories.num_rows == 6
    people = pq.read_table(tmp_path / "out" / "people.parquet")
    assert people.num_rows == counts["people"] > 0


def test_csv_tables_and_a_window(corpus: Store, tmp_path: Path) -> None:
    counts = export(corpus, "csv", tmp_path / "csv", window=Window(outlet="Coast Courier"))
    assert counts["stories"] == 2
    with (tmp_path / "csv" / "highlights.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert {row["story_id"] for row in rows} == {"harbour-2", "storm-1"}
    assert all(json.loads(row["spans"]) for row in rows)


def test_an_export_folder_that_is_a_file_is_refused(corpus: Store, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(Exception, match="is a file"):
        export(corpus, "csv", target)
