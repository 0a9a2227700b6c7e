"""Shared fixtures: the read-only development data beside the checkout, and small builders.

Property tests run derandomized by default (profile ``repeatable``): every run of
``make test`` tries the same examples, so a failure can be repeated exactly. ``make fuzz``
loads the ``fuzz`` profile instead: a random seed (printed, and given back with
``--hypothesis-seed``) and ``FUZZ_FACTOR`` times the examples of each test. A counterexample
it finds becomes an explicit ``@example`` of the test that found it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from helpers import EXAMPLE_STORY, SEED_STORY, SHARED

FUZZ_FACTOR = 10

# Deadlines and the too-slow health check measure the machine, not the code: both are off.
settings.register_profile(
    "repeatable",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    derandomize=False,
    max_examples=100 * FUZZ_FACTOR,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("repeatable")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under the fuzz profile, a test's own ``max_examples`` grows by ``FUZZ_FACTOR`` too."""
    if config.getoption("hypothesis_profile", None) != "fuzz":
        return
    seen: set[int] = set()
    for item in items:
        test = getattr(item, "obj", None)
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if own is None or id(test) in seen:
            continue
        seen.add(id(test))
        if own.max_examples != settings.default.max_examples:
            test._hypothesis_internal_use_settings = settings(  # type: ignore[union-attr]
                own, max_examples=own.max_examples * FUZZ_FACTOR
            )


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The development data; tests that need it skip cleanly where it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip("development data (../shared) is not available")
    return SHARED


@pytest.fixture(scope="session")
def seed_story(shared_dir: Path) -> str:
    """The story this project started from (published 2013-11-06, a Wednesday)."""
    if not SEED_STORY.is_file():
        pytest.skip("seed story is not available")
    return SEED_STORY.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_story() -> str:
    """The team's own example story (published 2026-03-11, a Wednesday)."""
    return EXAMPLE_STORY.read_text(encoding="utf-8")
