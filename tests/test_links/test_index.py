"""The in-memory index: postings by key, newest first, inside a time window."""

from __future__ import annotations

import datetime as dt

from newsdigest.corpus.index import MemoryIndex, Posting, StoryLinks, StoryRow


def _links(seq: int, *postings: Posting, terms: tuple[str, ...] = ()) -> StoryLinks:
    row = StoryRow(f"s{seq}", "c", None, None, None, b"", seq)
    return StoryLinks(
        story_id=row.story_id,
        cluster_id="c",
        duplicate_of=None,
        entity_ids={},
        story=row,
        postings=postings,
        terms=terms,
    )


def test_lookup_keeps_the_newest_targets_of_a_key() -> None:
    index = MemoryIndex()
    for seq in range(1, 6):
        index.apply(_links(seq, Posting("event", "name:velby", f"c{seq}")))
    found = index.lookup("event", ["name:velby"], per_key=2)
    assert set(found) == {"c4", "c5"}


def test_lookup_keeps_to_the_window_and_undated_postings() -> None:
    index = MemoryIndex()
    index.apply(_links(1, Posting("event", "k", "old", dt.date(2020, 1, 1))))
    index.apply(_links(2, Posting("event", "k", "new", dt.date(2024, 1, 1))))
    index.apply(_links(3, Posting("event", "k", "undated")))
    found = index.lookup("event", ["k"], since=dt.date(2023, 12, 1), until=dt.date(2024, 2, 1))
    assert set(found) == {"new", "undated"}


def test_a_posting_keeps_its_latest_day() -> None:
    index = MemoryIndex()
    index.apply(_links(1, Posting("event", "k", "c", dt.date(2024, 5, 1))))
    index.apply(_links(2, Posting("event", "k", "c", dt.date(2024, 1, 1))))
    assert index.lookup("event", ["k"], since=dt.date(2024, 4, 1)) == {"c": {"k"}}


def test_document_frequencies_count_stories() -> None:
    index = MemoryIndex()
    index.apply(_links(1, terms=("quake", "velby")))
    index.apply(_links(2, terms=("quake",)))
    assert index.document_frequencies(["quake", "velby", "dam"]) == {"quake": 2, "velby": 1}
    assert index.story_count() == 2
