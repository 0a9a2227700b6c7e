"""A connection to a corpus database: one interface over SQLite and PostgreSQL.

Statements are written once, with ``?`` placeholders, and run on either kind; what differs
(column types, the identity column, full-text search) is asked of the connection. Every
failure of the database becomes a :class:`~newsdigest.corpus.errors.StoreError` with one
line that names the database, never a driver's traceback.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, ClassVar, NamedTuple

from newsdigest.corpus.tables import Kind
from newsdigest.corpus.url import DatabaseURL

Row = dict[str, Any]
Params = Sequence[Any]


class TextMatch(NamedTuple):
    """Full-text search over one table, as pieces of a query.

    A search query ranks and cuts the matching rows first, then cuts snippets out of the few
    rows kept (a snippet costs much more than a rank): the inner query joins ``join``, orders
    by ``rank`` and selects ``carry AS hit``; the outer query selects ``snippet``.

    join (str): ``JOIN ... h ON ...`` keeping the rows that match; it holds one ``?``, for
        :meth:`Database.search_param`.
    needs_row (bool): whether ``join``, ``rank`` and ``carry`` read the table's row under its
        alias (PostgreSQL), which the query must then join; else they read only ``key``.
    rank (str): an expression over ``h`` and the alias: lower is a better hit.
    carry (str): what the inner query passes out as ``hit`` for the snippet.
    snippet (str): an expression over ``page.hit`` with one ``?`` (the search parameter
        again): the matched column cut around the hits, which are marked ``**like this**``.
    """

    join: str
    needs_row: bool
    rank: str
    carry: str
    snippet: str


class Database(ABC):
    """An open corpus database.

    url (DatabaseURL): where it is.
    """

    kind: ClassVar[str]
    # SQL column type of each kind of value.
    types: ClassVar[dict[Kind | str, str]]
    # The auto-numbered primary key column, as a column definition.
    identity: ClassVar[str]
    # What follows a table's definition to cluster it by its primary key, where supported.
    without_rowid: ClassVar[str] = ""
    # A descending index column that keeps NULLs last, as "ORDER BY ... DESC NULLS LAST" reads.
    desc_nulls_last: ClassVar[str] = "DESC NULLS LAST"

    def __init__(self, url: DatabaseURL) -> None:
        self.url = url

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> None:
        """Run one statement."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        """Run one statement once per row of parameters."""

    @abstractmethod
    def rows(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query, as dicts keyed by column name."""

    @abstractmethod
    def stream(self, sql: str, params: Params = (), size: int = 1000) -> Iterator[Row]:
        """The rows of a query, fetched ``size`` at a time (for exports)."""

    @abstractmethod
    def insert_returning_id(self, sql: str, params: Params) -> int:
        """Run an ``INSERT`` and return the new row's ``id``."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction (nested: a savepoint); rolled back when its block raises."""

    @abstractmethod
    def snapshot(self) -> AbstractContextManager[None]:
        """A read transaction: several queries that see the same state."""

    @abstractmethod
    def table_columns(self, table: str) -> set[str]:
        """The columns of a table; empty when the table does not exist."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    @abstractmethod
    def search_columns(self, table: str, columns: Sequence[str]) -> list[str]:
        """Statements that index these text columns of ``table`` for full-text search."""

    @abstractmethod
    def text_match(
        self, table: str, alias: str, column: str, columns: Sequence[str], key: str
    ) -> TextMatch:
        """Search ``column`` of ``table`` (queried as ``alias``), one of the indexed ``columns``;
        ``key`` is the SQL of the matched row's id (``rowid``) in the query."""

    @abstractmethod
    def search_param(self, text: str) -> str | None:
        """The bound parameter of :meth:`text_match` for a user's search text (words, "a
        phrase", ``OR``, ``-word``); None when the text holds nothing to search for."""

    @abstractmethod
    def lock(self, key: str) -> None:
        """Serialise writers on ``key`` (a story id, the schema) until the transaction ends."""

    def value(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None when there is no row."""
        found = self.rows(sql, params)
        return next(iter(found[0].values())) if found else None

    def type_of(self, kind: Kind | str) -> str:
        """The SQL type of a kind of value."""
        return self.types[kind]

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
