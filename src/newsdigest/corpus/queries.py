"""The corpus queries: one function per question, behind the CLI, the API and the page.

Each function takes an open :class:`~newsdigest.corpus.store.Store` and keyword filters
and returns a list of flat dicts (``show`` returns a digest), which the command line
prints as a table, JSON or CSV, and the server returns as JSON. Every value a user gives
(outlet, person, search text, dates) reaches the database as a bound parameter; only the
store's own table and column names are written into the SQL.

Queries read the current version of each story. A person is their corpus id when the
corpus links have given one, else the cast name the story gives them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from newsdigest.corpus.counts import PERSON
from newsdigest.corpus.database import Row, TextMatch
from newsdigest.corpus.dates import day_bounds
from newsdigest.corpus.errors import BadFilter
from newsdigest.corpus.index import SourceRow
from newsdigest.corpus.migrations import SEARCHED
from newsdigest.corpus.sources import SourcesBy, count_sources
from newsdigest.corpus.store import Store
from newsdigest.errors import NoInput

DEFAULT_LIMIT = 50


class UnknownCluster(NoInput):
    """No event cluster with the id asked for is in the corpus."""

    title = "No such cluster"


@dataclass(frozen=True, slots=True)
class Window:
    """The stories a query reads: by publication date (inclusive), outlet and event cluster.

    since (str | None): ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: from the first day of it.
    until (str | None): the same: up to the last day of it.
    outlet (str | None): only this outlet's stories (exact name).
    cluster (str | None): only the stories of this event cluster.
    """

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    cluster: str | None = None

    def where(self, alias: str = "s", day: str | None = None) -> tuple[list[str], list[Any]]:
        """Conditions on the ``stories`` alias and their parameters.

        alias (str): the alias of ``stories`` in the query.
        day (str | None): the expression the dates bound; default the publication date.
        """
        low, high = day_bounds(self.since, self.until)
        conditions: list[str] = []
        params: list[Any] = []
        checked(self.outlet, "outlet")
        day = day or f"{alias}.published"
        if low is not None:
            conditions.append(f"{day} >= ?")
            params.append(low)
        if high is not None:
            conditions.append(f"{day} <= ?")
            params.append(high)
        if self.outlet is not None:
            conditions.append(f"{alias}.outlet = ?")
            params.append(self.outlet)
        if checked(self.cluster, "cluster") is not None:
            conditions.append(
                f"{alias}.id IN (SELECT story_id FROM story_links WHERE cluster_id = ?)"
            )
            params.append(self.cluster)
        return conditions, params


def checked(value: str | None, name: str) -> str | None:
    """A user's filter value as it is, or :class:`BadFilter` for one no database can hold."""
    if value is not None and "\x00" in value:
        raise BadFilter(f"{name} holds a NUL character")
    return value


def _where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


def _person(alias: str = "e") -> str:
    """Condition: the entity is the person given (corpus id, or name in any case)."""
    return f"({alias}.corpus_id = ? OR lower({alias}.name) = lower(?))"


def _search_term(store: Store, text: str) -> str | None:
    return store.db.search_param(checked(text, "search") or "")


def _with_snippets(
    store: Store,
    match: TextMatch,
    term: str,
    columns: str,
    inner: str,
    params: list[Any],
    joins: str = "",
) -> list[Row]:
    """Run ``inner`` (which selects the page's columns, ``hit`` and ``score``, best first and
    already cut to one page), then cut a snippet out of each row kept.

    columns (str): what the page gives, over ``page`` (and ``joins``).
    joins (str): joins of the page's rows only (names, say, that the ranking does not need).
    """
    sql = (
        f"SELECT {columns}, {match.snippet} AS snippet FROM ({inner}) page {joins} "
        "ORDER BY page.score, page.rank_key"
    )
    return store.db.rows(sql, [term, *params])


