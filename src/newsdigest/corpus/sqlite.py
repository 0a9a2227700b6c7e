"""The SQLite corpus: one file, in WAL mode, with FTS5 indexes kept in step by triggers.

WAL lets readers go on while one process writes; writers take the lock with
``BEGIN IMMEDIATE`` and wait up to the URL's ``timeout`` for another writer (two
``corpus add`` runs on one file take turns, batch by batch). ``synchronous=NORMAL`` keeps a
committed transaction through a killed process (it is in the operating system's cache);
only a power cut may lose the last transactions, which the next run adds again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, ClassVar

from newsdigest.corpus.database import Database, Params, Row, TextMatch
from newsdigest.corpus.errors import NoDatabase, StoreCorrupt, StoreError, StoreLocked
from newsdigest.corpus.search import fts5_query
from newsdigest.corpus.tables import Kind
from newsdigest.corpus.url import DatabaseURL

_CORRUPT = ("file is not a database", "malformed", "file is encrypted")
_LOCKED = ("database is locked", "database table is locked", "busy")


def _dict_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> Row:
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


class SQLiteDatabase(Database):
    """A corpus in a SQLite file.

    url (DatabaseURL): the file and the lock time-out.
    create (bool): create the file when it does not exist; else a missing file is
        :class:`NoDatabase`.
    """

    kind: ClassVar[str] = "sqlite"
    types: ClassVar[dict[Kind | str, str]] = {
        "text": "TEXT",
        "date": "TEXT",
        "integer": "INTEGER",
        "real": "REAL",
        "bool": "INTEGER",
        "json": "TEXT",
        "blob": "BLOB",
    }
    identity: ClassVar[str] = "id INTEGER PRIMARY KEY"
    without_rowid: ClassVar[str] = " WITHOUT ROWID"
    desc_nulls_last: ClassVar[str] = "DESC"  # SQLite sorts NULLs first, so last when descending

    def __init__(self, url: DatabaseURL, *, create: bool) -> None:
        super().__init__(url)
        self.path = Path(url.target)
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a directory, not a corpus database file")
        if not create and not self.path.exists():
            raise NoDatabase(
                f"no corpus database at {self.path}: add stories with "
                f"`newsdigest corpus add --db {self.path} ...`"
            )
        self._depth = 0
        with self._guard():
            self.connection = sqlite3.connect(
                self.path, timeout=url.timeout, isolation_level=None, check_same_thread=False
            )
        self.connection.row_factory = _dict_row
        with self._guard():
            self.connection.execute("PRAGMA journal_mode=WAL").fetchone()
            self.connection.execute("PRAGMA synchronous=NORMAL")
            # every join of the queries has its index; without statistics SQLite would
            # rather build a throwaway index over a whole table than use it
            self.connection.execute("PRAGMA automatic_index=OFF")

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn the driver's errors into one-line store errors that name the file."""
        try:
            yield
        except sqlite3.Error as exc:
            message = str(exc)
            if any(part in message for part in _LOCKED):
                raise StoreLocked(
                    f"{self.path} is locked by another process (waited {self.url.timeout:g} s);"
                    " try again when it is done, or raise ?timeout= in --db"
                ) from exc
            if any(part in message for part in _CORRUPT):
                raise StoreCorrupt(
                    f"{self.path} is not a usable SQLite database ({message})"
                ) from exc
            raise StoreError(f"{self.path}: {message}") from exc

    def execute(self, sql: str, params: Params = ()) -> None:
        with self._guard():
            self.connection.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:
            with self._guard():
                self.connection.executemany(sql, rows)

    def rows(self, sql: str, params: Params = ()) -> list[Row]:
        with self._guard():
            found: list[Row] = self.connection.execute(sql, params).fetchall()
        return found

    def stream(self, sql: str, params: Params = (), size: int = 1000) -> Iterator[Row]:
        with self._guard():
            cursor = self.connection.execute(sql, params)
        while True:
            with self._guard():
                batch: list[Row] = cursor.fetchmany(size)
            if not batch:
                return
            yield from batch

    def insert_returning_id(self, sql: str, params: Params) -> int:
        with self._guard():
            cursor = self.connection.execute(sql, params)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth == 0:
            begin, commit, undo = "BEGIN IMMEDIATE", "COMMIT", ["ROLLBACK"]
        else:
            name = f"nested_{self._depth}"
            begin, commit, undo = (
                f"SAVEPOINT {name}",
                f"RELEASE {name}",
                [
                    f"ROLLBACK TO {name}",
                    f"RELEASE {name}",
                ],
            )
        self.execute(begin)
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            for statement in undo:
                self._quietly(statement)
            raise
        self._depth -= 1
        self.execute(commit)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        if self._depth:
            yield
            return
        self.execute("BEGIN")
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            self._quietly("COMMIT")

    def _quietly(self, statement: str) -> None:
        # the transaction may already be over (SQLite ends some on the error)
        with suppress(sqlite3.Error):
            self.connection.execute(statement)

    def lock(self, key: str) -> None:
        """Nothing to do: SQLite's write transactions already run one at a time."""

    def table_columns(self, table: str) -> set[str]:
        return {row["name"] for row in self.rows(f'PRAGMA table_info("{table}")')}

    def close(self) -> None:
        with suppress(sqlite3.Error):
            self.connection.close()

    def search_columns(self, table: str, columns: Sequence[str]) -> list[str]:
        fts = f"{table}_fts"
        names = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.rowid, {new});"
        delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.rowid, {old});"
        return [
            f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}')",
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {names} ON {table} "
            f"BEGIN {delete} {insert} END",
        ]

    def text_match(
        self, table: str, alias: str, column: str, columns: Sequence[str], key: str
    ) -> TextMatch:
        fts = f"{table}_fts"
        index = list(columns).index(column)
        join = (
            f"JOIN (SELECT rowid AS hit, bm25({fts}) AS score FROM {fts} WHERE {fts} MATCH ?) h "
            f"ON h.hit = {key}"
        )
        snippet = (
            f"(SELECT snippet({fts}, {index}, '**', '**', '…', 24) FROM {fts} "
            f"WHERE {fts} MATCH ? AND rowid = page.hit)"
        )
        return TextMatch(join, needs_row=False, rank="h.score", carry="h.hit", snippet=snippet)

    def search_param(self, text: str) -> str | None:
        return fts5_query(text)
