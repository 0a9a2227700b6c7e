"""Stories of our own for the corpus tests, their digests, and the CLI as a subprocess."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import threading
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from newsdigest import load
from newsdigest.model import Article
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings

CLI = "import sys; from newsdigest.cli import main; sys.exit(main())"
BLOCK = "BLOCK-THIS-RECORD"

# (id, outlet, published, text): short stories written for these tests.
STORIES: tuple[tuple[str, str, str, str], ...] = (
    (
        "harbour-1",
        "Harbour Gazette",
        "2025-03-04",
        "Harbour Falls council delays ferry vote\n\n"
        "The Harbour Falls city council on Monday postponed a vote on the new ferry terminal. "
        '"We need a flood study before we decide," Mayor Elena Marsh said. '
        "Councillor Raj Patel said the delay would cost the town a season of tourism.\n\n"
        "The terminal was first proposed in May 2023, and a vote is now expected in April.",
    ),
    (
        "harbour-2",
        "Coast Courier",
        "2025-03-05",
        "Ferry terminal vote put off in Harbour Falls\n\n"
        "Mayor Elena Marsh told reporters on Tuesday that the council would wait for engineers. "
        '"Nobody wants homes under water," Marsh said. '
        "Resident Tom Lindqvist said he was relieved by the decision.",
    ),
    (
        "school-1",
        "Valley Times",
        "2025-04-10",
        "Riverton school board approves new library\n\n"
        "The Riverton school board voted 5 to 2 on Wednesday to build a library at Oak Street "
        'School. "Children deserve a quiet place to read," board chair Nadia Chen said. '
        "Construction will begin in June 2025, officials said.",
    ),
    (
        "school-2",
        "Harbour Gazette",
        "2025-04-12",
        "Library plan divides Riverton parents\n\n"
        "Parents packed the gym at Oak Street School on Friday. "
        '"The money should go to teachers," parent Omar Farouk said. '
        "Nadia Chen said the board would publish the full budget next week.",
    ),
    (
        "storm-1",
        "Coast Courier",
        "2024-11-20",
        "Storm cuts power to 4,000 homes in Bayside\n\n"
        "A storm on Tuesday night left 4,000 homes in Bayside without power. "
        '"Crews will work through the night," utility spokeswoman Laura Kim said. '
        "Power should return by Thursday, she added.",
    ),
    (
        "undated-1",
        "Valley Times",
        "",
        "Volunteers clean up Mill Creek\n\n"
        "About 60 volunteers collected rubbish along Mill Creek on Saturday. "
        '"It was a good day for the creek," organiser Ben Okoro said.',
    ),
)


def records(**changes: Any) -> list[dict[str, Any]]:
    """The stories as JSONL records (``id``, ``text``, ``outlet``, ``published``)."""
    found = []
    for story_id, outlet, published, text in STORIES:
        row = {"id": story_id, "text": text, "outlet": outlet, "published": published or None}
        row.update(changes)
        found.append(row)
    return found


@cache
def _digests() -> tuple[str, ...]:
    pipeline = Pipeline(Settings())
    return tuple(json.dumps(pipeline(load(row)).to_dict()) for row in records())


def digests() -> list[dict[str, Any]]:
    """The stories' ``newsdigest/1`` digests (made once per test session; fresh copies)."""
    return [json.loads(line) for line in _digests()]


def changed(digest: dict[str, Any]) -> dict[str, Any]:
    """A new version of a digest: another title, one quote fewer, one highlight more."""
    data = copy.deepcopy(digest)
    data["article"]["title"] = "Updated: " + str(data["article"].get("title"))
    data["quotes"] = data["quotes"][1:]
    data["highlights"] = [*data["highlights"], {"text": "A new bullet.", "spans": [[0, 5]]}]
    return data


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> Path:
    """Write rows as JSON lines; RETURNS the path."""
    with path.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def run_cli(*args: str, timeout: float = 240, env: dict[str, str] | None = None) -> Any:
    """``newsdigest ARGS...`` in a fresh interpreter; RETURNS the completed process."""
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


class _BlockingPipeline(Pipeline):
    """Never finishes a story that holds :data:`BLOCK`, as a runaway story would."""

    def check(self, article: Article) -> Article:
        if BLOCK in article.text:
            threading.Event().wait()
        return super().check(article)


def blocking_pipeline(settings: Settings) -> Pipeline:
    """A pipeline factory for the time-limit test (importable by the worker processes)."""
    return _BlockingPipeline(settings)
