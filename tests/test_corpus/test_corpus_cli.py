"""``newsdigest corpus ...`` on the command line: adding, the three output formats, and one
clear line with a documented exit status for every broken database."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_helpers import changed, digests, records, run_cli, write_jsonl

from newsdigest.cli import main
from newsdigest.corpus import queries
from newsdigest.corpus.roles import ROLE_CLASSES as ROLES
from newsdigest.corpus.store import open_store


@pytest.fixture()
def filled(tmp_path: Path) -> str:
    """A SQLite corpus holding the test stories (added from their digests)."""
    db = str(tmp_path / "news.db")
    source = write_jsonl(tmp_path / "digests.jsonl", digests())
    assert main(["corpus", "add", "--db", db, "--from-digests", str(source)]) == 0
    return db


def cli(*args: str) -> tuple[int, str, str]:
    """Run the CLI in this process; RETURNS the exit status, stdout and stderr."""
    runner = CliRunner()
    outcome: dict[str, int] = {}

    def run() -> None:
        outcome["status"] = main(list(args))

    with runner.isolation() as (out, err, _):
        run()
        return outcome["status"], out.getvalue().decode(), err.getvalue().decode()


@pytest.mark.slow
def test_add_digests_every_record_and_a_second_run_skips_them(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "stories.jsonl", records())
    db = str(tmp_path / "news.db")
    first = run_cli("corpus", "add", str(source), "--db", db, "--workers", "2", "--no-progress")
    assert first.returncode == 0, first.stderr
    assert "6 added, 0 new versions, 0 unchanged, 0 failed" in first.stderr
    second = run_cli("corpus", "add", str(source), "--db", db, "--no-progress")
    assert second.returncode == 0, second.stderr
    assert "0 added, 0 new versions, 6 unchanged" in second.stderr
    with open_store(db) as store:
        rows = store.db.rows("SELECT id, outlet, published FROM stories")
    assert {(r["id"], r["outlet"], r["published"]) for r in rows} == {
        (r["id"], r["outlet"], r["published"]) for r in records()
    }


def test_add_from_digests_then_a_changed_digest_is_a_new_version(
    filled: str, tmp_path: Path
) -> None:
    story = digests()[0]
    source = write_jsonl(tmp_path / "again.jsonl", [changed(story), *digests()[1:]])
    status, _, err = cli("corpus", "add", "--db", filled, "--from-digests", str(source))
    assert status == 0, err
    assert "0 added, 1 new versions, 5 unchanged, 0 failed" in err
    status, out, _ = cli("corpus", "show", story["article"]["id"], "--db", filled, "--changes",
                         "--format", "json")  # fmt: skip
    assert {row["section"] for row in json.loads(out)} >= {"article", "quotes", "highlights"}


def test_bad_lines_of_a_digests_file_go_to_the_errors_file(filled: str, tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text('not json\n[1, 2]\n{"schema": "newsdigest/1", "article": {}}\n')
    errors = tmp_path / "errors.jsonl"
    status, _, err = cli("corpus", "add", "--db", filled, "--from-digests", str(source),
                         "--errors", str(errors))  # fmt: skip
    assert status == 1
    assert "3 failed" in err
    reasons = [json.loads(line)["reason"] for line in errors.read_text().splitlines()]
    assert reasons[0].startswith("line is not JSON")
    assert reasons[1] == "line is not a JSON object"
    assert "no id" in reasons[2]


@pytest.mark.parametrize("verb", ["stories", "people", "quotes", "timeline"])
def test_every_query_prints_a_table_json_and_csv(filled: str, verb: str) -> None:
    status, table, _ = cli("corpus", verb, "--db", filled)
    assert status == 0
    status, text, _ = cli("corpus", verb, "--db", filled, "--format", "json")
    assert status == 0
    rows = json.loads(text)
    assert isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows)
    header = table.splitlines()[0].split()
    assert header == list(rows[0])
    status, text, _ = cli("corpus", verb, "--db", filled, "--format", "csv")
    assert status == 0
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert len(parsed) == len(rows) and list(parsed[0]) == list(rows[0])


def test_search_and_show_on_the_command_line(filled: str) -> None:
    status, out, _ = cli("corpus", "search", "library", "--db", filled, "--format", "json")
    assert status == 0
    assert {row["story_id"] for row in json.loads(out)} == {"school-1", "school-2"}
    status, out, _ = cli("corpus", "show", "storm-1", "--db", filled)
    assert status == 0
    shown = json.loads(out)
    assert shown["schema"] == "newsdigest/1" and shown["article"]["id"] == "storm-1"
    assert {"cluster", "duplicate_of"} <= set(shown["article"])
    status, out, _ = cli("corpus", "show", "storm-1", "--db", filled, "--format", "markdown")
    assert status == 0 and "Laura Kim" in out


def test_show_unknown_story_is_one_line_and_exit_66(filled: str) -> None:
    status, _, err = cli("corpus", "show", "no-such-story", "--db", filled)
    assert status == 66
    assert err == f"newsdigest: error: no story 'no-such-story' in {filled}\n"


def test_reading_a_missing_database_is_exit_66_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "missing.db"
    status, _, err = cli("corpus", "stories", "--db", str(db))
    assert status == 66
    assert err.count("\n") == 1 and "corpus add" in err
    assert not db.exists()


def test_a_corrupt_database_is_one_line_and_exit_74(tmp_path: Path) -> None:
    db = tmp_path / "corrupt.db"
    db.write_bytes(b"this is not a database at all " * 200)
    for args in (["stories"], ["add", "--from-digests", str(db)], ["migrate"]):
        result = run_cli("corpus", *args, "--db", str(db))
        assert result.returncode == 74, result.stderr
        assert result.stderr.count("\n") == 1
        assert "not a usable SQLite database" in result.stderr


def test_a_damaged_page_is_one_line_and_exit_74(filled: str) -> None:
    data = bytearray(Path(filled).read_bytes())
    Path(filled + "-wal").unlink(missing_ok=True)
    data[4096 : 4096 * 3] = b"\xff" * (4096 * 2)  # two pages of the tables overwritten
    Path(filled).write_bytes(bytes(data))
    result = run_cli("corpus", "quotes", "--db", filled)
    assert result.returncode == 74, result.stderr
    assert result.stderr.count("\n") == 1


def test_a_locked_database_is_one_line_and_exit_74(filled: str, tmp_path: Path) -> None:
    holder = sqlite3.connect(filled, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        source = write_jsonl(tmp_path / "one.jsonl", [changed(digests()[0])])
        result = run_cli("corpus", "add", "--from-digests", str(source),
                         "--db", f"sqlite:///{filled}?timeout=0.2")  # fmt: skip
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 74, result.stderr
    assert result.stderr.count("\n") == 1
    assert "is locked by another process" in result.stderr


def test_a_missing_postgresql_driver_is_one_line_and_exit_78(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    status, _, err = cli("corpus", "stories", "--db", "postgresql://nd@localhost/news")
    assert status == 78
    assert err.count("\n") == 1 and "pip install 'newsdigest[postgres]'" in err


def test_an_unreachable_postgresql_is_one_line_and_exit_74(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql://nd@/news?host={tmp_path}&connect_timeout=2"
    status, _, err = cli("corpus", "stories", "--db", url)
    assert status == 74
    assert err.count("\n") == 1 and "cannot connect to" in err


def test_db_comes_from_the_environment(filled: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDIGEST_DB", filled)
    status, out, _ = cli("corpus", "stories", "--format", "json")
    assert status == 0 and len(json.loads(out)) == 6


@pytest.mark.parametrize("by", ["outlet", "cluster", "month", "role"])
def test_sources_prints_the_store_s_counts_by_each_group(filled: str, by: str) -> None:
    status, text, _ = cli("corpus", "sources", "--db", filled, "--by", by, "--format", "json")
    assert status == 0
    with open_store(filled) as store:
        assert json.loads(text) == queries.sources(store, by=by)  # type: ignore[arg-type]


def test_sources_table_and_csv_give_each_role_class_a_column(filled: str) -> None:
    status, text, _ = cli(
        "corpus", "sources", "--db", filled, "--since", "2025", "--format", "json"
    )
    assert status == 0
    rows = json.loads(text)
    assert {row["outlet"] for row in rows} == {"Harbour Gazette", "Coast Courier", "Valley Times"}
    columns = ["outlet", "quoted_people", "female", "male", "unknown", "female_share", *ROLES]
    status, table, _ = cli("corpus", "sources", "--db", filled, "--since", "2025")
    assert status == 0
    assert table.splitlines()[0].split() == columns
    assert len(table.splitlines()) == 2 + len(rows)
    status, text, _ = cli("corpus", "sources", "--db", filled, "--since", "2025", "--format", "csv")
    assert status == 0
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert list(parsed[0]) == columns
    for row, line in zip(rows, parsed, strict=True):
        assert {name: int(line[name]) for name in ROLES} == row["roles"]
        assert int(line["quoted_people"]) == row["quoted_people"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "speaker"], "Invalid value for '--by'"),
        (["--since", "2025-13"], "'2025-13' is not a date"),
    ],
)
def test_sources_bad_options_are_usage_errors(filled: str, args: list[str], message: str) -> None:
    status, out, err = cli("corpus", "sources", "--db", filled, *args)
    assert status == 2 and out == ""
    assert message in err
