"""Corpus readers: every input format becomes a stream of records, bad ones with a reason."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from batch_helpers import story, write_jsonl
from hypothesis import given
from hypothesis import strategies as st

from newsdigest.batch.records import (
    BadRecord,
    Record,
    content_id,
    count_records,
    input_format,
    read_jsonl,
    read_records,
    split_story,
)
from newsdigest.errors import InputError, NoInput


def test_jsonl_fields_become_a_record(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            {
                "id": "x1",
                "article": story(1),
                "title": " Park plan ",
                "published": "2026-03-11",
                "url": "https://example.org/x1",
                "reference": "Council funds the park.\nWork starts next month.",
            },
            {"id": 7, "html": "<html><body><p>Hi</p></body></html>"},
        ],
    )
    first, second = read_records([str(path)])
    assert first == Record(
        id="x1",
        body=story(1),
        kind="text",
        title="Park plan",
        published="2026-03-11",
        url="https://example.org/x1",
        reference="Council funds the park.\nWork starts next month.",
        source=f"{path}:1",
    )
    assert isinstance(second, Record)
    assert (second.id, second.kind) == ("7", "html")


def test_records_without_id_get_a_stable_content_hash(tmp_path: Path) -> None:
    rows = [{"text": story(1)}, {"text": story(2)}, {"text": story(1), "title": "T"}]
    path = write_jsonl(tmp_path / "a.jsonl", rows)
    ids = [item.id for item in read_records([str(path)])]
    again = [item.id for item in read_records([str(path)])]
    assert ids == again
    assert len(set(ids)) == 3
    assert ids[0] == content_id(story(1), title=None, published=None, url=None)


def test_bad_jsonl_lines_are_reported_with_their_line_and_do_not_stop_reading() -> None:
    data = b"\n".join(
        [
            json.dumps({"id": "ok1", "text": "A story."}).encode(),
            b"{not json",
            b"[1, 2]",
            json.dumps({"id": "nobody", "title": "no text"}).encode(),
            b'{"id": "latin", "text": "caf\xe9"}',
            json.dumps({"id": "num", "text": 12}).encode(),
            b"",
            json.dumps({"id": "ok2", "text": "Another story."}).encode(),
        ]
    )
    items = list(read_jsonl(io.BytesIO(data), name="in"))
    kinds = [(type(i).__name__, i.id, i.source) for i in items]
    assert kinds == [
        ("Record", "ok1", "in:1"),
        ("BadRecord", None, "in:2"),
        ("BadRecord", None, "in:3"),
        ("BadRecord", "nobody", "in:4"),
        ("BadRecord", None, "in:5"),
        ("BadRecord", "num", "in:6"),
        ("Record", "ok2", "in:8"),
    ]
    reasons = [i.reason for i in items if isinstance(i, BadRecord)]
    assert reasons[0].startswith("line is not JSON")
    assert "not an object" in reasons[1]
    assert "no text, article or html" in reasons[2]
    assert "UTF-8" in reasons[3]
    assert "must be a string" in reasons[4]
    assert all("\n" not in reason for reason in reasons)


def test_csv_with_quoted_newlines_and_long_fields(tmp_path: Path) -> None:
    long_text = "Riverton voted. " * 20_000  # over csv's default field limit of 128 KiB
    path = tmp_path / "a.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "title", "text", "published"])
        writer.writerow(["c1", "Two lines", story(1), "2026-03-11"])
        writer.writerow(["c2", "", long_text, ""])
        writer.writerow(["", "", "", ""])
    limit = csv.field_size_limit()
    reading = read_records([str(path)])
    first = next(reading)
    assert csv.field_size_limit() == limit  # raised only while a row is read
    second, third = reading
    assert csv.field_size_limit() == limit
    assert isinstance(first, Record) and first.body == story(1) and first.title == "Two lines"
    assert first.published == "2026-03-11"
    assert isinstance(second, Record) and second.body == long_text and second.title is None
    assert isinstance(third, BadRecord)
    assert count_records([str(path)]) == 3
    assert csv.field_size_limit() == limit


def test_importing_the_batch_leaves_the_csv_limit_alone() -> None:
    code = (
        "import csv; before = csv.field_size_limit(); "
        "import newsdigest.batch, newsdigest.cli.batch; "
        "assert csv.field_size_limit() == before, csv.field_size_limit()"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "g", "text": story(3)}) + "\n")
    (item,) = read_records([str(path)])
    assert isinstance(item, Record) and item.id == "g"


def test_directory_of_story_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(story(1), encoding="utf-8")
    (root / "b.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (root / "sub" / "c.story").write_text(
        story(2) + "\n\n@highlight\n\nCouncil funds the park\n\n@highlight\n\nPaths start soon\n",
        encoding="utf-8",
    )
    (root / "d.txt").write_bytes("Caf\xe9 owners cheered the vote.".encode("cp1252"))
    (root / "empty.txt").write_bytes(b"\x00\x01\x02" * 20)
    (root / ".hidden.txt").write_text("skip me", encoding="utf-8")
    (root / "notes.md").write_text("skip me too", encoding="utf-8")
    items = {item.id: item for item in read_records([str(root)])}
    assert sorted(items) == ["a.txt", "b.html", "d.txt", "empty.txt", "sub/c.story"]
    assert isinstance(items["b.html"], Record) and items["b.html"].kind == "html"
    c = items["sub/c.story"]
    assert isinstance(c, Record)
    assert c.body == story(2)
    assert c.reference == "Council funds the park\nPaths start soon"
    d = items["d.txt"]
    assert isinstance(d, Record) and d.body == "Café owners cheered the vote."
    assert isinstance(items["empty.txt"], BadRecord)
    assert count_records([str(root)]) == 5


def test_split_story_without_highlights_keeps_the_text() -> None:
    assert split_story("Just a story.\n") == ("Just a story.\n", None)


@given(
    st.lists(st.text(alphabet="abc .\n", min_size=1, max_size=40), min_size=1, max_size=5),
    st.lists(st.text(alphabet="xyz ", min_size=1, max_size=20), max_size=4),
)
def test_split_story_separates_text_and_highlights(paras: list[str], bullets: list[str]) -> None:
    body = "\n\n".join(paras)
    text = body + "".join(f"\n\n@highlight\n\n{b}" for b in bullets)
    story_text, reference = split_story(text)
    assert story_text == (body.rstrip() if bullets else body)
    expected = [b.strip() for b in bullets if b.strip()]
    assert (reference.split("\n") if reference else []) == expected


def test_input_format_and_its_errors(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "a.xml").write_text("", encoding="utf-8")
    assert input_format("-") == "stdin"
    assert input_format(str(tmp_path)) == "directory"
    assert input_format(str(tmp_path / "a.jsonl")) == "jsonl"
    with pytest.raises(InputError, match="cannot tell the format"):
        input_format(str(tmp_path / "a.xml"))
    with pytest.raises(NoInput):
        input_format(str(tmp_path / "missing.jsonl"))
