"""The corpus links' index (:class:`~newsdigest.corpus.index.LinkIndex`) over the store's tables.

The same statements serve SQLite and PostgreSQL: dates go in as ISO text and come back as
ISO text (the connections see to it); JSON columns hold ``json.dumps(..., sort_keys=True)``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from newsdigest.corpus.database import Database, Row
from newsdigest.corpus.index import (
    ClusterRow,
    PersonRow,
    PostingKind,
    StoryLinks,
    StoryRow,
)

# Most values in one ``IN (...)`` list (SQLite allows 32,766 parameters).
CHUNK = 500


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _chunks(values: Collection[str]) -> Iterator[list[str]]:
    items = list(dict.fromkeys(values))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class SQLLinkIndex:
    """:class:`~newsdigest.corpus.index.LinkIndex` on a corpus database.

    db (Database): the open database; :meth:`apply` runs in the caller's transaction.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def _where_in(self, sql: str, values: Collection[str]) -> Iterator[Row]:
        for chunk in _chunks(values):
            yield from self.db.rows(sql.format(marks=", ".join("?" * len(chunk))), chunk)

    def story_count(self) -> int:
        return int(self.db.value("SELECT count(*) FROM story_links") or 0)

    def document_frequencies(self, terms: Collection[str]) -> dict[str, int]:
        sql = "SELECT term, df FROM link_terms WHERE term IN ({marks})"
        return {row["term"]: int(row["df"]) for row in self._where_in(sql, terms)}

    def lookup(
        self,
        kind: PostingKind,
        keys: Collection[str],
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        per_key: int = 64,
    ) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        window: list[str] = []
        bounds: list[str] = []
        if since is not None:
            window.append("day >= ?")
            bounds.append(since.isoformat())
        if until is not None:
            window.append("day <= ?")
            bounds.append(until.isoformat())
        within = f" AND (day IS NULL OR ({' AND '.join(window)}))" if window else ""
        sql = (
            f"SELECT target FROM link_postings WHERE kind = ? AND key = ?{within} "
            "ORDER BY day IS NULL, day DESC, touched DESC LIMIT ?"
        )
        for key in dict.fromkeys(keys):
            for row in self.db.rows(sql, (kind, key, *bounds, per_key)):
                found.setdefault(row["target"], set()).add(key)
        return found

    def stories(self, story_ids: Collection[str]) -> dict[str, StoryRow]:
        sql = "SELECT * FROM story_links WHERE story_id IN ({marks})"
        return {row["story_id"]: _story(row) for row in self._where_in(sql, story_ids)}

    def clusters(self, cluster_ids: Collection[str]) -> dict[str, ClusterRow]:
        sql = "SELECT * FROM clusters WHERE cluster_id IN ({marks})"
        return {row["cluster_id"]: _cluster(row) for row in self._where_in(sql, cluster_ids)}

    def people(self, corpus_ids: Collection[str]) -> dict[str, PersonRow]:
        sql = "SELECT * FROM people WHERE corpus_id IN ({marks})"
        return {row["corpus_id"]: _person(row) for row in self._where_in(sql, corpus_ids)}

    def apply(self, links: StoryLinks) -> None:
        db, story = self.db, links.story
        _upsert(
            db,
            "story_links",
            ("story_id",),
            [
                (
                    story.story_id, story.cluster_id, story.duplicate_of, _iso(story.published),
                    story.outlet, story.signature, story.seq,
                )
            ],
            ("cluster_id", "duplicate_of", "published", "outlet", "signature", "seq"),
        )  # fmt: skip
        db.executemany(
            "UPDATE story_links SET duplicate_of = ? WHERE story_id = ?",
            [(original, story_id) for story_id, original in links.repointed],
        )
        _upsert(
            db,
            "clusters",
            ("cluster_id",),
            [
                (
                    c.cluster_id, c.first_story, c.label, c.size, _iso(c.first_published),
                    _iso(c.last_published), _json(c.profile),
                )
                for c in links.clusters
            ],
            ("first_story", "label", "size", "first_published", "last_published", "profile"),
        )  # fmt: skip
        _upsert(
            db,
            "people",
            ("corpus_id",),
            [
                (
                    p.corpus_id, p.type, p.name, p.gender, _json(list(p.titles)), p.story_count,
                    p.mention_count, p.first_story, _json(p.profile),
                )
                for p in links.people
            ],
            (
                "type", "name", "gender", "titles", "story_count", "mention_count",
                "first_story", "profile",
            ),
        )  # fmt: skip
        db.executemany(
            "INSERT INTO link_postings (kind, key, target, day, touched) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (kind, key, target) DO UPDATE SET day = CASE "
            "WHEN link_postings.day IS NULL THEN excluded.day "
            "WHEN excluded.day IS NULL OR excluded.day < link_postings.day THEN link_postings.day "
            "ELSE excluded.day END, touched = excluded.touched",
            [(p.kind, p.key, p.target, _iso(p.day), story.seq) for p in links.postings],
        )
        db.executemany(
            "INSERT INTO link_terms (term, df) VALUES (?, 1) "
            "ON CONFLICT (term) DO UPDATE SET df = link_terms.df + 1",
            [(term,) for term in links.terms],
        )
        db.execute("DELETE FROM quoted_people WHERE story_id = ?", (links.story_id,))
        db.executemany(
            "INSERT INTO quoted_people (story_id, entity_id, corpus_id, name, gender, role, "
            "quotes, outlet, published, cluster_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    s.story_id, s.entity_id, s.corpus_id, s.name, s.gender, s.role, s.quotes,
                    s.outlet, _iso(s.published), s.cluster_id,
                )
                for s in links.sources
            ],
        )  # fmt: skip


def _upsert(
    db: Database,
    table: str,
    key: Sequence[str],
    rows: Sequence[Sequence[Any]],
    updated: Sequence[str],
) -> None:
    columns = [*key, *updated]
    db.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
        + ", ".join(f"{name} = excluded.{name}" for name in updated),
        rows,
    )


def _story(row: Row) -> StoryRow:
    return StoryRow(
        story_id=row["story_id"],
        cluster_id=row["cluster_id"],
        duplicate_of=row["duplicate_of"],
        published=_day(row["published"]),
        outlet=row["outlet"],
        signature=bytes(row["signature"]),
        seq=int(row["seq"]),
    )


def _cluster(row: Row) -> ClusterRow:
    return ClusterRow(
        cluster_id=row["cluster_id"],
        first_story=row["first_story"],
        label=row["label"],
        size=int(row["size"]),
        first_published=_day(row["first_published"]),
        last_published=_day(row["last_published"]),
        profile=json.loads(row["profile"]),
    )


def _person(row: Row) -> PersonRow:
    return PersonRow(
        corpus_id=row["corpus_id"],
        type=row["type"],
        name=row["name"],
        gender=row["gender"],
        titles=tuple(json.loads(row["titles"])),
        story_count=int(row["story_count"]),
        mention_count=int(row["mention_count"]),
        first_story=row["first_story"],
        profile=json.loads(row["profile"]),
    )
