"""The store's item tables, derived from the JSON Schema of the ``newsdigest/1`` contract.

Each section of a digest gets a table with one row per item (the ``timeline`` section's
table is ``events``); the article's fields become columns of ``versions``. Nothing here
names a field of an item: the columns come from each item's schema fragment (which the
section registry declares), so a field added to the contract becomes a column, and
``corpus migrate`` adds it to an existing database. The same derivation gives the
Parquet columns (:mod:`newsdigest.corpus.export`).

Property schema -> columns: a span ``[start, end]`` (nullable or not) -> two integer
columns ``NAME_start``, ``NAME_end``; a string (``format: date`` -> a date), integer,
number or boolean -> one column of that type; anything else (lists, objects) -> JSON text.
The entities' ``mentions`` go to a table of their own (``mentions``, one row per mention),
which the people and timeline queries join.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from newsdigest.schema import json_schema

Kind = Literal["text", "date", "integer", "real", "bool", "json", "span"]
Json = dict[str, Any]

# Tables whose name is not the section's.
TABLE_NAMES: dict[str, str] = {"timeline": "events"}
# Span lists that get a table of their own: (section, property) -> table.
CHILD_TABLES: dict[tuple[str, str], str] = {("entities", "mentions"): "mentions"}
# Columns the corpus links fill in (see docs/corpus-links.md), beside the derived ones.
CORPUS_COLUMNS: dict[str, tuple[str, ...]] = {"entities": ("corpus_id",)}
# Article fields that are not version columns: the id is the story's, the links keep the rest.
NOT_VERSION_FIELDS = ("id", "cluster", "duplicate_of")


@dataclass(frozen=True, slots=True)
class Field:
    """One property of an item and the column(s) that hold it.

    name (str): the JSON property.
    kind (Kind): how it is stored.
    required (bool): whether every item has it (an absent optional one is left out on read).
    schema (Json): the property's schema fragment.
    """

    name: str
    kind: Kind
    required: bool
    schema: Json = field(compare=False, repr=False)

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names: two for a span, else the property's own name."""
        if self.kind == "span":
            return (f"{self.name}_start", f"{self.name}_end")
        return (self.name,)

    def typed_columns(self) -> list[tuple[str, Kind]]:
        """The column names with the kind of value each holds."""
        kind: Kind = "integer" if self.kind == "span" else self.kind
        return [(name, kind) for name in self.columns]

    def values(self, item: Mapping[str, Any]) -> tuple[Any, ...]:
        """The column values of this property of ``item``."""
        value = item.get(self.name)
        if self.kind == "span":
            return (None, None) if value is None else (int(value[0]), int(value[1]))
        if value is None:
            return (None,)
        if self.kind == "json":
            return (json.dumps(value, ensure_ascii=False, separators=(",", ":")),)
        if self.kind == "bool":
            return (bool(value),)
        return (value,)

    def read(self, row: Mapping[str, Any]) -> Any:
        """The property's JSON value from a database row."""
        if self.kind == "span":
            start, end = (row[c] for c in self.columns)
            return None if start is None else [start, end]
        value = row[self.name]
        if value is None:
            return None
        if self.kind == "json":
            return json.loads(value)
        if self.kind == "bool":
            return bool(value)
        if self.kind == "date" and isinstance(value, dt.date):
            return value.isoformat()
        return value


@dataclass(frozen=True, slots=True)
class ChildTable:
    """A list of spans of an item kept as rows: ``(version_id, item, idx, start, end)``."""

    table: str
    field: str


