"""Fixtures: a real ``newsdigest serve`` on a loopback port, started and stopped by the tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server_process import RunningServer


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """``test-output/server`` in the checkout (git-ignored): logs and screenshots to look at."""
    path = Path(__file__).resolve().parents[2] / "test-output" / "server"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def server(output_dir: Path) -> Iterator[RunningServer]:
    """One worker, small limits so the limit tests stay fast."""
    running = RunningServer(
        ["--workers", "1", "--max-body", "64KB", "--max-chars", "20000"],
        output_dir / "server.log",
    )
    yield running
    running.stop()


@pytest.fixture()
def client(server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=300) as http:
        yield http
