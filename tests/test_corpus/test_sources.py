"""Who gets quoted, and an event cluster, read from the store on SQLite and PostgreSQL.

What the store answers is checked against what the stories' digests say: their speakers
(``corpus.sources.speakers``) counted in Python, with the filters applied in Python.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from corpus_helpers import changed, digests

from newsdigest.corpus import queries
from newsdigest.corpus.index import SourceRow
from newsdigest.corpus.queries import UnknownCluster, Window
from newsdigest.corpus.sources import SOURCES_BY, count_sources, source_rows, speakers
from newsdigest.corpus.store import Store
from newsdigest.model import Digest


def clusters_of(store: Store) -> dict[str, str]:
    """Story id -> its event cluster, as the stories query reads them."""
    return {row["id"]: row["cluster"] for row in queries.stories(store, limit=1000)}


def expected_rows(data: list[dict[str, Any]], clusters: dict[str, str]) -> list[SourceRow]:
    """The quoted people of the digests, found in the digests themselves."""
    rows: list[SourceRow] = []
    for item in data:
        digest = Digest.from_dict(item, text=item["text"])
        article = digest.article
        story_id = str(article.id)
        rows += source_rows(
            speakers(digest),
            story_id=story_id,
            corpus_ids={},
            cluster_id=clusters[story_id],
            outlet=article.outlet,
            published=article.published,
        )
    return rows


@pytest.mark.parametrize("by", SOURCES_BY)
def test_sources_count_the_speakers_of_every_story(corpus: Store, by: Any) -> None:
    expected = count_sources(expected_rows(digests(), clusters_of(corpus)), by=by)
    assert expected, "the test stories quote somebody"
    assert queries.sources(corpus, by=by) == expected


def test_sources_keep_to_the_window(corpus: Store) -> None:
    everyone = expected_rows(digests(), clusters_of(corpus))
    since = dt.date(2025, 1, 1)
    dated = [r for r in everyone if r.published is not None and r.published >= since]
    assert 0 < len(dated) < len(everyone)
    found = queries.sources(corpus, window=Window(since="2025"), by="month")
    assert found == count_sources(dated, by="month")
    assert {row["month"] for row in found} == {"2025-03", "2025-04"}
    courier = [r for r in everyone if r.outlet == "Coast Courier"]
    found = queries.sources(corpus, window=Window(outlet="Coast Courier"), by="role")
    assert found == count_sources(courier, by="role")
    assert queries.sources(corpus, window=Window(outlet="No Such Paper")) == []


def test_sources_limit_keeps_the_most_quoted_groups(corpus: Store) -> None:
    every = queries.sources(corpus, by="cluster")
    assert len(every) > 2
    assert queries.sources(corpus, by="cluster", limit=2) == every[:2]


def test_a_new_version_replaces_its_story_s_quoted_people(corpus: Store) -> None:
    data = digests()
    first = next(d for d in data if d["article"]["id"] == "harbour-1")
    newer = changed(first)  # one quote fewer
    assert corpus.add(newer) == "updated"
    current = [newer if d["article"]["id"] == "harbour-1" else d for d in data]
    expected = count_sources(expected_rows(current, clusters_of(corpus)), by="outlet")
    assert queries.sources(corpus, by="outlet") == expected
    before = count_sources(expected_rows(data, clusters_of(corpus)), by="outlet")
    assert expected != before


def test_a_cluster_holds_its_stories_cast_and_timeline(corpus: Store) -> None:
    clusters = clusters_of(corpus)
    cluster_id = clusters["harbour-1"]
    members = {story for story, cluster in clusters.items() if cluster == cluster_id}
    found = queries.cluster(corpus, cluster_id)
    assert found["cluster"] == cluster_id
    assert found["size"] == len(members)
    assert {row["id"] for row in found["stories"]} == members
    assert found["first_story"] in members
    assert found["timeline"] == queries.timeline(corpus, cluster=cluster_id)
    assert {row["story_id"] for row in found["timeline"]} <= members
    cast = {
        entity["name"]
        for item in digests()
        if item["article"]["id"] in members
        for entity in item["entities"]
        if entity["type"] == "PERSON"
    }
    assert {row["name"] for row in found["people"]} == cast
    assert found["people"] == queries.people(corpus, window=Window(cluster=cluster_id))


def test_an_unknown_cluster_is_no_input(corpus: Store) -> None:
    with pytest.raises(UnknownCluster, match="no cluster 'nope'") as raised:
        queries.cluster(corpus, "nope")
    assert raised.value.exit_code == 66 and raised.value.status == 404


def test_every_query_keeps_to_a_cluster(corpus: Store) -> None:
    clusters = clusters_of(corpus)
    cluster_id = clusters["school-1"]
    members = {story for story, cluster in clusters.items() if cluster == cluster_id}
    window = Window(cluster=cluster_id)
    assert {row["id"] for row in queries.stories(corpus, window=window)} == members
    assert {row["story_id"] for row in queries.quotes(corpus, window=window)} <= members
    assert queries.sources(corpus, window=window, by="cluster")[0]["cluster"] == cluster_id