@dataclass(frozen=True, slots=True)
class ItemTable:
    """The table of one section: ``version_id``, ``idx`` (the item's place), then its fields.

    section (str): the section's name in the contract.
    table (str): the table's name.
    fields (tuple[Field, ...]): the item's properties kept as columns.
    child (ChildTable | None): a span list kept in a table of its own.
    extra (tuple[str, ...]): text columns the corpus links fill in.
    """

    section: str
    table: str
    fields: tuple[Field, ...]
    child: ChildTable | None = None
    extra: tuple[str, ...] = ()

    def columns(self) -> list[tuple[str, Kind]]:
        """Every derived column with its kind, in table order (without the key columns)."""
        found: list[tuple[str, Kind]] = []
        for f in self.stored():
            found.extend(f.typed_columns())
        found.extend((name, "text") for name in self.extra)
        return found

    def stored(self) -> tuple[Field, ...]:
        """The fields kept as columns of this table (a child table's field is not)."""
        child = self.child.field if self.child else None
        return tuple(f for f in self.fields if f.name != child)

    def column_names(self) -> list[str]:
        """The names of :meth:`columns`."""
        return [name for name, _ in self.columns()]

    def row(self, item: Mapping[str, Any]) -> tuple[Any, ...]:
        """The column values of one item, in :meth:`columns` order."""
        values: list[Any] = []
        for f in self.stored():
            values.extend(f.values(item))
        values.extend(item.get(name) for name in self.extra)
        return tuple(values)

    def item(self, row: Mapping[str, Any], children: Sequence[Sequence[int]] = ()) -> Json:
        """The item's JSON object from its row (and its child spans, if it has a child table)."""
        data: Json = {}
        for f in self.fields:
            if self.child is not None and f.name == self.child.field:
                data[f.name] = [list(pair) for pair in children]
                continue
            value = f.read(row)
            if value is not None or f.required:
                data[f.name] = value
        for name in self.extra:
            data[name] = row[name]
        return data


def kind_of(spec: Json) -> Kind:
    """How a property with this schema fragment is stored."""
    if is_span(spec) or any(is_span(option) for option in spec.get("anyOf", ())):
        return "span"
    if "enum" in spec and all(isinstance(v, str) for v in spec["enum"] if v is not None):
        return "text"
    raw = spec.get("type")
    types = {raw} if isinstance(raw, str) else set(raw or ())
    types.discard("null")
    if types == {"string"}:
        return "date" if spec.get("format") == "date" else "text"
    if types == {"integer"}:
        return "integer"
    if types == {"number"}:
        return "real"
    if types == {"boolean"}:
        return "bool"
    return "json"


def is_span(spec: Json) -> bool:
    """Whether a schema fragment is a ``[start, end]`` pair of offsets."""
    return (
        spec.get("type") == "array"
        and spec.get("minItems") == 2
        and spec.get("maxItems") == 2
        and spec.get("items", {}).get("type") == "integer"
    )


def _fields(schema: Json, skip: Sequence[str] = ()) -> tuple[Field, ...]:
    required = set(schema.get("required", ()))
    return tuple(
        Field(name, kind_of(spec), name in required, spec)
        for name, spec in schema["properties"].items()
        if name not in skip
    )


@cache
def item_tables() -> tuple[ItemTable, ...]:
    """One table per section of the contract, in the contract's order."""
    properties = json_schema()["properties"]
    tables = []
    for name, spec in properties.items():
        if spec.get("type") != "array" or spec.get("items", {}).get("type") != "object":
            continue
        extra = CORPUS_COLUMNS.get(name, ())
        fields = _fields(spec["items"], skip=extra)
        child = next(
            (ChildTable(table, prop) for (sec, prop), table in CHILD_TABLES.items() if sec == name),
            None,
        )
        tables.append(ItemTable(name, TABLE_NAMES.get(name, name), fields, child, extra))
    return tuple(tables)


@cache
def article_fields() -> tuple[Field, ...]:
    """The article's properties kept as columns of ``versions`` (all but the id)."""
    return _fields(json_schema()["properties"]["article"], skip=NOT_VERSION_FIELDS)


def section_table(section: str) -> ItemTable:
    """The table of a section by the section's name."""
    for table in item_tables():
        if table.section == section:
            return table
    raise KeyError(section)


def section_names() -> tuple[str, ...]:
    """The sections of the contract, in order."""
    return tuple(t.section for t in item_tables())
