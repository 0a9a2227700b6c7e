"""The server's options: defaults, sizes, refusals, and the one-line error for a taken port."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from server_process import LAUNCH

from newsdigest.cli import cli, main
from newsdigest.cli.serve import ByteSize
from newsdigest.errors import ConfigError
from newsdigest.server import ServerConfig


def test_defaults_are_those_documented() -> None:
    config = ServerConfig()
    assert config.max_body == 2 * 1024 * 1024
    assert config.timeout == 30.0
    assert config.cors_origins == ()
    assert config.workers >= 1


@pytest.mark.parametrize(
    "changes",
    [{"workers": 0}, {"max_queue": -1}, {"max_body": 0}, {"timeout": 0}, {"timeout": -2.5}],
)
def test_unusable_values_are_refused(changes: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        ServerConfig(**changes)  # type: ignore[arg-type]


@given(st.integers(1, 10_000), st.sampled_from([("", 1), ("KB", 1024), ("mb", 1024**2)]))
def test_sizes_read_with_their_unit(number: int, unit: tuple[str, int]) -> None:
    assert ByteSize().convert(f"{number}{unit[0]}", None, None) == number * unit[1]


def test_help_shows_loopback_and_the_limits() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    for expected in ("127.0.0.1", "8000", "2MB", "30.0", "--cors", "--workers"):
        assert expected in result.output


def test_a_size_that_is_not_one_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["serve", "--max-body", "2 parsecs"])
    assert result.exit_code == 2
    assert "is not a size" in result.output


def test_a_taken_port_is_one_line_and_exit_78(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--port", str(port), "--workers", "1"])
    assert code == 78
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"cannot listen on 127.0.0.1:{port}" in err[0]


def test_a_server_that_cannot_start_says_why_in_one_line() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            LAUNCH,
            "serve",
            "--port",
            "0",
            "--workers",
            "1",
            "--pipeline",
            "no_such_pipeline",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 78, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("newsdigest: error")]
    assert len(errors) == 1 and "the server could not start" in errors[0]
