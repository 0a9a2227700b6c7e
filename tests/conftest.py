"""Shared fixtures: the read-only development data beside the checkout, and small builders."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import EXAMPLE_STORY, SEED_STORY, SHARED


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
