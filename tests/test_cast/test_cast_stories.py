"""Stories of our own with hand-checked casts: titles, appositives, surnames, pronouns."""

from __future__ import annotations

import re

import pytest

import newsdigest
from newsdigest.cast import entity_at
from newsdigest.model import Digest, Entity, Span

FINANCE_STORY = """\
Riverton's new finance minister on Thursday promised to cut the deficit in half, a day after \
the budget office warned of a shortfall.

Maria Lopez, who took office in January, told lawmakers that spending on roads would be \
frozen. She said the government would sell its stake in the national airline.

Opposition leader David Chen called the plan reckless. "This budget punishes families," Chen \
said. He urged the minister to resign.

Prime Minister Anna Kowalski backed Lopez. "Maria has my full support," Kowalski told \
reporters in Port Elwood, the capital. She added that the cabinet would meet on Monday.

Lopez's predecessor, Tomas Berg, resigned in December after an audit of the Riverton Central \
Bank. Berg has denied wrongdoing.

Protesters outside the Parliament building chanted "Na na na na, hey hey, goodbye!" as the \
minister left.

Economist Sara Lind, a lecturer at Elwood University, said the cuts could slow growth. \
"Cutting roads now is a mistake," Lind said.
"""


@pytest.fixture(scope="module")
def finance() -> Digest:
    return newsdigest.digest(FINANCE_STORY, published="2026-02-06", only=["entities"])


@pytest.fixture(scope="module")
def council(example_story: str) -> Digest:
    return newsdigest.digest(example_story, published="2026-03-11", only=["entities"])


def named(digest: Digest, name: str) -> Entity:
    found = [e for e in digest.entities if e.name == name]
    assert len(found) == 1, [e.name for e in digest.entities]
    return found[0]


def at(digest: Digest, context: str, word: str) -> Entity | None:
    """The entity that ``word``, inside the first ``context``, refers to."""
    match = re.search(rf"\b{re.escape(word)}\b", context)
    assert match is not None
    start = digest.text.index(context) + match.start()
    return entity_at(digest.entities, Span(start, start + len(word)))


def roles(entity: Entity) -> list[str]:
    return [r.text for r in entity.titles]


def test_titles_before_names_and_appositives(finance: Digest) -> None:
    assert roles(named(finance, "David Chen")) == ["Opposition leader"]
    assert roles(named(finance, "Anna Kowalski")) == ["Prime Minister"]
    assert roles(named(finance, "Tomas Berg")) == ["Lopez's predecessor"]
    assert roles(named(finance, "Sara Lind")) == ["Economist", "a lecturer at Elwood University"]


def test_given_name_and_surname_join_the_full_name(finance: Digest) -> None:
    lopez = named(finance, "Maria Lopez")
    assert at(finance, '"Maria has my full support', "Maria") is lopez
    assert at(finance, "backed Lopez", "Lopez") is lopez
    assert at(finance, "Lopez's predecessor", "Lopez") is lopez
    assert Span(*[FINANCE_STORY.index("Lopez's"), FINANCE_STORY.index("Lopez's") + 5]) in (
        lopez.mentions
    )


def test_pronouns_follow_the_subject(finance: Digest) -> None:
    assert at(finance, "She said the government", "She") is named(finance, "Maria Lopez")
    assert at(finance, "He urged the minister", "He") is named(finance, "David Chen")
    assert at(finance, "She added that", "She") is named(finance, "Anna Kowalski")


def test_the_minister_is_not_the_prime_minister(finance: Digest) -> None:
    assert at(finance, "He urged the minister", "minister") is not named(finance, "Anna Kowalski")


def test_organisations_and_places(finance: Digest) -> None:
    assert named(finance, "Riverton Central Bank").type == "ORG"
    assert named(finance, "Elwood University").type == "ORG"
    assert named(finance, "Port Elwood").type == "GPE"


