"""``--db``: a path or sqlite: URL is a SQLite file, postgresql:// a server, anything else is
refused (a usage error on the command line)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdigest.cli import cli
from newsdigest.corpus.errors import BadDatabaseURL
from newsdigest.corpus.url import DatabaseURL, parse_db_url


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("news.db", DatabaseURL("sqlite", "news.db")),
        ("/data/news.db", DatabaseURL("sqlite", "/data/news.db")),
        ("sqlite:news.db", DatabaseURL("sqlite", "news.db")),
        ("sqlite:///data/news.db", DatabaseURL("sqlite", "/data/news.db")),
        ("sqlite:///data/news.db?timeout=0.5", DatabaseURL("sqlite", "/data/news.db", 0.5)),
        ("postgresql://nd@db/news", DatabaseURL("postgresql", "postgresql://nd@db/news")),
        ("postgres://nd@db/news", DatabaseURL("postgresql", "postgresql://nd@db/news")),
    ],
)
def test_db_values(value: str, expected: DatabaseURL) -> None:
    assert parse_db_url(value) == expected


@pytest.mark.parametrize(
    "value", ["mysql://u@h/db", "http://example.org/x.db", "sqlite:", "sqlite:x.db?cache=1", " "]
)
def test_unusable_db_values_are_refused(value: str) -> None:
    with pytest.raises(BadDatabaseURL):
        parse_db_url(value)


def test_a_password_is_never_shown() -> None:
    url = parse_db_url("postgresql://nd:s3cret@db:5433/news")
    assert "s3cret" not in url.display()
    assert url.display() == "postgresql://nd:***@db:5433/news"


def test_an_unknown_scheme_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["corpus", "stories", "--db", "mysql://u@h/db"])
    assert result.exit_code == 2
    assert "unknown database scheme 'mysql'" in result.output
