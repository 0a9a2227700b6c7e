"""Adding digests: a story is stored once, a change makes a new version, and a stored digest
reads back as it was added (plus the corpus fields), on SQLite and on PostgreSQL."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from corpus_helpers import changed, digests

from newsdigest.corpus import digests as stored
from newsdigest.corpus.errors import UnknownStory
from newsdigest.corpus.store import Pending, Store
from newsdigest.errors import InputError

CORPUS_FIELDS = ("cluster", "duplicate_of")


def without_corpus_fields(data: dict[str, Any]) -> dict[str, Any]:
    """A stored digest as it was added: the corpus fields taken out."""
    plain = copy.deepcopy(data)
    for name in CORPUS_FIELDS:
        plain["article"].pop(name)
    for entity in plain.get("entities", []):
        entity.pop("corpus_id")
    return plain


def test_a_stored_digest_reads_back_as_it_was_added(store: Store) -> None:
    for digest in digests():
        assert store.add(digest) == "added"
    for digest in digests():
        back = stored.show(store, digest["article"]["id"])
        assert without_corpus_fields(back) == digest
        assert back["article"]["cluster"] is not None
        assert all("corpus_id" in entity for entity in back["entities"])
        assert any(entity["corpus_id"] for entity in back["entities"])


def test_the_same_content_again_changes_nothing(store: Store) -> None:
    digest = digests()[0]
    assert store.add(digest) == "added"
    assert store.add(copy.deepcopy(digest)) == "unchanged"
    assert store.db.value("SELECT count(*) FROM versions") == 1
    assert stored.changes(store, digest["article"]["id"]) == []


def test_changed_content_is_a_new_current_version_and_the_old_one_stays(store: Store) -> None:
    first = digests()[0]
    second = changed(first)
    story_id = first["article"]["id"]
    store.add(first)
    assert store.add(second) == "updated"
    assert without_corpus_fields(stored.show(store, story_id)) == second
    assert without_corpus_fields(stored.show(store, story_id, version=1)) == first
    assert store.db.value("SELECT versions FROM stories WHERE id = ?", (story_id,)) == 2


def test_changes_list_the_quotes_highlights_and_fields_that_changed(store: Store) -> None:
    first = digests()[0]
    store.add(first)
    store.add(changed(first))
    rows = stored.changes(store, first["article"]["id"])
    assert {(r["from"], r["to"]) for r in rows} == {(1, 2)}
    kinds = {(r["section"], r["change"]) for r in rows}
    assert ("article", "changed") in kinds
    assert ("quotes", "removed") in kinds
    assert ("highlights", "added") in kinds
    removed = next(r for r in rows if r["section"] == "quotes")
    assert first["quotes"][0]["text"] in removed["item"]
    assert any(r["item"] == "A new bullet." for r in rows if r["section"] == "highlights")


def test_an_unknown_story_or_version_is_a_clear_error(store: Store) -> None:
    store.add(digests()[0])
    with pytest.raises(UnknownStory, match="no story 'nope'"):
        stored.show(store, "nope")
    with pytest.raises(UnknownStory, match="version 7"):
        stored.show(store, digests()[0]["article"]["id"], version=7)


@pytest.mark.parametrize(
    "broken",
    [
        {"schema": "other/9", "article": {"id": "x"}},
        {"schema": "newsdigest/1", "article": {"id": ""}, "text": "A story."},
        {"schema": "newsdigest/1", "article": {"title": "no id"}, "text": "A story."},
        {"schema": "newsdigest/1", "article": {"id": "x"}, "text": "A.", "quotes": "not a list"},
    ],
)
def test_a_digest_that_cannot_be_stored_fails_alone(store: Store, broken: dict[str, Any]) -> None:
    good = digests()[1]
    results = store.add_many([Pending(broken), Pending(good)])
    assert isinstance(results[0], InputError)
    assert results[1] == "added"
    assert store.db.value("SELECT count(*) FROM stories") == 1


def test_a_story_the_database_cannot_hold_fails_alone(store: Store) -> None:
    odd = copy.deepcopy(digests()[0])
    odd["text"] = odd["text"] + "\x00"  # PostgreSQL text cannot hold NUL; SQLite can
    results = store.add_many([Pending(odd), Pending(digests()[1])])
    assert results[1] == "added"
    if store.db.kind == "postgresql":
        assert isinstance(results[0], InputError) and "NUL" in str(results[0])
    else:
        assert results[0] == "added"