def test_chant_is_nobody(finance: Digest) -> None:
    assert at(finance, '"Na na na na', "Na na na na") is None
    assert at(finance, "hey hey, goodbye", "hey hey") is None


def test_example_story_cast(council: Digest) -> None:
    marsh = named(council, "Elena Marsh")
    assert roles(marsh) == ["Mayor"] and at(council, '," Marsh said', "Marsh") is marsh
    patel = named(council, "Raj Patel")
    assert roles(patel) == ["Councillor"]
    assert at(council, 'to choose," he said', "he") is patel
    assert at(council, "Patel said he expects", "he") is patel
    okafor = named(council, "Amina Okafor")
    assert roles(okafor) == ["a hydrologist at Northshore University"]
    assert at(council, "According to Okafor", "Okafor") is okafor
    assert roles(named(council, "Tom Lindqvist")) == ["president"]
    assert roles(named(council, "Carla Mendes")) == ["spokeswoman"]
    hale = named(council, "Simon Hale")
    assert roles(hale) == ["Deputy Mayor"]
    assert at(council, "He said the final decision", "He") is hale


def test_example_story_organisations_and_places(council: Digest) -> None:
    assert named(council, "Northshore University").type == "ORG"
    assert named(council, "Harbour Falls Chamber of Commerce").type == "ORG"
    assert named(council, "Ministry of Transportation").type == "ORG"
    assert named(council, "Gull Island").type == "LOC"
    assert named(council, "Dock Street").type == "FAC"


def test_abbreviated_titles_name_the_office() -> None:
    text = (
        "Sen. Ann Lee met Gov. Tom Ray on Monday. The senator later left. "
        "The governor stayed. Spokeswoman Jo Park declined to comment. She left early."
    )
    digest = newsdigest.digest(text, only=["entities"])
    lee, ray, park = (named(digest, n) for n in ("Ann Lee", "Tom Ray", "Jo Park"))
    assert roles(lee) == ["Sen."] and roles(ray) == ["Gov."]
    assert at(digest, "The senator later", "The senator") is lee
    assert at(digest, "The governor stayed", "The governor") is ray
    assert at(digest, "She left early", "She") is park


def test_reflexive_and_object_pronouns_respect_their_verb() -> None:
    text = (
        "Tom Ray said his dog saved him. Ann Lee, who had herself resigned, blamed herself. "
        "A guard who had himself fled said nothing."
    )
    digest = newsdigest.digest(text, only=["entities"])
    ray, lee = named(digest, "Tom Ray"), named(digest, "Ann Lee")
    assert at(digest, "saved him", "him") is ray  # the dog saved him: not the dog
    assert at(digest, "blamed herself", "herself") is lee
    assert at(digest, "had herself resigned", "herself") is None  # "who" resigned
    assert at(digest, "had himself fled", "himself") is None


def test_full_name_follows_its_surname_and_given_name_its_full_name() -> None:
    text = (
        "Rafael Nadal beat Ana Ruiz's brother 6-3 6-1 on Wednesday. Nadal said the clay was slow. "
        "Nadal will play again on Friday."
    )
    digest = newsdigest.digest(text, only=["entities"])
    nadal = named(digest, "Rafael Nadal")
    assert nadal.type == "PERSON"
    assert at(digest, "Nadal will play", "Nadal") is nadal


def test_roles_need_a_person_noun_set_off_from_the_name() -> None:
    text = (
        "She met friends from school, Sharmeena Begum. Rovers forward\u00a0Roy Asotasi scored. "
        "The club thanked its former coach, Ian Hart. Shiraz Maher, an analyst at the "
        "institute, agreed."
    )
    digest = newsdigest.digest(text, only=["entities"])
    assert roles(named(digest, "Sharmeena Begum")) == []
    assert roles(named(digest, "Roy Asotasi")) == ["Rovers forward"]
    assert roles(named(digest, "Ian Hart")) == ["former coach"]
    assert roles(named(digest, "Shiraz Maher")) == ["an analyst at the institute"]
