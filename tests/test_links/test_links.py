"""Linking added stories: copies, event clusters and corpus people."""

from __future__ import annotations

import datetime as dt

from newsdigest.corpus.index import MemoryIndex, NewStory
from newsdigest.corpus.links import link_story
from test_links.stories import QUAKE_A, QUAKE_A2, QUAKE_B, person, story


def _quake_a(story_id: str, text: str = QUAKE_A, published: dt.date | None = None) -> NewStory:
    return story(
        story_id,
        text,
        (
            person("e1", text, "Anna Brekke", gender="female"),
            person("e2", text, "Velby", kind="GPE"),
            person("e3", text, "Norland", kind="GPE"),
        ),
        published=published,
    )


def _quake_b(story_id: str) -> NewStory:
    return story(
        story_id,
        QUAKE_B,
        (
            person("e1", QUAKE_B, "Tomas Ilves", titles=("Mayor",)),
            person("e2", QUAKE_B, "Sudmark", kind="GPE"),
            person("e3", QUAKE_B, "Korra", kind="GPE"),
        ),
    )


def test_two_stories_of_one_event_share_a_cluster() -> None:
    index = MemoryIndex()
    first = link_story(index, _quake_a("a1"))
    second = link_story(index, _quake_a("a2", QUAKE_A2))
    assert second.cluster_id == first.cluster_id
    assert second.duplicate_of is None


def test_two_earthquakes_in_different_countries_are_different_events() -> None:
    index = MemoryIndex()
    first = link_story(index, _quake_a("a1"))
    other = link_story(index, _quake_b("b1"))
    assert other.cluster_id != first.cluster_id


def test_a_wire_copy_points_at_the_earliest_story_and_joins_its_cluster() -> None:
    index = MemoryIndex()
    first = link_story(index, _quake_a("a1"))
    copy = link_story(index, _quake_a("a1-copy", QUAKE_A.replace("Monday", "Monday night")))
    again = link_story(index, _quake_a("a1-again", QUAKE_A + " Schools reopen next week."))
    assert copy.duplicate_of == "a1"
    assert again.duplicate_of == "a1"
    assert copy.cluster_id == first.cluster_id


def test_an_earlier_copy_added_later_becomes_the_original() -> None:
    index = MemoryIndex()
    link_story(index, _quake_a("late", published=dt.date(2024, 3, 5)))
    early = link_story(
        index, _quake_a("early", QUAKE_A + " More soon.", published=dt.date(2024, 3, 4))
    )
    assert early.duplicate_of is None
    assert early.repointed == (("late", "early"),)
    assert index.stories(["late"])["late"].duplicate_of == "early"


def test_a_new_version_of_a_story_is_not_its_own_copy() -> None:
    index = MemoryIndex()
    first = link_story(index, _quake_a("a1"))
    version = link_story(index, _quake_a("a1", QUAKE_A + " Updated."))
    assert version.duplicate_of is None
    assert version.cluster_id == first.cluster_id
    assert index.story_count() == 1
    brekke = version.entity_ids["e1"]
    assert index.people([brekke])[brekke].story_count == 1


def test_a_person_named_in_two_stories_gets_one_corpus_id() -> None:
    index = MemoryIndex()
    first = link_story(index, _quake_a("a1"))
    second = link_story(index, _quake_a("a2", QUAKE_A2))
    assert first.entity_ids["e1"] == second.entity_ids["e1"]
    assert first.entity_ids["e2"] == second.entity_ids["e2"]
    person_row = index.people([first.entity_ids["e1"]])[first.entity_ids["e1"]]
    assert person_row.story_count == 2
    assert person_row.name == "Anna Brekke"


def test_two_people_sharing_a_surname_are_never_merged() -> None:
    index = MemoryIndex()
    text_a = "Governor Anna Brekke visited Velby after the earthquake in Norland."
    text_b = "Governor Jonas Brekke visited Velby after the earthquake in Norland."
    a = link_story(index, story("a", text_a, (person("e1", text_a, "Anna Brekke"),)))
    b = link_story(index, story("b", text_b, (person("e1", text_b, "Jonas Brekke"),)))
    assert a.entity_ids["e1"] != b.entity_ids["e1"]


def test_a_first_name_shared_by_two_people_of_an_event_links_to_neither() -> None:
    index = MemoryIndex()
    text = (
        "Anna Brekke and Anna Lind led the rescue in Velby after the earthquake in Norland. "
        "Rescuers worked in Velby through the night."
    )
    both = (person("e1", text, "Anna Brekke"), person("e2", text, "Anna Lind"))
    first = link_story(index, story("a", text, both))
    later = text.replace("Anna Brekke and Anna Lind led", "Anna led")
    alone = link_story(index, story("b", later, (person("e1", later, "Anna"),)))
    assert alone.cluster_id == first.cluster_id
    assert alone.entity_ids["e1"] not in set(first.entity_ids.values())


def test_a_story_with_no_cast_and_no_text_is_linked() -> None:
    index = MemoryIndex()
    empty = link_story(index, story("empty", ""))
    assert empty.cluster_id
    assert empty.entity_ids == {}
    assert index.story_count() == 1


def test_two_people_sharing_a_first_name_in_one_event_are_not_merged() -> None:
    index = MemoryIndex()
    text_a = "Coach Randy Wittman was fired after the loss, the club said in Velby."
    text_b = "Coach Randy Ayers was fired after the loss, the club said in Velby."
    cast_a = (person("e1", text_a, "Randy Wittman"), person("e2", text_a, "Velby", kind="GPE"))
    cast_b = (person("e1", text_b, "Randy Ayers"), person("e2", text_b, "Velby", kind="GPE"))
    a = link_story(index, story("a", text_a, cast_a))
    b = link_story(index, story("b", text_b, cast_b))
    assert a.cluster_id == b.cluster_id
    assert a.entity_ids["e1"] != b.entity_ids["e1"]
