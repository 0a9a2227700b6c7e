"""Who gets quoted: the distinct speakers of each story, counted by gender and role class.

A story's quoted people are the cast persons its quotes are attributed to, each once
however often they speak (:func:`speakers`). They are counted by gender as the story
states it (``Entity.gender``; unknown when it does not) and by role class from their
titles (:mod:`newsdigest.corpus.roles`), grouped by outlet, cluster, month or role
(:func:`count_sources`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, Literal, NamedTuple

from newsdigest.corpus.index import SourceRow
from newsdigest.corpus.roles import ROLE_CLASSES, role_class
from newsdigest.model import Digest

SourcesBy = Literal["outlet", "cluster", "month", "role"]
SOURCES_BY: tuple[SourcesBy, ...] = ("outlet", "cluster", "month", "role")


class Speaker(NamedTuple):
    """A person quoted in a story: their entity, gender, role class and number of quotes."""

    entity_id: str
    name: str
    gender: str | None
    role: str
    quotes: int


def speakers(digest: Digest) -> list[Speaker]:
    """The distinct people quoted in one story, in the order they are first quoted.

    digest (Digest): the story's digest; its quotes name their speakers' entity ids.
    RETURNS (list[Speaker]): one per quoted person (speakers that are not persons left out).
    """
    counts: Counter[str] = Counter(q.speaker for q in digest.quotes if q.speaker)
    found: list[Speaker] = []
    for entity_id, quotes in counts.items():
        entity = digest.entity(entity_id)
        if entity is None or entity.type != "PERSON":
            continue
        role = role_class([r.text for r in entity.titles])
        found.append(Speaker(entity_id, entity.name, entity.gender, role, quotes))
    return found


def source_rows(
    found: Iterable[Speaker],
    *,
    story_id: str,
    corpus_ids: Mapping[str, str],
    cluster_id: str,
    outlet: str | None,
    published: dt.date | None,
) -> list[SourceRow]:
    """The ``quoted_people`` rows of one story's speakers.

    corpus_ids (Mapping[str, str]): entity id -> corpus id.
    cluster_id (str): the story's cluster.
    """
    return [
        SourceRow(
            story_id=story_id,
            entity_id=s.entity_id,
            corpus_id=corpus_ids.get(s.entity_id, ""),
            name=s.name,
            gender=s.gender,
            role=s.role,
            quotes=s.quotes,
            outlet=outlet,
            published=published,
            cluster_id=cluster_id,
        )
        for s in found
    ]


def _group(row: SourceRow, by: SourcesBy) -> str | None:
    if by == "outlet":
        return row.outlet
    if by == "cluster":
        return row.cluster_id
    if by == "month":
        return row.published.strftime("%Y-%m") if row.published else None
    return row.role


def count_sources(rows: Iterable[SourceRow], *, by: SourcesBy) -> list[dict[str, Any]]:
    """Quoted people counted by gender and role class, per outlet, cluster, month or role.

    rows (Iterable[SourceRow]): the quoted people of the stories to count.
    by (SourcesBy): "outlet", "cluster", "month" (YYYY-MM) or "role".
    RETURNS (list[dict]): one row per group, the most quoted people first, ties by value
        (months in time order):
        ``{by: value, "quoted_people", "female", "male", "unknown", "female_share",
        "roles": {class: n}}``; ``value`` is None for stories without outlet or date, and
        ``female_share`` is female / (female + male), None when neither is known.
    """
    if by not in SOURCES_BY:
        raise ValueError(f"cannot count sources by {by!r}: choose one of {', '.join(SOURCES_BY)}")
    groups: dict[str | None, Counter[str]] = {}
    for row in rows:
        counts = groups.setdefault(_group(row, by), Counter())
        counts["quoted_people"] += 1
        counts[row.gender or "unknown"] += 1
        counts[f"role:{row.role}"] += 1
    table = [_row(by, value, counts) for value, counts in groups.items()]
    if by == "month":  # a time series reads in time order
        table.sort(key=lambda r: (r[by] is None, str(r[by])))
    else:
        table.sort(key=lambda r: (-r["quoted_people"], r[by] is None, str(r[by])))
    return table


def _row(by: str, value: str | None, counts: Counter[str]) -> dict[str, Any]:
    female, male = counts["female"], counts["male"]
    return {
        by: value,
        "quoted_people": counts["quoted_people"],
        "female": female,
        "male": male,
        "unknown": counts["unknown"],
        "female_share": round(female / (female + male), 4) if female + male else None,
        "roles": {name: counts[f"role:{name}"] for name in ROLE_CLASSES},
    }
