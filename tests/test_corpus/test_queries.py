"""The corpus queries on SQLite and PostgreSQL: filters, search, people, quotes, timeline."""

from __future__ import annotations

import pytest
from corpus_helpers import changed, digests

from newsdigest.corpus import queries
from newsdigest.corpus.errors import BadFilter
from newsdigest.corpus.queries import Window
from newsdigest.corpus.store import Store, open_store


def ids(rows: list[dict[str, object]], key: str = "id") -> list[object]:
    return [row[key] for row in rows]


def test_stories_newest_first_undated_last(corpus: Store) -> None:
    found = ids(queries.stories(corpus))
    assert found[:2] == ["school-2", "school-1"]
    assert found[-1] == "undated-1"
    assert len(found) == 6


def test_stories_by_outlet_and_dates(corpus: Store) -> None:
    window = Window(since="2025-03", until="2025-04-10", outlet="Harbour Gazette")
    assert ids(queries.stories(corpus, window=window)) == ["harbour-1"]
    assert ids(queries.stories(corpus, window=Window(since="2025"))) == [
        "school-2", "school-1", "harbour-2", "harbour-1",
    ]  # fmt: skip
    assert queries.stories(corpus, window=Window(outlet="No Such Paper")) == []


def test_stories_by_words_best_first_with_snippets(corpus: Store) -> None:
    rows = queries.stories(corpus, search="library")
    assert set(ids(rows)) == {"school-1", "school-2"}
    assert all("**" in row["snippet"] for row in rows)
    assert ids(queries.stories(corpus, search='"ferry terminal" -reporters')) == ["harbour-1"]


def test_search_finds_text_highlights_and_quotes(corpus: Store) -> None:
    rows = queries.search(corpus, "flood study")
    assert {row["story_id"] for row in rows} == {"harbour-1"}
    assert {"story", "quote"} <= {row["found_in"] for row in rows}
    assert all("**" in row["snippet"] for row in rows)
    assert queries.search(corpus, "   ") == []


def test_people_are_ranked_by_quotes_then_mentions(corpus: Store) -> None:
    rows = queries.people(corpus)
    top = rows[0]
    assert top["name"] == "Elena Marsh"
    assert top["quotes"] >= 2 and top["stories"] == 2
    counts = [(row["quotes"], row["mentions"]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    narrowed = queries.people(corpus, window=Window(outlet="Valley Times"))
    assert "Elena Marsh" not in ids(narrowed, "name")


def test_people_counts_follow_the_current_versions(db_url: str) -> None:
    dated = [d for d in digests() if d["article"]["published"]]
    with open_store(db_url, write=True) as store:
        for digest in dated:
            store.add(digest)
        store.add(changed(dated[0]))  # a quote fewer: the counts move with the version
        everything = Window(since="1900")
        assert queries.people(store, limit=500) == queries.people(
            store, window=everything, limit=500
        )


def test_quotes_of_a_person_by_name_in_any_case_or_by_corpus_id(corpus: Store) -> None:
    by_name = queries.quotes(corpus, person="elena MARSH")
    assert {row["story_id"] for row in by_name} == {"harbour-1", "harbour-2"}
    assert {row["speaker"] for row in by_name} == {"Elena Marsh"}
    corpus_id = by_name[0]["person"]
    assert queries.quotes(corpus, person=corpus_id) == by_name
    for row in by_name:
        text = corpus.db.value("SELECT text FROM versions v JOIN stories s ON s.current = v.id "
                               "WHERE s.id = ?", (row["story_id"],))  # fmt: skip
        assert text[row["span_start"] : row["span_end"]] == row["text"]


def test_quotes_by_words_and_outlet(corpus: Store) -> None:
    rows = queries.quotes(corpus, search="teachers", window=Window(outlet="Harbour Gazette"))
    assert [row["story_id"] for row in rows] == ["school-2"]
    assert "**teachers**" in rows[0]["snippet"]


def test_timeline_in_date_order_and_by_person(corpus: Store) -> None:
    rows = queries.timeline(corpus)
    dates = [row["date"] for row in rows]
    assert dates == sorted(dates)
    for row in rows:
        text = corpus.db.value("SELECT text FROM versions v JOIN stories s ON s.current = v.id "
                               "WHERE s.id = ?", (row["story_id"],))  # fmt: skip
        assert text[row["span_start"] : row["span_end"]] in text
    chen = queries.timeline(corpus, person="Nadia Chen")
    assert chen and {row["story_id"] for row in chen} <= {"school-1", "school-2"}
    assert queries.timeline(corpus, window=Window(since="2030")) == []


def test_a_date_filter_that_is_not_a_date_is_refused(corpus: Store) -> None:
    with pytest.raises(BadFilter, match="not a date"):
        queries.stories(corpus, window=Window(since="2025-13"))
    with pytest.raises(BadFilter, match="not a date"):
        queries.quotes(corpus, window=Window(until="last week"))


HOSTILE = [
    "x' OR '1'='1",
    "'; DROP TABLE stories; --",
    '"); DROP TABLE quotes; --',
    "%",
    "_",
    "\\",
    "NEAR(a b)",
    "* OR ^ AND NOT",
    '"unbalanced',
    "col:value",
    "Marsh' --",
    "ε' UNION SELECT 1 --",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_arguments_are_parameters_never_sql(corpus: Store, hostile: str) -> None:
    assert queries.stories(corpus, window=Window(outlet=hostile)) == []
    queries.stories(corpus, search=hostile)
    queries.search(corpus, hostile)
    assert queries.quotes(corpus, person=hostile, search=hostile) == []
    assert queries.people(corpus, window=Window(outlet=hostile)) == []
    assert queries.timeline(corpus, person=hostile, cluster=hostile) == []
    assert corpus.db.value("SELECT count(*) FROM stories") == 6
    assert corpus.db.value("SELECT count(*) FROM quotes") > 0


def test_a_nul_character_in_a_filter_is_refused(corpus: Store) -> None:
    with pytest.raises(BadFilter, match="NUL"):
        queries.quotes(corpus, person="Marsh\x00")
    with pytest.raises(BadFilter, match="NUL"):
        queries.stories(corpus, window=Window(outlet="\x00"))
