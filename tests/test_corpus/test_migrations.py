"""The schema: numbered steps recorded in the database; an old database is migrated or
refused with one line; the item tables follow the contract's schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from corpus_helpers import digests, run_cli

from newsdigest.corpus import tables
from newsdigest.corpus.errors import SchemaMismatch
from newsdigest.corpus.migrations import (
    MIGRATIONS,
    SCHEMA_VERSION,
    applied_version,
    migrate,
    missing_columns,
)
from newsdigest.corpus.store import open_database, open_store
from newsdigest.corpus.url import parse_db_url
from newsdigest.schema import json_schema


def _old_database(url: str, steps: int) -> None:
    """A database made by a newsdigest that knew only the first ``steps`` steps."""
    with open_database(parse_db_url(url), create=True) as db, db.transaction():
        db.execute(
            "CREATE TABLE corpus_migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied TEXT NOT NULL)"
        )
        for step in MIGRATIONS[:steps]:
            step.apply(db)
            db.execute(
                "INSERT INTO corpus_migrations VALUES (?, ?, ?)", (step.number, step.name, "then")
            )


def test_a_new_database_records_every_step(db_url: str) -> None:
    with open_store(db_url, write=True) as store:
        assert applied_version(store.db) == SCHEMA_VERSION
        rows = store.db.rows("SELECT number, name FROM corpus_migrations ORDER BY number")
    assert [(r["number"], r["name"]) for r in rows] == [(m.number, m.name) for m in MIGRATIONS]


def test_an_older_database_is_refused_until_migrated(db_url: str) -> None:
    _old_database(db_url, 1)
    with pytest.raises(SchemaMismatch, match="corpus migrate"):
        open_store(db_url)
    with pytest.raises(SchemaMismatch, match="older"):
        open_store(db_url, write=True)
    with open_database(parse_db_url(db_url), create=False) as db:
        done = migrate(db)
        assert done == [f"{m.number}: {m.name}" for m in MIGRATIONS[1:]]
        assert migrate(db) == []
    with open_store(db_url, write=True) as store:
        assert store.add(digests()[0]) == "added"


def test_a_newer_database_is_refused(db_url: str) -> None:
    with open_store(db_url, write=True) as store:
        store.db.execute("INSERT INTO corpus_migrations VALUES (?, ?, ?)", (99, "future", "x"))
    with pytest.raises(SchemaMismatch, match="newer newsdigest"):
        open_store(db_url)


def test_the_cli_refuses_an_old_database_with_one_line_and_migrate_fixes_it(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "old.db")
    _old_database(db, 1)
    refused = run_cli("corpus", "stories", "--db", db)
    assert refused.returncode == 78
    assert refused.stderr.count("\n") == 1
    assert f"newsdigest corpus migrate --db {db}" in refused.stderr
    migrated = run_cli("corpus", "migrate", "--db", db)
    assert migrated.returncode == 0, migrated.stderr
    assert f"corpus schema {SCHEMA_VERSION}" in migrated.stderr
    listed = run_cli("corpus", "stories", "--db", db, "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "[]"


def test_every_field_of_every_section_item_has_a_column() -> None:
    schema = json_schema()["properties"]
    for table in tables.item_tables():
        item = schema[table.section]["items"]["properties"]
        columns = set(table.column_names())
        for name, spec in item.items():
            if table.child is not None and name == table.child.field:
                continue
            if tables.kind_of(spec) == "span":
                assert {f"{name}_start", f"{name}_end"} <= columns, (table.table, name)
            else:
                assert name in columns, (table.table, name)
    assert tables.section_table("timeline").table == "events"
    assert tables.section_table("entities").child == tables.ChildTable("mentions", "mentions")


def test_a_field_added_to_the_contract_is_refused_then_added_by_migrate(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db_url, write=True):
        pass
    grown: dict[str, Any] = json_schema()
    grown["properties"]["quotes"]["items"]["properties"]["confidence"] = {"type": "number"}
    monkeypatch.setattr(tables, "json_schema", lambda: grown)
    tables.item_tables.cache_clear()
    try:
        with open_database(parse_db_url(db_url), create=False) as db:
            assert missing_columns(db) == ["quotes.confidence"]
        with pytest.raises(SchemaMismatch, match=r"quotes\.confidence"):
            open_store(db_url)
        with open_database(parse_db_url(db_url), create=False) as db:
            assert migrate(db) == ["column quotes.confidence"]
        with open_store(db_url, write=True) as store:
            digest = digests()[0]
            digest["quotes"][0]["confidence"] = 0.5
            store.add(digest)
            value = store.db.value("SELECT confidence FROM quotes WHERE idx = 0")
        assert value == 0.5
    finally:
        tables.item_tables.cache_clear()
