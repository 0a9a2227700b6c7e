"""What every scorer shares: reading gold JSONL, the even/odd split, precision and recall."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsdigest.errors import InputError, NoInput


def in_split(index: int, split: str) -> bool:
    """Whether the record at ``index`` (0-based) belongs to ``split``: all, even or odd."""
    return split == "all" or (index % 2 == 0) == (split == "even")


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for each non-blank line of a JSONL file.

    path (Path): the file; a missing one raises ``NoInput`` (exit 66), an unreadable one or a
        line that is not a JSON object raises ``InputError`` (exit 65) naming the line.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise NoInput(f"no gold file {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: a record must be a JSON object")
        yield number, record


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1, each x100 (0 where undefined)."""
    p = true_positives / predicted if predicted else 0.0
    r = true_positives / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f
