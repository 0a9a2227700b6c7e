"""A user's search text becomes an FTS5 query that SQLite always accepts."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsdigest.corpus.search import fts5_query


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("flood study", '("flood") AND ("study")'),
        ('"ferry terminal" vote', '("ferry terminal") AND ("vote")'),
        ("mayor OR councillor", '("mayor" OR "councillor")'),
        ("storm -power", '("storm") NOT "power"'),
        ("don't", '("don t")'),
        ("OR flood", '("flood")'),
        ("-only", None),
        ("!!! ???", None),
        ("", None),
    ],
)
def test_search_text_reads_as_a_web_search(text: str, query: str | None) -> None:
    assert fts5_query(text) == query


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    connection.execute("INSERT INTO t VALUES ('the mayor said the flood study comes first')")
    return connection


@settings(max_examples=100, deadline=None)
@given(st.text())
@example('" OR "')
@example("NEAR(flood study, 2)")
@example("body:flood")
@example("flood*")
@example("^mayor")
@example("-")
@example('"')
@example("AND AND OR NOT")
def test_any_text_gives_a_query_sqlite_accepts(fts: sqlite3.Connection, text: str) -> None:
    query = fts5_query(text)
    if query is not None:
        fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchone()
