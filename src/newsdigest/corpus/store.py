"""The corpus store: digests kept as versions of their stories, one table per section.

    >>> from newsdigest.corpus import open_store
    >>> with open_store("news.db", write=True) as store:
    ...     store.add(digest.to_dict())
    'added'

A story is its id. Adding a digest whose content (text, title, date, url, outlet) equals
the story's current version does nothing; a changed one becomes a new version, the
current one, and the old versions stay. Each add is linked to the rest of the corpus
(clusters, duplicates, corpus people) in the same transaction, when the links are
described in :mod:`newsdigest.corpus.links`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal

from newsdigest.batch.output import id_key
from newsdigest.corpus import counts
from newsdigest.corpus.database import Database
from newsdigest.corpus.errors import StoreError
from newsdigest.corpus.index import NewStory
from newsdigest.corpus.linkindex import SQLLinkIndex
from newsdigest.corpus.links import link_story
from newsdigest.corpus.migrations import applied_version, check_schema, migrate
from newsdigest.corpus.tables import article_fields, item_tables
from newsdigest.corpus.url import DatabaseURL, parse_db_url
from newsdigest.errors import InputError
from newsdigest.model import SCHEMA, Digest

AddResult = Literal["added", "updated", "unchanged"]
Json = dict[str, Any]
# The article fields that make a story's content: a change in any makes a new version.
CONTENT_FIELDS = ("title", "published", "url", "outlet")


def open_database(url: DatabaseURL, *, create: bool) -> Database:
    """Connect to the database ``url`` names (see :mod:`newsdigest.corpus.url`)."""
    if url.kind == "postgresql":
        from newsdigest.corpus.postgres import PostgresDatabase

        return PostgresDatabase(url, create=create)
    from newsdigest.corpus.sqlite import SQLiteDatabase

    return SQLiteDatabase(url, create=create)


def open_store(db: str | DatabaseURL, *, write: bool = False) -> Store:
    """Open a corpus, checking that its schema is this newsdigest's.

    db (str | DatabaseURL): a ``--db`` value or a parsed one.
    write (bool): whether stories will be added; a new database is then set up (a missing
        SQLite file is created), while a read of a missing file raises ``NoDatabase``.
    RETURNS (Store): the open store; close it (or use it as a context manager).
    """
    url = parse_db_url(db) if isinstance(db, str) else db
    database = open_database(url, create=write)
    try:
        if write and applied_version(database) == 0:
            migrate(database)
        check_schema(database)
    except BaseException:
        database.close()
        raise
    return Store(database)


def content_hash(data: Mapping[str, Any]) -> str:
    """What identifies a story's content: its text and the article's title, date, url and
    outlet (for a digest without text: its sections instead)."""
    article = data.get("article") or {}
    body: Any = data.get("text")
    if body is None:
        body = {name: data.get(name) for name in sorted(data) if name not in ("article", "schema")}
    canonical = json.dumps([body, *(article.get(k) for k in CONTENT_FIELDS)], ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def story_key(story_id: str, input_hash: str) -> bytes:
    """The key under which a run remembers that a story's current version came from an input."""
    return id_key(f"{story_id}\0{input_hash}")


@dataclass(frozen=True, slots=True)
class Pending:
    """A digest waiting to be stored.

    data (Json): the ``newsdigest/1`` digest, with its text.
    input_hash (str | None): a hash of the input it was made from; None uses its content.
    """

    data: Json
    input_hash: str | None = None


