"""The seed story: the ten titled people with their roles, one Ford, the words naming them."""

from __future__ import annotations

import re

import pytest

import newsdigest
from helpers import SEED_PUBLISHED
from newsdigest.cast import entity_at
from newsdigest.model import Digest, Entity, Span

TITLED = {
    "Rob Ford": "Toronto's embattled mayor",
    "Norm Kelly": "Deputy Mayor",
    "James Pasternak": "City Councilor",
    "Frances Nunziata": "Councilor",
    "Janet Davis": "Councilor",
    "Denzil Minnan-Wong": "City Councilor",
    "Nelson Wiseman": "a professor at the University of Toronto",
    "Kathleen Wynne": "Ontario Premier",
    "Alexander Lisi": "Ford's friend and occasional driver",
    "Bill Blair": "Toronto Police Chief",
}


@pytest.fixture(scope="module")
def seed_digest(seed_story: str) -> Digest:
    return newsdigest.digest(seed_story, published=SEED_PUBLISHED, only=["entities"])


def person(digest: Digest, name: str) -> Entity:
    found = [e for e in digest.entities if e.name == name]
    assert len(found) == 1, [e.name for e in digest.entities]
    assert found[0].type == "PERSON"
    return found[0]


def word_at(context: str, word: str) -> int:
    match = re.search(rf"\b{word}\b", context)
    assert match is not None
    return match.start()


def span_of(text: str, phrase: str, occurrence: int = 0) -> Span:
    starts = [m.start() for m in re.finditer(re.escape(phrase), text)]
    return Span(starts[occurrence], starts[occurrence] + len(phrase))


def test_the_ten_titled_people_have_their_roles(seed_digest: Digest) -> None:
    for name, role in TITLED.items():
        roles = [r.text for r in person(seed_digest, name).titles]
        assert role in roles, (name, roles)
    people = [e for e in seed_digest.entities if e.type == "PERSON"]
    assert len(people) == len(TITLED), [e.name for e in people]


def test_role_spans_point_at_the_role_words(seed_digest: Digest) -> None:
    for entity in seed_digest.entities:
        for role in entity.titles:
            assert seed_digest.text[role.span.start : role.span.end] == role.text


def test_other_roles_from_appositives(seed_digest: Digest) -> None:
    assert "a Ford ally" in [r.text for r in person(seed_digest, "Frances Nunziata").titles]
    lisi = [r.text for r in person(seed_digest, "Alexander Lisi").titles]
    assert "an alleged drug dealer" in lisi
    minnan_wong = [r.text for r in person(seed_digest, "Denzil Minnan-Wong").titles]
    assert "a member of Ford's executive committee" in minnan_wong


def test_every_ford_is_the_one_person(seed_digest: Digest) -> None:
    text = seed_digest.text
    ford = person(seed_digest, "Rob Ford")
    for match in re.finditer(r"\bFord\b", text):
        assert entity_at(seed_digest.entities, Span(match.start(), match.end())) is ford
    assert not [e for e in seed_digest.entities if e.type != "PERSON" and "Ford" in e.name]


@pytest.mark.parametrize(
    ("phrase", "surname"),
    [
        ("said Kelly", "Kelly"),
        ("Nunziata said", "Nunziata"),
        ("Minnan-Wong said", "Minnan-Wong"),
        ("Lisi goes", "Lisi"),
    ],
)
def test_surnames_join_the_full_name(seed_digest: Digest, phrase: str, surname: str) -> None:
    text = seed_digest.text
    start = text.index(phrase) + phrase.index(surname)
    entity = entity_at(seed_digest.entities, Span(start, start + len(surname)))
    assert entity is not None and entity.name.endswith(surname) and " " in entity.name


def test_mentions_are_trimmed_words(seed_digest: Digest) -> None:
    text = seed_digest.text
    for entity in seed_digest.entities:
        for mention in entity.mentions:
            words = text[mention.start : mention.end]
            assert words == words.strip() and not words.endswith(("'s", "’s")), words
    ford = person(seed_digest, "Rob Ford")
    assert span_of(text, "Rob Ford") in ford.mentions  # "Rob Ford's" without the 's
    university = [e for e in seed_digest.entities if e.name == "University of Toronto"]
    assert university and university[0].type == "ORG"  # "the" left out


def test_chanted_slogan_is_not_a_person(seed_digest: Digest) -> None:
    text = seed_digest.text
    assert entity_at(seed_digest.entities, span_of(text, "Ho ho")) is None


def test_the_mayor_is_ford_and_the_deputy_mayor_is_not(seed_digest: Digest) -> None:
    text = seed_digest.text
    ford = person(seed_digest, "Rob Ford")
    assert entity_at(seed_digest.entities, span_of(text, "The mayor later")) is ford
    assert entity_at(seed_digest.entities, span_of(text, "Toronto's embattled mayor")) is ford
    kelly = person(seed_digest, "Norm Kelly")
    assert span_of(text, "Deputy Mayor") not in kelly.mentions


@pytest.mark.parametrize(
    ("context", "pronoun", "name"),
    [
        ("He said several city councilors", "He", "James Pasternak"),
        ("He said the chances", "He", "Nelson Wiseman"),
        ("she's concerned", "she", "Kathleen Wynne"),
        ("But she said it was up to police", "she", "Kathleen Wynne"),
        ("but he has declined", "he", "Bill Blair"),
        ("He has said he plans", "He", "Rob Ford"),
        ("Ford acknowledged for the first time Tuesday that he", "he", "Rob Ford"),
    ],
)
def test_pronouns_of_speakers_are_linked(
    seed_digest: Digest, context: str, pronoun: str, name: str
) -> None:
    text = seed_digest.text
    start = text.index(context) + word_at(context, pronoun)
    entity = entity_at(seed_digest.entities, Span(start, start + len(pronoun)))
    assert entity is not None and entity.name == name


@pytest.mark.parametrize(
    ("context", "pronoun"),
    [
        ("He's the only one", "He"),  # inside a quote: its speaker's "he" is someone else
        ("suggested he take", "he"),  # Kelly or Ford: left alone rather than guessed
    ],
)
def test_doubtful_pronouns_are_left_alone(seed_digest: Digest, context: str, pronoun: str) -> None:
    text = seed_digest.text
    start = text.index(context) + word_at(context, pronoun)
    assert entity_at(seed_digest.entities, Span(start, start + len(pronoun))) is None


def test_ids_follow_first_mention(seed_digest: Digest) -> None:
    entities = seed_digest.entities
    assert [e.id for e in entities] == [f"e{i}" for i in range(1, len(entities) + 1)]
    firsts = [e.mentions[0].start for e in entities]
    assert firsts == sorted(firsts)
