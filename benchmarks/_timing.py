"""What the benchmarks share: the development articles and a best-of-rounds timer."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path


def load_articles(shared: Path, limit: int) -> list[str]:
    """The first ``limit`` CNN/Daily Mail dev articles of ``shared``/data."""
    path = shared / "data" / "cnndm_dev.jsonl"
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["article"] for line in lines][:limit]


def best_seconds(run: Callable[[str], object], texts: list[str], rounds: int) -> float:
    """Seconds of the fastest of ``rounds`` passes of ``run`` over ``texts``.

    The machine is shared and noisy; the fastest pass is the least disturbed one.
    """
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - started)
    return best
