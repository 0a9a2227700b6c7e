"""Where a corpus lives: ``--db URL`` (or ``NEWSDIGEST_DB``) read into a :class:`DatabaseURL`.

A plain path or ``sqlite:PATH`` / ``sqlite:///PATH`` is a SQLite file; ``postgresql://``
(or ``postgres://``) is a PostgreSQL server. Query parameters tune the connection:
``timeout`` (seconds a write waits for another writer's lock, SQLite; default 30).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from newsdigest.corpus.errors import BadDatabaseURL

ENV_VAR = "NEWSDIGEST_DB"
DEFAULT_DB = "newsdigest.db"
DEFAULT_TIMEOUT = 30.0

Kind = Literal["sqlite", "postgresql"]
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_POSTGRES_SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True, slots=True)
class DatabaseURL:
    """A corpus database.

    kind (Kind): ``sqlite`` or ``postgresql``.
    target (str): the SQLite file path, or the PostgreSQL connection URL (with its password).
    timeout (float): seconds a write waits for another process's lock (SQLite).
    """

    kind: Kind
    target: str
    timeout: float = DEFAULT_TIMEOUT

    def display(self) -> str:
        """The database as a message may name it: the path, or the URL without password."""
        if self.kind == "sqlite":
            return self.target
        parts = urlsplit(self.target)
        if parts.password is None:
            return self.target
        host = parts.hostname or ""
        netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))


def default_db() -> str:
    """``$NEWSDIGEST_DB``, else ``newsdigest.db`` in the current folder."""
    return os.environ.get(ENV_VAR) or DEFAULT_DB


def parse_db_url(value: str) -> DatabaseURL:
    """Read ``--db``.

    value (str): a path, ``sqlite:PATH``, ``sqlite:///PATH`` or ``postgresql://...``.
    RETURNS (DatabaseURL): the database; raises :class:`BadDatabaseURL` for any other scheme.
    """
    if not value.strip():
        raise BadDatabaseURL("--db is empty: give a SQLite file path or a postgresql:// URL")
    match = _SCHEME.match(value)
    scheme = match.group(1).lower() if match else None
    if scheme is None:
        return DatabaseURL("sqlite", value)
    if scheme in _POSTGRES_SCHEMES:
        return DatabaseURL("postgresql", "postgresql" + value[len(scheme) :])
    if scheme == "sqlite":
        return _sqlite(value[len("sqlite:") :])
    raise BadDatabaseURL(
        f"unknown database scheme {scheme!r} in {value!r}: give a SQLite file path, "
        "sqlite:///PATH or postgresql://USER@HOST/DB"
    )


def _sqlite(rest: str) -> DatabaseURL:
    path, _, query = rest.partition("?")
    if path.startswith("//"):
        path = path[2:]  # sqlite:///abs/path -> /abs/path, sqlite://rel -> rel
    if not path:
        raise BadDatabaseURL("sqlite: URL names no file: use sqlite:///PATH or a plain path")
    timeout = DEFAULT_TIMEOUT
    for name, raw in parse_qsl(query, keep_blank_values=True):
        if name != "timeout":
            raise BadDatabaseURL(f"unknown option {name!r} in the sqlite: URL (known: timeout)")
        try:
            timeout = float(raw)
        except ValueError:
            raise BadDatabaseURL(f"timeout must be a number of seconds, not {raw!r}") from None
        if not timeout >= 0:
            raise BadDatabaseURL("timeout must be 0 seconds or more")
    return DatabaseURL("sqlite", path, timeout)