class Store:
    """An open corpus.

    db (Database): the connection, whose schema has been checked.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.index = SQLLinkIndex(db)
        columns = [name for f in article_fields() for name in f.columns]
        names = ["story_id", "number", "added", "content_hash", "input_hash", "sections"]
        names += ["text", *columns]
        self._version_sql = (
            f"INSERT INTO versions ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        )
        self._item_sql = {
            t.section: f"INSERT INTO {t.table} (version_id, idx, {', '.join(t.column_names())}) "
            f"VALUES ({', '.join('?' * (len(t.column_names()) + 2))})"
            for t in item_tables()
        }

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def current_keys(self) -> set[bytes]:
        """:func:`story_key` of every story's current version (to skip unchanged inputs)."""
        rows = self.db.stream(
            "SELECT s.id, v.input_hash FROM stories s JOIN versions v ON v.id = s.current"
        )
        return {story_key(row["id"], row["input_hash"]) for row in rows}

    def current_inputs(self, story_ids: Sequence[str]) -> dict[str, str]:
        """The input hash of each story's current version (stories not stored left out)."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(story_ids))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            rows = self.db.rows(
                "SELECT s.id, v.input_hash FROM stories s JOIN versions v ON v.id = s.current "
                f"WHERE s.id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            found.update((row["id"], row["input_hash"]) for row in rows)
        return found

    def add(self, data: Json, *, input_hash: str | None = None) -> AddResult:
        """Store one digest as its story's current version, unless its content is unchanged.

        data (Json): a ``newsdigest/1`` digest with ``article.id`` and the text.
        input_hash (str | None): a hash of the input it was made from (see :meth:`add_many`).
        RETURNS (AddResult): ``added`` (a new story), ``updated`` (a new version) or
            ``unchanged``.
        """
        result = self.add_many([Pending(data, input_hash)])[0]
        if isinstance(result, Exception):
            raise result
        return result

    def add_many(self, batch: Sequence[Pending]) -> list[AddResult | InputError]:
        """Store digests in one transaction, linking them in order of publication.

        batch (Sequence[Pending]): the digests.
        RETURNS (list[AddResult | InputError]): per digest, in the batch's order, what
            happened, or why it could not be stored (the others are stored all the same).
            Database failures raise :class:`StoreError` and store nothing of the batch.
        """
        results: list[AddResult | InputError] = [InputError("not stored")] * len(batch)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.db.transaction():
            for position in sorted(range(len(batch)), key=lambda i: _publication(batch[i].data)):
                pending = batch[position]
                try:
                    with self.db.transaction():
                        results[position] = self._write(pending, now)
                except StoreError:
                    raise
                except InputError as exc:
                    results[position] = exc
                except Exception as exc:  # a bug costs one story, not the batch
                    results[position] = InputError(f"internal error: {type(exc).__name__}: {exc}")
        return results

    def _write(self, pending: Pending, now: str) -> AddResult:
        data = pending.data
        story_id, article, text = _story_parts(data)
        content = content_hash(data)
        self.db.lock(story_id)
        current = self.db.rows(
            "SELECT v.id, v.number, v.content_hash FROM stories s "
            "JOIN versions v ON v.id = s.current WHERE s.id = ?",
            (story_id,),
        )
        if current and current[0]["content_hash"] == content:
            return "unchanged"
        if current:
            counts.move(self.db, current[0]["id"], -1)
        number = current[0]["number"] + 1 if current else 1
        sections = [t.section for t in item_tables() if t.section in data]
        values: list[Any] = [story_id, number, now, content, pending.input_hash or content]
        values += [json.dumps(sections), text]
        for f in article_fields():
            values.extend(f.values(article))
        version_id = self.db.insert_returning_id(self._version_sql, values)
        self._write_items(version_id, data)
        story = (version_id, now, article.get("title"), article.get("published"))
        if current:
            self.db.execute(
                "UPDATE stories SET current = ?, versions = versions + 1, last_added = ?, "
                "title = ?, published = ?, outlet = ? WHERE id = ?",
                (*story, article.get("outlet"), story_id),
            )
        else:
            self.db.execute(
                "INSERT INTO stories (id, current, versions, first_added, last_added, title, "
                "published, outlet) VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
                (story_id, version_id, now, *story[1:], article.get("outlet")),
            )
        self._link(story_id, version_id, data)
        counts.record(self.db, version_id)
        counts.move(self.db, version_id, 1)
        return "updated" if current else "added"

    def _write_items(self, version_id: int, data: Json) -> None:
        for table in item_tables():
            items = data.get(table.section) or []
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise InputError(f"{table.section} must be a list of objects")
            rows = [(version_id, idx, *table.row(item)) for idx, item in enumerate(items)]
            self.db.executemany(self._item_sql[table.section], rows)
            if table.child is not None:
                field = table.child.field
                spans = [
                    (version_id, idx, n, int(pair[0]), int(pair[1]))
                    for idx, item in enumerate(items)
                    for n, pair in enumerate(item.get(field) or [])
                ]
                self.db.executemany(
                    f"INSERT INTO {table.child.table} (version_id, item, idx, span_start, "
                    "span_end) VALUES (?, ?, ?, ?, ?)",
                    spans,
                )

    def _link(self, story_id: str, version_id: int, data: Json) -> None:
        digest = Digest.from_dict(data, text=data.get("text") or "")
        story = NewStory(
            story_id=story_id,
            outlet=digest.article.outlet,
            published=digest.article.published,
            text=digest.article.text,
            digest=digest,
        )
        links = link_story(self.index, story)
        self.db.executemany(
            "UPDATE entities SET corpus_id = ? WHERE version_id = ? AND id = ?",
            [(corpus_id, version_id, eid) for eid, corpus_id in links.entity_ids.items()],
        )


def _story_parts(data: Mapping[str, Any]) -> tuple[str, Json, str | None]:
    """The story id, the article object and the text of a digest; InputError when unusable."""
    if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
        raise InputError(f"not a {SCHEMA} digest")
    article = data.get("article")
    if not isinstance(article, dict):
        raise InputError("the digest has no article object")
    story_id = article.get("id")
    if not isinstance(story_id, str) or not story_id.strip():
        raise InputError("the digest's article has no id: a corpus story needs one")
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError("the digest's text must be a string")
    return story_id, article, text


def _publication(data: Mapping[str, Any]) -> tuple[bool, str]:
    """Sort key: dated stories first, oldest first; undated last."""
    article = data.get("article") if isinstance(data, Mapping) else None
    published = article.get("published") if isinstance(article, dict) else None
    return (not isinstance(published, str), published if isinstance(published, str) else "")
