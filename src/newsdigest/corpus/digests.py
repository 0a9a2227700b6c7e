"""Stored digests read back: ``corpus show``, the JSONL export, and what changed between
versions (``corpus show ID --changes``).

A stored digest is the ``newsdigest/1`` digest that was added, rebuilt from the item tables,
plus the corpus fields: ``article.cluster`` and ``article.duplicate_of`` (from the links;
null until a story is linked) and each entity's ``corpus_id``.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsdigest.corpus.database import Database, Row
from newsdigest.corpus.errors import UnknownStory
from newsdigest.corpus.queries import checked
from newsdigest.corpus.store import Store
from newsdigest.corpus.tables import article_fields, item_tables
from newsdigest.model import SCHEMA, Digest
from newsdigest.sections import SECTIONS

Json = dict[str, Any]
# Versions whose items are read with one query per table.
BATCH = 200


def version_columns() -> str:
    """The columns of ``versions`` a stored digest is rebuilt from (``v`` alias)."""
    article = [f"v.{name}" for f in article_fields() for name in f.columns]
    fixed = ["v.id", "v.story_id", "v.number", "v.added", "v.sections", "v.text"]
    return ", ".join([*fixed, *article, "l.cluster_id", "l.duplicate_of"])


VERSION_JOIN = "LEFT JOIN story_links l ON l.story_id = v.story_id"


def _items(db: Database, version_ids: Sequence[int]) -> dict[int, dict[str, list[Json]]]:
    """The items of every section of these versions, in order."""
    found: dict[int, dict[str, list[Json]]] = {v: {} for v in version_ids}
    marks = ", ".join("?" * len(version_ids))
    for table in item_tables():
        children: dict[tuple[int, int], list[list[int]]] = {}
        if table.child is not None:
            for row in db.rows(
                f"SELECT version_id, item, span_start, span_end FROM {table.child.table} "
                f"WHERE version_id IN ({marks}) ORDER BY version_id, item, idx",
                version_ids,
            ):
                key = (row["version_id"], row["item"])
                children.setdefault(key, []).append([row["span_start"], row["span_end"]])
        columns = ", ".join(["version_id", "idx", *table.column_names()])
        for row in db.rows(
            f"SELECT {columns} FROM {table.table} WHERE version_id IN ({marks}) "
            "ORDER BY version_id, idx",
            version_ids,
        ):
            spans = children.get((row["version_id"], row["idx"]), [])
            item = table.item(row, spans)
            found[row["version_id"]].setdefault(table.section, []).append(item)
    return found


def _digest(version: Row, items: dict[str, list[Json]]) -> Json:
    article: Json = {"id": version["story_id"]}
    for field in article_fields():
        value = field.read(version)
        if value is not None or field.required:
            article[field.name] = value
    article["cluster"] = version["cluster_id"]
    article["duplicate_of"] = version["duplicate_of"]
    data: Json = {"schema": SCHEMA, "article": article}
    if version["text"] is not None:
        data["text"] = version["text"]
    for section in json.loads(version["sections"]):
        data[section] = items.get(section, [])
    return data


def rebuild(db: Database, versions: Iterable[Row]) -> Iterator[tuple[Row, Json]]:
    """Each version row (of :func:`version_columns`) with its stored digest, in order."""
    batch: list[Row] = []
    for version in versions:
        batch.append(version)
        if len(batch) == BATCH:
            yield from _rebuild_batch(db, batch)
            batch = []
    if batch:
        yield from _rebuild_batch(db, batch)


def _rebuild_batch(db: Database, batch: list[Row]) -> Iterator[tuple[Row, Json]]:
    items = _items(db, [v["id"] for v in batch])
    for version in batch:
        yield version, _digest(version, items[version["id"]])


def show(store: Store, story_id: str, *, version: int | None = None) -> Json:
    """A story's stored digest: its current version, or version number ``version``.

    store (Store): the corpus.
    story_id (str): the story's id.
    version (int | None): a version number (1 is the first); None for the current one.
    RETURNS (Json): the ``newsdigest/1`` digest with the corpus fields; raises
        :class:`UnknownStory` when there is no such story or version.
    """
    db = store.db
    checked(story_id, "story id")
    params: list[Any]
    if version is None:
        condition, params = "v.id = (SELECT current FROM stories WHERE id = ?)", [story_id]
    else:
        condition, params = "v.story_id = ? AND v.number = ?", [story_id, version]
    with db.snapshot():
        rows = db.rows(
            f"SELECT {version_columns()} FROM versions v {VERSION_JOIN} WHERE {condition}", params
        )
        if not rows:
            which = "" if version is None else f" version {version}"
            raise UnknownStory(f"no story {story_id!r}{which} in {db.url.display()}")
        return next(rebuild(db, rows))[1]


def changes(store: Store, story_id: str) -> list[Row]:
    """What changed from each version of a story to the next.

    store (Store): the corpus.
    story_id (str): the story's id.
    RETURNS (list[Row]): ``from``, ``to`` (version numbers), ``added`` (when the later
        version was stored), ``section`` (``article``, ``text`` or a section name),
        ``change`` (``changed``, ``added``, ``removed``) and ``item`` (the field's old and
        new values, or the item as people read it); empty for a story with one version.
    """
    db = store.db
    checked(story_id, "story id")
    with db.snapshot():
        rows = db.rows(
            f"SELECT {version_columns()} FROM versions v {VERSION_JOIN} "
            "WHERE v.story_id = ? ORDER BY v.number",
            (story_id,),
        )
        if not rows:
            raise UnknownStory(f"no story {story_id!r} in {db.url.display()}")
        pairs = list(rebuild(db, rows))
    found: list[Row] = []
    for (old_row, old), (new_row, new) in itertools.pairwise(pairs):
        head = {"from": old_row["number"], "to": new_row["number"], "added": new_row["added"]}
        found += [{**head, **change} for change in _differences(old, new)]
    return found


def _differences(old: Json, new: Json) -> Iterator[Json]:
    for name in ("title", "published", "url", "outlet"):
        before, after = old["article"].get(name), new["article"].get(name)
        if before != after:
            yield {
                "section": "article",
                "change": "changed",
                "item": f"{name}: {before!r} -> {after!r}",
            }
    if old.get("text") != new.get("text"):
        sizes = f"{len(old.get('text') or '')} -> {len(new.get('text') or '')} characters"
        yield {"section": "text", "change": "changed", "item": sizes}
    before_lines, after_lines = section_lines(old), section_lines(new)
    for name in SECTIONS:
        before, after = before_lines.get(name, []), after_lines.get(name, [])
        removed = Counter(before) - Counter(after)
        added = Counter(after) - Counter(before)
        yield from _listed(name, "removed", before, removed)
        yield from _listed(name, "added", after, added)


def _listed(section: str, change: str, lines: list[str], counts: Counter[str]) -> Iterator[Json]:
    for line in lines:
        if counts[line] > 0:
            counts[line] -= 1
            yield {"section": section, "change": change, "item": line}


def section_lines(data: Json) -> dict[str, list[str]]:
    """Each section of a stored digest as people read it (the registry's views), one line
    per item: ``People: Ana Ruiz (Mayor) - 3 mentions``, ``Ana Ruiz: “...”``, ``date: ...``."""
    digest = Digest.from_dict(data, text=data.get("text") or "")
    found: dict[str, list[str]] = {}
    for name, section in SECTIONS.items():
        if name not in digest.sections:
            continue
        if section.lines is not None:
            found[name] = [
                f"{heading}: {line}" if heading else line
                for heading, lines in section.lines(digest)
                for line in lines
            ]
        elif section.marks is not None:
            found[name] = [
                f"{mark.label}: {digest.text[mark.span.start : mark.span.end]}"
                for mark in section.marks(digest)
            ]
    return found
