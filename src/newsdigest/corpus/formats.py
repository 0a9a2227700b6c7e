"""Query results as people and programs read them: a table, JSON (a list of objects) or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any, Literal

RowFormat = Literal["table", "json", "csv"]
ROW_FORMATS: tuple[RowFormat, ...] = ("table", "json", "csv")
# Widest cell of a table, in characters; longer values are cut with an ellipsis.
CELL_WIDTH = 60


def render_rows(rows: Sequence[dict[str, Any]], fmt: RowFormat) -> str:
    """The rows of a query in a format.

    rows (Sequence[dict]): flat rows, all with the same keys.
    fmt (RowFormat): ``table`` (aligned columns, long cells cut), ``json`` (a list of
        objects, every value whole) or ``csv`` (a header row; lists and objects as JSON).
    RETURNS (str): the text, ending with a newline (empty for a table without rows).
    """
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(rows)
    return _table(rows)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def _csv(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(rows[0]))
    for row in rows:
        writer.writerow(_cell(v) if isinstance(v, list | dict) else v for v in row.values())
    return buffer.getvalue()


def _table(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return ""
    header = list(rows[0])
    cells = [[_short(" ".join(_cell(row[k]).split())) for k in header] for row in rows]
    widths = [max(len(h), *(len(line[i]) for line in cells)) for i, h in enumerate(header)]
    lines = [header, ["-" * w for w in widths], *cells]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() + "\n"
        for line in lines
    )


def _short(text: str) -> str:
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"
