"""NEWSDIGEST_* environment variables set the options of ``serve`` and ``batch``."""

from __future__ import annotations

import json
from pathlib import Path

import click
import httpx
import pytest

from helpers import REPO, run_newsdigest
from newsdigest.cli import cli
from test_server.server_process import RunningServer

STORIES = [
    {"id": "one", "text": "The council met on Tuesday, March 10, 2026, to vote on the ferry."},
    {"id": "two", "text": "The ferry will stop running on April 1, the mayor said on Monday."},
]


def environment_variables(command: str) -> list[str]:
    """The variables click reads for the options of ``newsdigest COMMAND``."""
    found = cli.commands[command]
    return [
        str(param.envvar or f"NEWSDIGEST_{command.upper()}_{param.name.upper()}")
        for param in found.params
        if isinstance(param, click.Option) and param.name and param.expose_value
    ]


def _write_records(path: Path) -> Path:
    path.write_text("".join(json.dumps(story) + "\n" for story in STORIES), encoding="utf-8")
    return path


def _read_digests(path: Path) -> dict[str, dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["article"]["id"]: json.loads(line) for line in lines}


def test_batch_reads_its_options_from_the_environment(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_newsdigest(
        "batch",
        str(_write_records(tmp_path / "in.jsonl")),
        env={
            "NEWSDIGEST_BATCH_OUT": str(out),
            "NEWSDIGEST_BATCH_WORKERS": "1",
            "NEWSDIGEST_BATCH_ONLY": "dates",
            "NEWSDIGEST_BATCH_NO_TEXT": "true",
            "NEWSDIGEST_BATCH_SHOW_BAR": "false",
        },
    )
    assert result.returncode == 0, result.stderr
    digests = _read_digests(out)
    assert set(digests) == {"one", "two"}
    for digest in digests.values():
        assert digest["dates"]
        assert "highlights" not in digest and "quotes" not in digest
        assert "text" not in digest["article"]  # type: ignore[operator]


def test_an_option_given_on_the_command_line_wins_over_its_variable(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_newsdigest(
        "batch",
        str(_write_records(tmp_path / "in.jsonl")),
        "--only",
        "highlights",
        "--out",
        str(out),
        env={
            "NEWSDIGEST_BATCH_OUT": str(tmp_path / "elsewhere.jsonl"),
            "NEWSDIGEST_BATCH_WORKERS": "1",
            "NEWSDIGEST_BATCH_ONLY": "dates",
        },
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "elsewhere.jsonl").exists()
    for digest in _read_digests(out).values():
        assert "highlights" in digest and "dates" not in digest


def test_a_bad_value_in_a_variable_is_a_usage_error(tmp_path: Path) -> None:
    result = run_newsdigest(
        "batch",
        str(_write_records(tmp_path / "in.jsonl")),
        "--out",
        str(tmp_path / "out.jsonl"),
        env={"NEWSDIGEST_BATCH_WORKERS": "none"},
    )
    assert result.returncode == 2
    assert "--workers" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_serve_reads_its_options_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDIGEST_SERVE_WORKERS", "1")
    monkeypatch.setenv("NEWSDIGEST_SERVE_MAX_BODY", "1KB")
    server = RunningServer([], tmp_path / "server.log")
    try:
        assert "with 1 workers" in server.log()
        response = httpx.post(
            f"{server.url}/v1/digest",
            content="The council met. " * 100,
            headers={"content-type": "text/plain"},
            timeout=60,
        )
        assert response.status_code == 413
    finally:
        server.stop()


@pytest.mark.parametrize("command", ["serve", "batch"])
def test_every_variable_of_serve_and_batch_is_documented(command: str) -> None:
    docs = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [name for name in environment_variables(command) if f"`{name}`" not in docs]
    assert not missing, f"document in docs/cli.md: {missing}"
