"""Fixtures: a corpus in a SQLite file, and one in a real PostgreSQL the tests start.

The PostgreSQL tests skip only when no server binary exists (Debian's ``postgresql``
package gives ``initdb`` and ``pg_ctl``); CI installs it, so they run there.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_helpers import digests
from pg_server import TemporaryPostgres, server_binaries

from newsdigest.corpus.store import Store, open_store

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres() -> Iterator[TemporaryPostgres]:
    """A PostgreSQL server for the whole session, on a socket in a temporary folder."""
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL server binary (initdb, pg_ctl): apt-get install postgresql")
    pytest.importorskip("psycopg")
    server = TemporaryPostgres(binaries)
    yield server
    server.stop()


@pytest.fixture()
def pg_url(postgres: TemporaryPostgres) -> str:
    """A new, empty PostgreSQL database for one test."""
    return postgres.new_database(f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new corpus database URL, once per backend."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    """An empty corpus open for writing, once per backend."""
    with open_store(db_url, write=True) as opened:
        yield opened


@pytest.fixture()
def corpus(store: Store) -> Store:
    """The test stories, stored, once per backend."""
    for digest in digests():
        store.add(digest)
    return store
