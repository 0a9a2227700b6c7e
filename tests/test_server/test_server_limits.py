"""Saturation (503), runaway stories (504), recovery and CORS, on a server with tiny limits."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from server_process import RunningServer

from helpers import EXAMPLE_PUBLISHED

TIMEOUT = 2.0
EDITOR_ORIGIN = "http://editor.test"


@pytest.fixture(scope="module")
def limited(output_dir: Path) -> Iterator[RunningServer]:
    """One worker, no waiting line, a 2 s timeout, and CORS for one origin."""
    running = RunningServer(
        ["--workers", "1", "--max-queue", "0", "--timeout", str(TIMEOUT), "--cors", EDITOR_ORIGIN],
        output_dir / "limited-server.log",
    )
    yield running
    running.stop()


@pytest.fixture()
def http(limited: RunningServer) -> Iterator[httpx.Client]:
    limited.wait_until_ready()
    with httpx.Client(base_url=limited.url, timeout=60) as client:
        yield client


def slow_story(example_story: str) -> dict[str, str]:
    """A story long enough to take several times the timeout (about 100,000 characters)."""
    return {"text": (example_story + "\n\n") * 50, "published": EXAMPLE_PUBLISHED}


def start_slow_request(
    pool: ThreadPoolExecutor, limited: RunningServer, example_story: str
) -> Future[httpx.Response]:
    def post() -> httpx.Response:
        with httpx.Client(base_url=limited.url, timeout=60) as client:
            return client.post("/v1/digest", json=slow_story(example_story))

    return pool.submit(post)


def wait_until_busy(http: httpx.Client) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if http.get("/healthz").json().get("busy") == 1:
            return
        time.sleep(0.02)
    raise AssertionError("the slow story never reached the worker")


def test_request_beyond_the_waiting_line_is_503(
    http: httpx.Client, limited: RunningServer, example_story: str
) -> None:
    with ThreadPoolExecutor(1) as pool:
        slow = start_slow_request(pool, limited, example_story)
        wait_until_busy(http)
        refused = http.post("/v1/digest", json={"text": "The council met on Monday."})
        assert refused.status_code == 503
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["title"] == "Server saturated"
        assert refused.headers["retry-after"] == "1"
        assert slow.result().status_code == 504


def test_story_over_the_timeout_is_504_and_the_server_recovers(
    http: httpx.Client, limited: RunningServer, example_story: str
) -> None:
    with ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        slow = start_slow_request(pool, limited, example_story)
        wait_until_busy(http)
        before = time.monotonic()
        health = http.get("/healthz")
        assert health.status_code == 200
        assert time.monotonic() - before < 1.0, "a long story blocked the health check"
        response = slow.result()
        elapsed = time.monotonic() - started
    assert response.status_code == 504
    body = response.json()
    assert body["title"] == "Digest timed out"
    assert "2 s" in body["detail"]
    assert elapsed < TIMEOUT + 5, "the runaway story was not abandoned at the timeout"
    limited.wait_until_ready()
    after = http.post(
        "/v1/digest", json={"text": "The council met on Monday.", "published": "2026-03-11"}
    )
    assert after.status_code == 200, after.text
    assert after.json()["dates"][0]["value"] == "2026-03-09"


def test_cors_allows_only_the_configured_origin(http: httpx.Client) -> None:
    allowed = http.get("/healthz", headers={"Origin": EDITOR_ORIGIN})
    assert allowed.headers["access-control-allow-origin"] == EDITOR_ORIGIN
    preflight = http.options(
        "/v1/digest",
        headers={"Origin": EDITOR_ORIGIN, "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
    other = http.get("/healthz", headers={"Origin": "http://elsewhere.test"})
    assert "access-control-allow-origin" not in other.headers
