"""The worker bootstrap every engine shares: cores, thread limits and the warm-up."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

import pytest

from newsdigest.model import Article, Digest
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings
from newsdigest.worker import (
    SINGLE_THREAD_ENV,
    WARM_UP_STORY,
    bootstrap,
    single_threaded_children,
    usable_cores,
)


def affinity() -> int:
    return len(os.sched_getaffinity(0))


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({}, None),
        ({"cpu.max": "max 100000\n"}, None),
        ({"cpu.max": "100000 100000\n"}, 1),
        ({"cpu.max": "150000 100000\n"}, 1),  # one and a half CPUs: one worker
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1),
    ],
)
def test_usable_cores_heed_a_container_quota(
    tmp_path: Path, files: dict[str, str], expected: int | None
) -> None:
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    assert usable_cores(tmp_path) == (expected or affinity())


def test_a_quota_above_the_affinity_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "cpu.max").write_text(f"{(affinity() + 8) * 100000} 100000\n")
    assert usable_cores(tmp_path) == affinity()


def test_children_get_one_thread_unless_the_user_chose(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SINGLE_THREAD_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    with single_threaded_children():
        assert os.environ["OMP_NUM_THREADS"] == "3"
        assert os.environ["OPENBLAS_NUM_THREADS"] == os.environ["MKL_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "3"
    assert "OPENBLAS_NUM_THREADS" not in os.environ and "MKL_NUM_THREADS" not in os.environ


class _Recording(Pipeline):
    seen: ClassVar[list[tuple[str, Any]]] = []

    def __call__(self, article: Article, *, only: Any = None) -> Digest:
        self.seen.append((article.text, only))
        return super().__call__(article, only=only)


def test_bootstrap_warms_up_on_our_story_with_the_sections_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in SINGLE_THREAD_ENV:
        monkeypatch.delenv(name, raising=False)
    _Recording.seen.clear()
    state = bootstrap(Settings(), factory=_Recording, only=("dates",))
    assert _Recording.seen == [(WARM_UP_STORY, ("dates",))]
    assert isinstance(state.pipeline(), _Recording)
    assert state.pipeline() is state.pipeline()
    assert all(os.environ[name] == "1" for name in SINGLE_THREAD_ENV)
