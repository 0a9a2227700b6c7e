"""``corpus export``: the current version of every story, as JSONL, CSV or Parquet.

- ``jsonl``: one stored digest per line (``newsdigest/1`` with the corpus fields), to a file.
- ``csv`` and ``parquet``: a folder with one table per section (``highlights``,
  ``entities``, ``quotes``, ``dates``, ``timeline``), one row per item, each row with the
  story's id, version, outlet and publication date and the item's fields, spans as
  ``NAME_start``/``NAME_end`` columns; a ``stories`` table (one row per story, with its
  text); and the corpus links' ``clusters`` and ``people``. The columns come from the same
  derivation as the store's tables (:mod:`newsdigest.corpus.tables`). In CSV, lists are
  JSON text; in Parquet they are typed lists.

Everything streams: memory does not grow with the corpus.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from newsdigest.corpus.database import Row
from newsdigest.corpus.digests import VERSION_JOIN, rebuild, version_columns
from newsdigest.corpus.queries import Window
from newsdigest.corpus.store import Store
from newsdigest.corpus.tables import Field, article_fields, is_span, item_tables
from newsdigest.errors import NoInput
from newsdigest.extras import require

ExportFormat = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv", "parquet")
# Rows held per table before they are written (Parquet: one row group).
FLUSH_ROWS = 5_000
Json = dict[str, Any]
# The type of an exported column: string, int, float, bool, date, json (a JSON text in
# both formats), or list<...> of those (a JSON text in CSV).
ColumnType = str
STORY_KEYS: tuple[tuple[str, ColumnType], ...] = (
    ("story_id", "string"),
    ("version", "int"),
    ("outlet", "string"),
    ("published", "date"),
)
LINK_TABLES: dict[str, tuple[tuple[str, ColumnType], ...]] = {
    "clusters": (
        ("cluster_id", "string"), ("first_story", "string"), ("label", "string"),
        ("size", "int"), ("first_published", "date"), ("last_published", "date"),
    ),
    "people": (
        ("corpus_id", "string"), ("type", "string"), ("name", "string"), ("gender", "string"),
        ("titles", "list<string>"), ("story_count", "int"), ("mention_count", "int"),
        ("first_story", "string"),
    ),
}  # fmt: skip


def column_type(schema: Json) -> ColumnType:
    """The exported type of a value with this JSON Schema fragment."""
    if is_span(schema):
        return "list<int>"
    options = [o for o in schema.get("anyOf", ()) if o.get("type") != "null"]
    if len(options) == 1:
        return column_type(options[0])
    raw = schema.get("type")
    types = {raw} if isinstance(raw, str) else set(raw or ())
    types.discard("null")
    if "enum" in schema and all(isinstance(v, str) for v in schema["enum"] if v is not None):
        return "string"
    simple = {"string": "string", "integer": "int", "number": "float", "boolean": "bool"}
    if len(types) == 1 and (kind := next(iter(types))) in simple:
        if kind == "string" and schema.get("format") == "date":
            return "date"
        return simple[kind]
    if types == {"array"}:
        inner = column_type(schema.get("items", {}))
        return f"list<{inner}>" if inner != "json" else "json"
    return "json"


def field_columns(f: Field) -> list[tuple[str, ColumnType]]:
    """The exported columns of one item field: a span is two integer columns."""
    if f.kind == "span":
        return [(name, "int") for name in f.columns]
    return [(f.name, column_type(f.schema))]


def field_values(f: Field, item: Json) -> list[Any]:
    """The exported values of one item field."""
    value = item.get(f.name)
    if f.kind == "span":
        return [None, None] if value is None else [value[0], value[1]]
    return [value]


@dataclass
class _Table:
    """One exported table: its columns, and the rows waiting to be written."""

    name: str
    columns: list[tuple[str, ColumnType]]
    rows: list[list[Any]] = field(default_factory=list)
    written: int = 0


class _Writer:
    """Writes tables as CSV or Parquet files in a folder."""

    def __init__(self, folder: Path, fmt: ExportFormat) -> None:
        self.folder, self.fmt = folder, fmt
        self._files: dict[str, Any] = {}
        self._pa: Any = None
        if fmt == "parquet":
            self._pa = require("pyarrow", purpose="corpus export --format parquet")

    def flush(self, table: _Table) -> None:
        if not table.rows and table.name in self._files:
            return
        if self.fmt == "csv":
            self._csv(table)
        else:
            self._parquet(table)
        table.written += len(table.rows)
        table.rows = []

    def _csv(self, table: _Table) -> None:
        if table.name not in self._files:
            stream = (self.folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="")
            writer = csv.writer(stream)
            writer.writerow([name for name, _ in table.columns])
            self._files[table.name] = (stream, writer)
        _, writer = self._files[table.name]
        for row in table.rows:
            writer.writerow(_csv_cell(v, t) for v, (_, t) in zip(row, table.columns, strict=True))

    def _parquet(self, table: _Table) -> None:
        pa = self._pa
        schema = pa.schema([pa.field(name, _arrow(pa, kind)) for name, kind in table.columns])
        if table.name not in self._files:
            parquet = require("pyarrow.parquet", purpose="corpus export --format parquet")
            self._files[table.name] = parquet.ParquetWriter(
                str(self.folder / f"{table.name}.parquet"), schema
            )
        columns = list(zip(*table.rows, strict=True)) if table.rows else [()] * len(table.columns)
        arrays = [
            pa.array([_arrow_value(v, kind) for v in values], type=_arrow(pa, kind))
            for values, (_, kind) in zip(columns, table.columns, strict=True)
        ]
        self._files[table.name].write_table(pa.Table.from_arrays(arrays, schema=schema))

    def close(self) -> None:
        for handle in self._files.values():
            if isinstance(handle, tuple):
                handle[0].close()
            else:
                handle.close()


def _csv_cell(value: Any, kind: ColumnType) -> Any:
    if value is None:
        return ""
    if kind == "json" or kind.startswith("list<"):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _arrow(pa: Any, kind: ColumnType) -> Any:
    if kind.startswith("list<"):
        return pa.list_(_arrow(pa, kind[len("list<") : -1]))
    return {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "json": pa.string(),
    }[kind]


def _arrow_value(value: Any, kind: ColumnType) -> Any:
    if value is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _stories(store: Store, window: Window | None) -> Iterator[tuple[Row, Json]]:
    conditions, params = (window or Window()).where()
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    versions = store.db.stream(
        f"SELECT {version_columns()}, s.versions AS version_count FROM stories s "
        f"JOIN versions v ON v.id = s.current {VERSION_JOIN} {where} ORDER BY s.id",
        params,
    )
    return rebuild(store.db, versions)


def export_jsonl(store: Store, stream: IO[str], *, window: Window | None = None) -> int:
    """Write one stored digest per line; RETURNS the number of stories written."""
    count = 0
    for _, data in _stories(store, window):
        stream.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count


def export_tables(
    store: Store, folder: Path, fmt: ExportFormat, *, window: Window | None = None
) -> dict[str, int]:
    """Write one CSV or Parquet file per table into ``folder``.

    store (Store): the corpus.
    folder (Path): created when missing; files of the same names are replaced.
    fmt (ExportFormat): ``csv`` or ``parquet``.
    window (Window): which stories (publication dates, outlet).
    RETURNS (dict[str, int]): rows written per table.
    """
    if folder.exists() and not folder.is_dir():
        raise NoInput(f"{folder} is a file: --out takes a folder for --format {fmt}")
    writer = _Writer(folder, fmt)  # first: a missing pyarrow must leave nothing behind
    folder.mkdir(parents=True, exist_ok=True)
    tables = _tables()
    try:
        for version, data in _stories(store, window):
            _add_story(tables, version, data)
            for table in tables.values():
                if len(table.rows) >= FLUSH_ROWS:
                    writer.flush(table)
        for name, columns in LINK_TABLES.items():
            table = tables[name]
            names = ", ".join(c for c, _ in columns)
            for row in store.db.stream(f"SELECT {names} FROM {name} ORDER BY 1"):
                table.rows.append([_link_value(row[c], t) for c, t in columns])
                if len(table.rows) >= FLUSH_ROWS:
                    writer.flush(table)
        for table in tables.values():
            writer.flush(table)
    finally:
        writer.close()
    return {name: table.written for name, table in tables.items()}


def _link_value(value: Any, kind: ColumnType) -> Any:
    return json.loads(value) if kind.startswith("list<") and value is not None else value


def _tables() -> dict[str, _Table]:
    story_columns: list[tuple[str, ColumnType]] = [*STORY_KEYS, ("versions", "int")]
    story_columns += [c for f in article_fields() if f.name not in ("outlet", "published")
                      for c in field_columns(f)]  # fmt: skip
    story_columns += [("cluster", "string"), ("duplicate_of", "string"), ("text", "string")]
    tables = {"stories": _Table("stories", story_columns)}
    for table in item_tables():
        columns: list[tuple[str, ColumnType]] = [*STORY_KEYS, ("idx", "int")]
        columns += [c for f in table.fields for c in field_columns(f)]
        columns += [(name, "string") for name in table.extra]
        tables[table.section] = _Table(table.section, columns)
    for name, link_columns in LINK_TABLES.items():
        tables[name] = _Table(name, list(link_columns))
    return tables


def _add_story(tables: dict[str, _Table], version: Row, data: Json) -> None:
    article = data["article"]
    keys = [article["id"], version["number"], article.get("outlet"), article.get("published")]
    story = [*keys, version["version_count"]]
    for f in article_fields():
        if f.name not in ("outlet", "published"):
            story += field_values(f, article)
    story += [article.get("cluster"), article.get("duplicate_of"), data.get("text")]
    tables["stories"].rows.append(story)
    for table in item_tables():
        for idx, item in enumerate(data.get(table.section, ())):
            row = [*keys, idx]
            for f in table.fields:
                row += field_values(f, item)
            row += [item.get(name) for name in table.extra]
            tables[table.section].rows.append(row)


def export(
    store: Store, fmt: ExportFormat, out: str | Path, *, window: Window | None = None
) -> dict[str, int]:
    """Export the corpus (see the module's docs).

    store (Store): the corpus.
    fmt (ExportFormat): ``jsonl``, ``csv`` or ``parquet``.
    out (str | Path): the JSONL file (``-`` for standard output), or the folder for the
        tables.
    window (Window): which stories (publication dates, outlet).
    RETURNS (dict[str, int]): rows written per table (``stories`` for JSONL).
    """
    if fmt == "jsonl":
        import sys

        if str(out) == "-":
            return {"stories": export_jsonl(store, sys.stdout, window=window)}
        with Path(out).open("w", encoding="utf-8") as stream:
            return {"stories": export_jsonl(store, stream, window=window)}
    return export_tables(store, Path(out), fmt, window=window)
