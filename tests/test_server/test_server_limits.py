"""Saturation (503), runaway stories (504), recovery and CORS, on a server with tiny limits.

The long stories last as long as the test says (see ``gated_pipeline.py``): a held story
waits for a file the test creates, a runaway one never finishes. No assertion depends on
the machine's speed: the only clock is the server's timeout, and what the tests do within
it (an HTTP round trip, a two-sentence story) takes a small fraction of it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from gated_pipeline import BLOCK
from server_process import GATED_LAUNCH, RunningServer

from helpers import EXAMPLE_PUBLISHED

TIMEOUT = 5.0
MAX_QUEUE = 4
EDITOR_ORIGIN = "http://editor.test"
SHORT = "The council met on Monday."

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def limited(output_dir: Path) -> Iterator[RunningServer]:
    """One worker, a line of four, a 5 s timeout, and CORS for one origin."""
    config = {
        "workers": 1,
        "max_queue": MAX_QUEUE,
        "timeout": TIMEOUT,
        "cors_origins": [EDITOR_ORIGIN],
    }
    running = RunningServer(
        [json.dumps(config)], output_dir / "limited-server.log", launch=GATED_LAUNCH
    )
    yield running
    running.stop()


@pytest.fixture()
def http(limited: RunningServer) -> Iterator[httpx.Client]:
    limited.wait_until_ready()
    with httpx.Client(base_url=limited.url, timeout=120) as client:
        yield client


def held(gate: Path) -> dict[str, str]:
    """A story that is digested only once ``gate`` exists."""
    return {"text": f"{SHORT} GATE {gate}", "published": EXAMPLE_PUBLISHED}


def post(pool: ThreadPoolExecutor, url: str, payload: dict[str, Any]) -> Future[httpx.Response]:
    def send() -> httpx.Response:
        with httpx.Client(base_url=url, timeout=120) as client:
            return client.post("/v1/digest", json=payload)

    return pool.submit(send)


def wait_for_health(http: httpx.Client, **expected: int) -> dict[str, Any]:
    """Poll the health check until it reports ``expected`` (e.g. busy=1, queued=4)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        body: dict[str, Any] = http.get("/healthz").json()
        if all(body.get(name) == value for name, value in expected.items()):
            return body
        time.sleep(0.02)
    raise AssertionError(f"the health check never reported {expected}")


def test_requests_beyond_the_waiting_line_get_503_while_health_answers(
    http: httpx.Client, limited: RunningServer, tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    with ThreadPoolExecutor(1 + MAX_QUEUE) as pool:
        first = post(pool, limited.url, held(gate))
        wait_for_health(http, busy=1)
        waiting = [post(pool, limited.url, {"text": SHORT}) for _ in range(MAX_QUEUE)]
        health = wait_for_health(http, busy=1, queued=MAX_QUEUE)
        refused = http.post("/v1/digest", json={"text": SHORT})
        gate.touch()
        assert health["status"] == "ok" and health["idle"] == 0
        assert refused.status_code == 503
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["title"] == "Server saturated"
        assert refused.headers["retry-after"] == "1"
        assert first.result().status_code == 200
        assert [f.result().status_code for f in waiting] == [200] * MAX_QUEUE


def test_story_over_the_timeout_is_504_and_the_server_recovers(
    http: httpx.Client, limited: RunningServer
) -> None:
    started = time.monotonic()
    response = http.post("/v1/digest", json={"text": f"{SHORT} {BLOCK}"})
    elapsed = time.monotonic() - started
    assert response.status_code == 504
    body = response.json()
    assert body["title"] == "Digest timed out"
    assert "5 s" in body["detail"]
    assert elapsed >= TIMEOUT
    limited.wait_until_ready()
    after = http.post("/v1/digest", json={"text": SHORT, "published": "2026-03-11"})
    assert after.status_code == 200, after.text
    assert after.json()["dates"][0]["value"] == "2026-03-09"


def test_a_runaway_story_digested_with_others_fails_alone(
    http: httpx.Client, limited: RunningServer, tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    stories = [f"{SHORT} Story {i}." for i in range(MAX_QUEUE - 1)]
    stories.insert(1, f"{SHORT} {BLOCK}")
    with ThreadPoolExecutor(1 + MAX_QUEUE) as pool:
        first = post(pool, limited.url, held(gate))
        wait_for_health(http, busy=1)
        batch = [post(pool, limited.url, {"text": story}) for story in stories]
        wait_for_health(http, busy=1, queued=MAX_QUEUE)
        gate.touch()  # the worker takes the four waiting stories together
        assert first.result().status_code == 200
        statuses = [f.result().status_code for f in batch]
        texts = [f.result().json().get("text") for f in batch]
    assert statuses == [200, 504, 200, 200]
    assert [texts[i] for i in (0, 2, 3)] == [stories[i] for i in (0, 2, 3)]


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