def stories(
    store: Store,
    *,
    window: Window = Window(),
    search: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[Row]:
    """Stories, newest first; with ``search``, those whose text matches, best first.

    store (Store): the corpus.
    window (Window): publication dates and outlet.
    search (str | None): words, "a phrase", ``OR``, ``-word`` (see :mod:`.search`).
    limit (int): at most this many rows; offset (int): skip this many first.
    RETURNS (list[Row]): ``id``, ``published``, ``outlet``, ``title``, ``versions``,
        ``cluster`` (and ``snippet`` with ``search``).
    """
    conditions, params = window.where()
    columns = "s.id, s.published, s.outlet, s.title, s.versions"
    if search is None:
        sql = (
            f"SELECT {columns}, l.cluster_id AS cluster FROM stories s LEFT JOIN story_links l "
            f"ON l.story_id = s.id {_where(conditions)} "
            "ORDER BY s.published DESC NULLS LAST, s.id DESC LIMIT ? OFFSET ?"
        )
        return store.db.rows(sql, [*params, limit, offset])
    term = _search_term(store, search)
    if term is None:
        return []
    match = store.db.text_match("versions", "v", "text", SEARCHED["versions"], "s.current")
    inner = (
        f"SELECT {columns}, s.id AS rank_key, {match.carry} AS hit, {match.rank} AS score "
        f"FROM stories s {_version_row(match)} {match.join} {_where(conditions)} "
        f"ORDER BY {match.rank}, s.id LIMIT ? OFFSET ?"
    )
    page = "page.id, page.published, page.outlet, page.title, page.versions"
    rows = _with_snippets(store, match, term, page, inner, [term, *params, limit, offset])
    return _with_clusters(store, rows)


def _version_row(match: TextMatch) -> str:
    """The join of a story's current version, where the search reads its row."""
    return "JOIN versions v ON v.id = s.current" if match.needs_row else ""


def _with_clusters(store: Store, rows: list[Row]) -> list[Row]:
    """Each story row with its cluster (read for the page of rows only), before its snippet."""
    ids = [row["id"] for row in rows]
    found: dict[str, str] = {}
    if ids:
        marks = ", ".join("?" * len(ids))
        found = {
            r["story_id"]: r["cluster_id"]
            for r in store.db.rows(
                f"SELECT story_id, cluster_id FROM story_links WHERE story_id IN ({marks})", ids
            )
        }
    return [
        {**{k: v for k, v in row.items() if k != "snippet"}, "cluster": found.get(row["id"]),
         "snippet": row["snippet"]}
        for row in rows
    ]  # fmt: skip


def search(
    store: Store,
    text: str,
    *,
    window: Window = Window(),
    limit: int = DEFAULT_LIMIT,
) -> list[Row]:
    """Full-text hits in story texts, highlights and quotes, best first, with snippets.

    store (Store): the corpus.
    text (str): words, "a phrase", ``OR``, ``-word``.
    window (Window): publication dates and outlet.
    limit (int): at most this many hits.
    RETURNS (list[Row]): ``story_id``, ``found_in`` (``story``, ``highlight``, ``quote``),
        ``item`` (the highlight's or quote's place in its section), ``published``,
        ``outlet``, ``title``, ``snippet`` (hits marked ``**so**``), ``score`` (higher is
        better; comparable within one ``found_in``).
    """
    term = _search_term(store, text)
    if term is None:
        return []
    conditions, params = window.where()
    ranked: list[tuple[Row, TextMatch]] = []
    for found_in, table in (
        ("story", "versions"),
        ("highlight", "highlights"),
        ("quote", "quotes"),
    ):
        if table == "versions":
            match = store.db.text_match(table, "v", "text", SEARCHED[table], "s.current")
            item, source = "NULL", f"stories s {_version_row(match)} {match.join}"
        else:
            match = store.db.text_match(table, "x", "text", SEARCHED[table], "x.rowid")
            item = "x.idx"
            source = f"{table} x {match.join} JOIN stories s ON s.current = x.version_id"
        sql = (
            f"SELECT s.id AS story_id, '{found_in}' AS found_in, {item} AS item, s.published, "
            f"s.outlet, s.title, {match.carry} AS hit, {match.rank} AS score FROM {source} "
            f"{_where(conditions)} ORDER BY {match.rank}, s.id LIMIT ?"
        )
        ranked += [(row, match) for row in store.db.rows(sql, [term, *params, limit])]
    ranked.sort(key=lambda pair: (pair[0]["score"], pair[0]["story_id"], pair[0]["found_in"]))
    hits = []
    for row, match in ranked[:limit]:  # snippets only for the hits kept
        hit, score = row.pop("hit"), row.pop("score")
        snippet = f"SELECT {match.snippet} AS snippet FROM (SELECT CAST(? AS TEXT) AS hit) page"
        hits.append({**row, "snippet": store.db.value(snippet, [term, hit]), "score": -score})
    return hits


def people(
    store: Store,
    *,
    window: Window = Window(),
    type: str = "PERSON",
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[Row]:
    """The most quoted, then most mentioned, people (or organisations, places).

    Over the whole corpus the counts are read from ``people_counts``, which every add keeps
    up to date; for a window they are summed over the window's stories (``version_people``).

    store (Store): the corpus.
    window (Window): publication dates and outlet of the stories counted.
    type (str): the entity type counted (``PERSON``, ``ORG``, ``GPE``, ...).
    limit (int): at most this many rows; offset (int): skip this many first.
    RETURNS (list[Row]): ``person`` (corpus id, else name), ``name``, ``quotes``,
        ``mentions``, ``stories``.
    """
    checked(type, "type")
    conditions, params = window.where()
    order = "ORDER BY quotes DESC, mentions DESC, person LIMIT ? OFFSET ?"
    if not conditions:
        sql = (
            "SELECT person, name, quotes, mentions, stories FROM people_counts "
            f"WHERE type = ? AND stories > 0 {order}"
        )
        return store.db.rows(sql, [type, limit, offset])
    sql = (
        "SELECT p.person, max(p.name) AS name, sum(p.quotes) AS quotes, "
        "sum(p.mentions) AS mentions, count(*) AS stories FROM stories s "
        "JOIN version_people p ON p.version_id = s.current "
        f"{_where(['p.type = ?', *conditions])} GROUP BY p.person {order}"
    )
    return store.db.rows(sql, [type, *params, limit, offset])


def quotes(
    store: Store,
    *,
    window: Window = Window(),
    person: str | None = None,
    search: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[Row]:
    """Quotes, newest story first, each with its speaker and span.

    store (Store): the corpus.
    window (Window): publication dates and outlet.
    person (str | None): only quotes of this person (corpus id, or cast name in any case).
    search (str | None): only quotes whose words match (see :func:`stories`).
    limit (int): at most this many rows; offset (int): skip this many first.
    RETURNS (list[Row]): ``story_id``, ``published``, ``outlet``, ``quote`` (its place in
        the story's quotes), ``text``, ``kind``, ``person``, ``speaker``, ``speaker_text``,
        ``span_start``, ``span_end`` (and ``snippet`` with ``search``).
    """
    conditions, params = window.where()
    speaker = f"CASE WHEN e.id IS NULL THEN NULL ELSE {PERSON} END AS person, e.name AS speaker"
    term = _search_term(store, search) if search is not None else None
    if search is not None and term is None:
        return []
    match = store.db.text_match("quotes", "q", "text", SEARCHED["quotes"], "q.rowid")
    found = match.join if term is not None else ""
    if checked(person, "person") is not None:
        # from the person's entities: an index finds them, and then their quotes
        source = (
            f"entities e JOIN quotes q ON q.version_id = e.version_id AND q.speaker = e.id "
            f"{found} JOIN stories s ON s.current = e.version_id"
        )
        conditions.append(_person())
        params += [person, person]
    else:
        source = f"quotes q {found} JOIN stories s ON s.current = q.version_id"
    if term is None:
        if person is None:
            # newest stories first, walked in index order (CROSS JOIN keeps SQLite from
            # starting with every quote), each story's quotes after it
            source = "stories s CROSS JOIN quotes q"
            conditions.insert(0, "q.version_id = s.current")
            source += " LEFT JOIN entities e ON e.version_id = q.version_id AND e.id = q.speaker"
        sql = (
            "SELECT s.id AS story_id, s.published, s.outlet, q.idx AS quote, q.text, q.kind, "
            f"{speaker}, q.speaker_text, q.span_start, q.span_end FROM {source} "
            f"{_where(conditions)} "
            "ORDER BY s.published DESC NULLS LAST, s.id DESC, q.idx LIMIT ? OFFSET ?"
        )
        return store.db.rows(sql, [*params, limit, offset])
    # the speakers' names are joined for the page of best hits only
    inner = (
        "SELECT s.id AS story_id, s.published, s.outlet, q.idx AS quote, q.text, q.kind, "
        "q.version_id, q.speaker AS speaker_id, q.speaker_text, q.span_start, q.span_end, "
        f"s.id AS rank_key, {match.carry} AS hit, {match.rank} AS score FROM {source} "
        f"{_where(conditions)} ORDER BY {match.rank}, s.id, q.idx LIMIT ? OFFSET ?"
    )
    page = (
        "page.story_id, page.published, page.outlet, page.quote, page.text, page.kind, "
        f"{speaker}, page.speaker_text, page.span_start, page.span_end"
    )
    joins = "LEFT JOIN entities e ON e.version_id = page.version_id AND e.id = page.speaker_id"
    return _with_snippets(store, match, term, page, inner, [term, *params, limit, offset], joins)


def timeline(
    store: Store,
    *,
    window: Window = Window(),
    person: str | None = None,
    cluster: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[Row]:
    """Dated events across stories, in date order, each with its story and spans.

    store (Store): the corpus.
    window (Window): the events' dates (``since``/``until``) and the stories' outlet.
    person (str | None): only events whose sentence mentions this person.
    cluster (str | None): only events of the stories of this cluster.
    limit (int): at most this many rows; offset (int): skip this many first.
    RETURNS (list[Row]): ``date``, ``text``, ``story_id``, ``outlet``, ``published``,
        ``sentence_start``, ``sentence_end``, ``span_start``, ``span_end``; events of one date
        in the order their stories were stored.
    """
    if cluster is not None:
        window = replace(window, cluster=cluster)
    conditions, params = window.where(day="substr(ev.date, 1, 10)")
    if checked(person, "person") is not None:
        # the person's entities first (an index finds them), then the events naming them
        conditions.append(
            "(ev.version_id, ev.idx) IN (SELECT x.version_id, x.idx FROM entities e "
            "JOIN mentions m ON m.version_id = e.version_id AND m.item = e.idx "
            "JOIN events x ON x.version_id = e.version_id AND m.span_start < x.sentence_end "
            f"AND m.span_end > x.sentence_start WHERE {_person()})"
        )
        params += [person, person]
    sql = (
        "SELECT ev.date, ev.text, s.id AS story_id, s.outlet, s.published, ev.sentence_start, "
        "ev.sentence_end, ev.span_start, ev.span_end "
        "FROM events ev JOIN stories s ON s.current = ev.version_id "
        f"{_where(conditions)} ORDER BY ev.date, ev.version_id, ev.idx LIMIT ? OFFSET ?"
    )
    return store.db.rows(sql, [*params, limit, offset])


def sources(
    store: Store,
    *,
    window: Window = Window(),
    by: SourcesBy = "outlet",
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Who gets quoted: the quoted people of the stories, by gender and role class, per group.

    store (Store): the corpus.
    window (Window): publication dates, outlet and cluster of the stories counted.
    by (SourcesBy): group by ``outlet``, ``cluster``, ``month`` (of publication) or ``role``.
    limit (int | None): at most this many groups (those with the most quoted people).
    RETURNS (list[dict]): :func:`~newsdigest.corpus.sources.count_sources`'s rows:
        ``{by: value, "quoted_people", "female", "male", "unknown", "female_share",
        "roles"}``, the most quoted groups first.
    """
    conditions, params = window.where()
    sql = (
        "SELECT q.story_id, q.entity_id, q.corpus_id, q.name, q.gender, q.role, q.quotes, "
        "s.outlet, s.published, q.cluster_id FROM quoted_people q "
        f"JOIN stories s ON s.id = q.story_id {_where(conditions)}"
    )
    table = count_sources(_source_rows(store.db.stream(sql, params)), by=by)
    return table if limit is None else table[:limit]


def _source_rows(rows: Iterator[Row]) -> Iterator[SourceRow]:
    for row in rows:
        published = row.pop("published")
        yield SourceRow(**row, published=dt.date.fromisoformat(published) if published else None)


def cluster(store: Store, cluster_id: str, *, limit: int = DEFAULT_LIMIT) -> dict[str, Any]:
    """An event cluster: what the links keep of it, its stories, its cast and its timeline.

    store (Store): the corpus.
    cluster_id (str): the cluster's id (``article.cluster`` of its stories).
    limit (int): at most this many stories, people and events.
    RETURNS (dict): ``cluster``, ``label`` (its first story's headline), ``size`` (stories),
        ``first_story``, ``first_published``, ``last_published``, and the rows of
        :func:`stories`, :func:`people` and :func:`timeline` over its stories (``stories``,
        ``people``, ``timeline``). Raises :class:`UnknownCluster` for an unknown id.
    """
    found = store.db.rows(
        "SELECT cluster_id AS cluster, label, size, first_story, first_published, "
        "last_published FROM clusters WHERE cluster_id = ?",
        [checked(cluster_id, "cluster")],
    )
    if not found:
        raise UnknownCluster(f"no cluster {cluster_id!r} in {store.db.url.display()}")
    window = Window(cluster=cluster_id)
    return {
        **found[0],
        "stories": stories(store, window=window, limit=limit),
        "people": people(store, window=window, limit=limit),
        "timeline": timeline(store, window=window, limit=limit),
    }
