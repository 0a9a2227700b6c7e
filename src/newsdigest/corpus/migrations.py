"""Numbered migrations, recorded in the database, and the check every command makes first.

``corpus_migrations`` holds one row per applied step (number, name, when). A database is
usable when its last step is :data:`SCHEMA_VERSION` and its item tables have a column for
every field of this newsdigest's contract (see :mod:`newsdigest.corpus.tables`). An older
database is refused with one line naming ``newsdigest corpus migrate``, which applies the
missing steps in order and adds the missing columns, in one transaction; a newer one is
refused (upgrade newsdigest). A new, empty database is set up by the first ``corpus add``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from newsdigest.corpus import counts
from newsdigest.corpus.database import Database
from newsdigest.corpus.errors import SchemaMismatch
from newsdigest.corpus.tables import ItemTable, article_fields, item_tables

# Text columns indexed for full-text search, per table.
SEARCHED: dict[str, tuple[str, ...]] = {
    "versions": ("title", "text"),
    "quotes": ("text",),
    "highlights": ("text",),
}


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema.

    number (int): its place; steps run in order, each once.
    name (str): what it does, as ``corpus migrate`` reports it.
    apply (Callable[[Database], None]): the step.
    """

    number: int
    name: str
    apply: Callable[[Database], None]


def _run(db: Database, statements: list[str]) -> None:
    for statement in statements:
        db.execute(statement)


def item_table_statements(db: Database, table: ItemTable) -> list[str]:
    """Create one section's table (and its child table), with its indexes and search."""
    integer = db.type_of("integer")
    columns = ", ".join(f"{name} {db.type_of(kind)}" for name, kind in table.columns())
    statements = [
        f"CREATE TABLE {table.table} (version_id {integer} NOT NULL, idx {integer} NOT NULL, "
        f"{columns}, PRIMARY KEY (version_id, idx))"
    ]
    if table.child is not None:
        statements.append(
            f"CREATE TABLE {table.child.table} (version_id {integer} NOT NULL, "
            f"item {integer} NOT NULL, idx {integer} NOT NULL, span_start {integer} NOT NULL, "
            f"span_end {integer} NOT NULL, PRIMARY KEY (version_id, item, idx))" + db.without_rowid
        )
    for name in table.extra:
        statements.append(f"CREATE INDEX {table.table}_{name} ON {table.table}({name})")
    if table.table in SEARCHED:
        statements += db.search_columns(table.table, SEARCHED[table.table])
    return statements


def _store_tables(db: Database) -> None:
    integer, date = db.type_of("integer"), db.type_of("date")
    article = ", ".join(
        f"{name} {db.type_of(kind)}" for f in article_fields() for name, kind in f.typed_columns()
    )
    _run(
        db,
        [
            f"CREATE TABLE stories (id TEXT PRIMARY KEY, current {integer} NOT NULL, "
            f"versions {integer} NOT NULL, first_added TEXT NOT NULL, last_added TEXT NOT NULL, "
            f"title TEXT, published {date}, outlet TEXT)",
            "CREATE UNIQUE INDEX stories_current ON stories(current)",
            "CREATE INDEX stories_published ON stories(published, id)",
            "CREATE INDEX stories_outlet ON stories(outlet, published)",
            f"CREATE TABLE versions ({db.identity}, story_id TEXT NOT NULL, "
            f"number {integer} NOT NULL, added TEXT NOT NULL, content_hash TEXT NOT NULL, "
            f"input_hash TEXT NOT NULL, sections TEXT NOT NULL, text TEXT, {article}, "
            "UNIQUE (story_id, number))",
            *db.search_columns("versions", SEARCHED["versions"]),
        ],
    )
    for table in item_tables():
        _run(db, item_table_statements(db, table))
    _run(
        db,
        [
            "CREATE INDEX entities_name ON entities(lower(name))",
            "CREATE INDEX events_date ON events(date)",
        ],
    )


def _link_tables(db: Database) -> None:
    """The tables of the corpus links (see ``docs/corpus-links.md``)."""
    integer, date, blob = db.type_of("integer"), db.type_of("date"), db.type_of("blob")
    _run(
        db,
        [
            f"CREATE TABLE story_links (story_id TEXT PRIMARY KEY, cluster_id TEXT NOT NULL, "
            f"duplicate_of TEXT, published {date}, outlet TEXT, signature {blob} NOT NULL, "
            f"seq {integer} NOT NULL)",
            "CREATE INDEX story_links_cluster ON story_links(cluster_id)",
            "CREATE INDEX story_links_duplicate ON story_links(duplicate_of)",
            f"CREATE TABLE clusters (cluster_id TEXT PRIMARY KEY, first_story TEXT NOT NULL, "
            f"label TEXT NOT NULL, size {integer} NOT NULL, first_published {date}, "
            f"last_published {date}, profile TEXT NOT NULL)",
            "CREATE INDEX clusters_last ON clusters(last_published)",
            f"CREATE TABLE people (corpus_id TEXT PRIMARY KEY, type TEXT NOT NULL, "
            f"name TEXT NOT NULL, gender TEXT, titles TEXT NOT NULL, "
            f"story_count {integer} NOT NULL, mention_count {integer} NOT NULL, "
            f"first_story TEXT NOT NULL, profile TEXT NOT NULL)",
            "CREATE INDEX people_type_name ON people(type, name)",
            f"CREATE TABLE link_postings (kind TEXT NOT NULL, key TEXT NOT NULL, "
            f"target TEXT NOT NULL, day {date}, touched {integer} NOT NULL, "
            "PRIMARY KEY (kind, key, target))" + db.without_rowid,
            "CREATE INDEX link_postings_recent ON link_postings(kind, key, day DESC, touched DESC)",
            f"CREATE TABLE link_terms (term TEXT PRIMARY KEY, df {integer} NOT NULL)"
            + db.without_rowid,
            f"CREATE TABLE quoted_people (story_id TEXT NOT NULL, entity_id TEXT NOT NULL, "
            f"corpus_id TEXT NOT NULL, name TEXT NOT NULL, gender TEXT, role TEXT NOT NULL, "
            f"quotes {integer} NOT NULL, outlet TEXT, published {date}, "
            f"cluster_id TEXT NOT NULL, PRIMARY KEY (story_id, entity_id))",
            "CREATE INDEX quoted_people_published ON quoted_people(published)",
            "CREATE INDEX quoted_people_outlet ON quoted_people(outlet)",
            "CREATE INDEX quoted_people_corpus ON quoted_people(corpus_id)",
        ],
    )


