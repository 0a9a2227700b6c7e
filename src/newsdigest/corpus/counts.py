"""How often each person is quoted and mentioned: per stored version, and across the corpus.

``version_people`` holds, for each stored version, one row per person of its cast (quotes
and mentions); ``people_counts`` the sums over the current versions. Each add writes the new
version's rows and moves the sums (the story's previous version out, the new one in), so
the people of the whole corpus are one indexed read, and those of a window of stories a sum
over about ten rows a story, not a count over every entity, quote and mention. A person is
their corpus id when the corpus links have given one, else the cast name the story gives.
"""

from __future__ import annotations

from newsdigest.corpus.database import Database

PERSON = "COALESCE(e.corpus_id, e.name)"
# Quotes and mentions of each person of some stories' entities ``e``.
_PEOPLE = (
    f"{PERSON} AS person, e.type, max(e.name) AS name, "
    "sum((SELECT count(*) FROM quotes q WHERE q.version_id = e.version_id "
    "AND q.speaker = e.id)) AS quotes, "
    "sum((SELECT count(*) FROM mentions m WHERE m.version_id = e.version_id "
    "AND m.item = e.idx)) AS mentions"
)
_COUNTS = f"SELECT {_PEOPLE}, count(DISTINCT e.version_id) AS stories"
_RECORD = (
    "INSERT INTO version_people (version_id, person, type, name, quotes, mentions) "
    f"SELECT e.version_id, {_PEOPLE} FROM entities e"
)
_MOVE = (
    "INSERT INTO people_counts (person, type, name, quotes, mentions, stories) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person, type) DO UPDATE SET "
    "name = CASE WHEN excluded.stories > 0 THEN excluded.name ELSE people_counts.name END, "
    "quotes = people_counts.quotes + excluded.quotes, "
    "mentions = people_counts.mentions + excluded.mentions, "
    "stories = people_counts.stories + excluded.stories"
)


def create_statements(db: Database) -> list[str]:
    """The table and its ranking index."""
    integer = db.type_of("integer")
    return [
        f"CREATE TABLE people_counts (person TEXT NOT NULL, type TEXT NOT NULL, "
        f"name TEXT NOT NULL, quotes {integer} NOT NULL, mentions {integer} NOT NULL, "
        f"stories {integer} NOT NULL, PRIMARY KEY (person, type))",
        "CREATE INDEX people_counts_rank "
        "ON people_counts(type, quotes DESC, mentions DESC, person)",
    ]


def count_all(db: Database) -> None:
    """Fill the table from the current version of every story (a migration's step)."""
    db.execute(
        "INSERT INTO people_counts (person, type, name, quotes, mentions, stories) "
        f"{_COUNTS} FROM stories s JOIN entities e ON e.version_id = s.current "
        f"GROUP BY {PERSON}, e.type"
    )


def version_statements(db: Database) -> list[str]:
    """The per-version table."""
    integer = db.type_of("integer")
    return [
        f"CREATE TABLE version_people (version_id {integer} NOT NULL, person TEXT NOT NULL, "
        f"type TEXT NOT NULL, name TEXT NOT NULL, quotes {integer} NOT NULL, "
        f"mentions {integer} NOT NULL, PRIMARY KEY (version_id, person, type))",
    ]


def record_all(db: Database) -> None:
    """Fill ``version_people`` for every stored version (a migration's step)."""
    db.execute(f"{_RECORD} GROUP BY e.version_id, {PERSON}, e.type")


def record(db: Database, version_id: int) -> None:
    """Write the people of a version just stored (after the links gave them corpus ids)."""
    db.execute(
        f"{_RECORD} WHERE e.version_id = ? GROUP BY e.version_id, {PERSON}, e.type", (version_id,)
    )


def move(db: Database, version_id: int, sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) the people of one stored version."""
    rows = db.rows(
        "SELECT person, type, name, quotes, mentions FROM version_people WHERE version_id = ?",
        (version_id,),
    )
    db.executemany(
        _MOVE,
        [
            (r["person"], r["type"], r["name"], sign * r["quotes"], sign * r["mentions"], sign)
            for r in rows
        ],
    )
