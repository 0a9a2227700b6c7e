"""Helpers for the batch tests: small corpora written by the tests, and the CLI as a subprocess."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsdigest.model import Article
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings

CLI = "import sys; from newsdigest.cli import main; sys.exit(main())"


def story(i: int) -> str:
    """A short story of our own, different for every ``i``."""
    return (
        f"Riverton council approves plan number {i} for the river park.\n\n"
        f"The council of Riverton voted {i % 9 + 3} to 2 on Tuesday to fund the park. "
        f"Mayor Ana Ruiz said the vote was a turning point for the town.\n\n"
        f"Work on the {i % 5 + 1} new paths will start next month, officials said."
    )


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def out_ids(path: Path) -> list[str]:
    return [row["article"]["id"] for row in read_jsonl(path)]


class _CrashingPipeline(Pipeline):
    """Kills its own process on a story that says CRASH, as a crash in native code would."""

    def check(self, article: Article) -> Article:
        if "CRASH" in article.text:
            os._exit(3)
        return super().check(article)


def crashing_pipeline(settings: Settings) -> Pipeline:
    """A pipeline factory for the worker-death test (importable by the worker processes)."""
    return _CrashingPipeline(settings)


BLOCK = "BLOCK"


class _BlockingPipeline(Pipeline):
    """Never finishes a story that says BLOCK, as a runaway regular expression would not."""

    def check(self, article: Article) -> Article:
        if BLOCK in article.text:
            threading.Event().wait()
        return super().check(article)


def blocking_pipeline(settings: Settings) -> Pipeline:
    """A pipeline factory for the time-limit tests (importable by the worker processes)."""
    return _BlockingPipeline(settings)