def _people_counts(db: Database) -> None:
    """Quotes and mentions per person, kept by every add (read by ``corpus people``)."""
    _run(db, counts.create_statements(db))
    counts.count_all(db)


def _query_indexes(db: Database) -> None:
    """Quotes by speaker (a person's quotes, the people counts); events by date in the
    order the timeline reads them, so its first page needs no sort."""
    _run(
        db,
        [
            "CREATE INDEX quotes_speaker ON quotes(version_id, speaker)",
            "DROP INDEX events_date",
            "CREATE INDEX events_date ON events(date, version_id, idx)",
        ],
    )


def _version_people(db: Database) -> None:
    """The people of each stored version, so that a window of stories sums a few rows."""
    _run(db, counts.version_statements(db))
    counts.record_all(db)


def _newest_first(db: Database) -> None:
    """Stories newest first, undated last, as the lists read them: no sort for a page; and
    entities by their id in the digest, as a quote names its speaker."""
    _run(
        db,
        [
            "DROP INDEX stories_published",
            f"CREATE INDEX stories_newest ON stories(published {db.desc_nulls_last}, id DESC)",
            "CREATE INDEX entities_id ON entities(version_id, id)",
        ],
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "stories, versions and a table per section, with full-text search", _store_tables),
    Migration(2, "story links, clusters, people and quoted people", _link_tables),
    Migration(3, "quotes and mentions per person, counted as stories are added", _people_counts),
    Migration(4, "indexes: quotes by speaker, events by date in timeline order", _query_indexes),
    Migration(5, "quotes and mentions per person of each stored version", _version_people),
    Migration(6, "indexes: stories newest first, entities by id", _newest_first),
)
SCHEMA_VERSION = MIGRATIONS[-1].number


def applied_version(db: Database) -> int:
    """The number of the last step applied to the database (0 for a new database)."""
    if not db.table_columns("corpus_migrations"):
        return 0
    return int(db.value("SELECT max(number) FROM corpus_migrations") or 0)


def missing_columns(db: Database) -> list[str]:
    """``table.column`` for every field of the contract the database has no column for
    (``table`` alone for a missing table)."""
    missing: list[str] = []
    expected = {"versions": [name for f in article_fields() for name in f.columns]}
    for table in item_tables():
        expected[table.table] = table.column_names()
    for name, columns in expected.items():
        have = db.table_columns(name)
        if not have:
            missing.append(name)
            continue
        missing.extend(f"{name}.{column}" for column in columns if column not in have)
    return missing


def check_schema(db: Database) -> None:
    """Refuse a database this newsdigest cannot use as it is (see the module's docs)."""
    version = applied_version(db)
    where = db.url.display()
    if version > SCHEMA_VERSION:
        raise SchemaMismatch(
            f"{where} was written by a newer newsdigest (corpus schema {version}; this one "
            f"knows up to {SCHEMA_VERSION}): upgrade newsdigest"
        )
    if version < SCHEMA_VERSION:
        raise SchemaMismatch(
            f"{where} has corpus schema {version}, older than this newsdigest's "
            f"{SCHEMA_VERSION}: run `newsdigest corpus migrate --db {where}`"
        )
    missing = missing_columns(db)
    if missing:
        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        raise SchemaMismatch(
            f"{where} lacks columns for fields of this newsdigest's digests ({shown}): "
            f"run `newsdigest corpus migrate --db {where}`"
        )


def migrate(db: Database) -> list[str]:
    """Apply the missing steps, then add the missing columns, in one transaction.

    db (Database): the database; a newer one is refused.
    RETURNS (list[str]): what was done, one line per step or column (empty: up to date).
    """
    done: list[str] = []
    with db.transaction():
        db.lock("newsdigest corpus schema")
        db.execute(
            "CREATE TABLE IF NOT EXISTS corpus_migrations (number INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied TEXT NOT NULL)"
        )
        version = applied_version(db)
        if version > SCHEMA_VERSION:
            check_schema(db)
        for step in MIGRATIONS:
            if step.number <= version:
                continue
            step.apply(db)
            db.execute(
                "INSERT INTO corpus_migrations (number, name, applied) VALUES (?, ?, ?)",
                (step.number, step.name, _now()),
            )
            done.append(f"{step.number}: {step.name}")
        done.extend(_add_missing(db))
    return done


def _add_missing(db: Database) -> list[str]:
    added: list[str] = []
    tables = {t.table: t for t in item_tables()}
    kinds = {name: kind for f in article_fields() for name, kind in f.typed_columns()}
    for missing in missing_columns(db):
        table, _, column = missing.partition(".")
        if not column:
            for statement in item_table_statements(db, tables[table]):
                db.execute(statement)
            added.append(f"table {table}")
            continue
        kind = kinds[column] if table == "versions" else dict(tables[table].columns())[column]
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {db.type_of(kind)}")
        added.append(f"column {missing}")
    return added


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
