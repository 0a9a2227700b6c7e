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

from dataclasses import dataclass
from typing import Any

from newsdigest.corpus.database import Row
from newsdigest.corpus.dates import day_bounds
from newsdigest.corpus.errors import BadFilter
from newsdigest.corpus.migrations import SEARCHED
from newsdigest.corpus.store import Store

DEFAULT_LIMIT = 50
PERSON = "COALESCE(e.corpus_id, e.name)"


@dataclass(frozen=True, slots=True)
class Window:
    """The stories a query reads: by publication date (inclusive) and outlet.

    since (str | None): ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: from the first day of it.
    until (str | None): the same: up to the last day of it.
    outlet (str | None): only this outlet's stories (exact name).
    """

    since: str | None = None
    until: str | None = None
    outlet: str | None = None

    def where(self, alias: str = "s") -> tuple[list[str], list[Any]]:
        """Conditions on the ``stories`` alias and their parameters."""
        low, high = day_bounds(self.since, self.until)
        conditions: list[str] = []
        params: list[Any] = []
        checked(self.outlet, "outlet")
        if low is not None:
            conditions.append(f"{alias}.published >= ?")
            params.append(low)
        if high is not None:
            conditions.append(f"{alias}.published <= ?")
            params.append(high)
        if self.outlet is not None:
            conditions.append(f"{alias}.outlet = ?")
            params.append(self.outlet)
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
    db = store.db
    conditions, params = window.where()
    columns = "s.id, s.published, s.outlet, s.title, s.versions, l.cluster_id AS cluster"
    joins = "LEFT JOIN story_links l ON l.story_id = s.id"
    order = "s.published DESC NULLS LAST, s.id"
    if search is not None:
        term = db.search_param(checked(search, "search") or "")
        if term is None:
            return []
        match = db.text_match("versions", "v", "text", SEARCHED["versions"])
        columns += f", {match.snippet} AS snippet"
        joins = f"JOIN versions v ON v.id = s.current {match.join} {joins}"
        params = [term, *params]
        order = f"{match.rank}, s.id"
    sql = (
        f"SELECT {columns} FROM stories s {joins} {_where(conditions)} "
        f"ORDER BY {order} LIMIT ? OFFSET ?"
    )
    return db.rows(sql, [*params, limit, offset])


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
    db = store.db
    term = db.search_param(checked(text, "search") or "")
    if term is None:
        return []
    conditions, params = window.where()
    hits: list[Row] = []
    sources = (("story", "versions", "v.id"), ("highlight", "highlights", "x.version_id"))
    for found_in, table, version in (*sources, ("quote", "quotes", "x.version_id")):
        alias = "v" if table == "versions" else "x"
        match = db.text_match(table, alias, "text", SEARCHED[table])
        item = "NULL" if table == "versions" else "x.idx"
        source = "versions v" if table == "versions" else f"{table} x"
        sql = (
            f"SELECT s.id AS story_id, '{found_in}' AS found_in, {item} AS item, s.published, "
            f"s.outlet, s.title, {match.snippet} AS snippet, -({match.rank}) AS score "
            f"FROM {source} {match.join} JOIN stories s ON s.current = {version} "
            f"{_where(conditions)} ORDER BY {match.rank} LIMIT ?"
        )
        hits += db.rows(sql, [term, *params, limit])
    hits.sort(key=lambda row: (-row["score"], row["story_id"], row["found_in"]))
    return hits[:limit]


def people(
    store: Store,
    *,
    window: Window = Window(),
    type: str = "PERSON",
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[Row]:
    """The most quoted, then most mentioned, people (or organisations, places).

    store (Store): the corpus.
    window (Window): publication dates and outlet of the stories counted.
    type (str): the entity type counted (``PERSON``, ``ORG``, ``GPE``, ...).
    limit (int): at most this many rows; offset (int): skip this many first.
    RETURNS (list[Row]): ``person`` (corpus id, else name), ``name``, ``quotes``,
        ``mentions``, ``stories``, ``outlets``.
    """
    conditions, params = window.where()
    conditions.insert(0, "e.type = ?")
    checked(type, "type")
    sql = (
        f"SELECT {PERSON} AS person, max(e.name) AS name, "
        "sum((SELECT count(*) FROM quotes q WHERE q.version_id = e.version_id "
        "AND q.speaker = e.id)) AS quotes, "
        "sum((SELECT count(*) FROM mentions m WHERE m.version_id = e.version_id "
        "AND m.item = e.idx)) AS mentions, "
        "count(DISTINCT s.id) AS stories, count(DISTINCT s.outlet) AS outlets "
        "FROM stories s JOIN entities e ON e.version_id = s.current "
        f"{_where(conditions)} GROUP BY {PERSON} "
        "ORDER BY quotes DESC, mentions DESC, person LIMIT ? OFFSET ?"
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
    db = store.db
    conditions, params = window.where()
    joins = ""
    snippet = ""
    order = "s.published DESC NULLS LAST, s.id, q.idx"
    if checked(person, "person") is not None:
        conditions.append(_person())
        params += [person, person]
    if search is not None:
        term = db.search_param(checked(search, "search") or "")
        if term is None:
            return []
        match = db.text_match("quotes", "q", "text", SEARCHED["quotes"])
        joins = match.join
        snippet = f", {match.snippet} AS snippet"
        params = [term, *params]
        order = f"{match.rank}, s.id, q.idx"
    sql = (
        "SELECT s.id AS story_id, s.published, s.outlet, q.idx AS quote, q.text, q.kind, "
        f"CASE WHEN e.id IS NULL THEN NULL ELSE {PERSON} END AS person, e.name AS speaker, "
        f"q.speaker_text, q.span_start, q.span_end{snippet} "
        f"FROM quotes q {joins} JOIN stories s ON s.current = q.version_id "
        "LEFT JOIN entities e ON e.version_id = q.version_id AND e.id = q.speaker "
        f"{_where(conditions)} ORDER BY {order} LIMIT ? OFFSET ?"
    )
    return db.rows(sql, [*params, limit, offset])


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
        ``sentence_start``, ``sentence_end``, ``span_start``, ``span_end``.
    """
    low, high = day_bounds(window.since, window.until)
    conditions: list[str] = []
    params: list[Any] = []
    if low is not None:
        conditions.append("ev.date >= ?")
        params.append(low)
    if high is not None:
        conditions.append("substr(ev.date, 1, 10) <= ?")
        params.append(high)
    if checked(window.outlet, "outlet") is not None:
        conditions.append("s.outlet = ?")
        params.append(window.outlet)
    joins = ""
    if checked(cluster, "cluster") is not None:
        joins = "JOIN story_links l ON l.story_id = s.id"
        conditions.append("l.cluster_id = ?")
        params.append(cluster)
    if checked(person, "person") is not None:
        conditions.append(
            "EXISTS (SELECT 1 FROM entities e JOIN mentions m ON m.version_id = e.version_id "
            f"AND m.item = e.idx WHERE e.version_id = ev.version_id AND {_person()} "
            "AND m.span_start < ev.sentence_end AND m.span_end > ev.sentence_start)"
        )
        params += [person, person]
    sql = (
        "SELECT ev.date, ev.text, s.id AS story_id, s.outlet, s.published, ev.sentence_start, "
        "ev.sentence_end, ev.span_start, ev.span_end "
        f"FROM events ev JOIN stories s ON s.current = ev.version_id {joins} "
        f"{_where(conditions)} ORDER BY ev.date, s.published, s.id, ev.idx LIMIT ? OFFSET ?"
    )
    return store.db.rows(sql, [*params, limit, offset])
