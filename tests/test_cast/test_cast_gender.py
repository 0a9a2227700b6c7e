"""A person's gender as the story states it, and the groups that speak (stories of our own)."""

from __future__ import annotations

from newsdigest.analysis import Analysis
from newsdigest.cast import find_cast
from newsdigest.model import Article, Entity

STORY = (
    "Premier Walter Haines met Ms. Ana Ruiz and Jordan Lee in Harbour City on Monday.\n\n"
    '"We agreed on the budget," Haines said. He added that the vote would come in May.\n\n'
    "Spokeswoman Kim Park said the talks would go on. Lee left early.\n\n"
    "Critics say the budget is too small. Police said the meeting was calm.\n"
)


def cast_of(text: str) -> dict[str, Entity]:
    return {e.name: e for e in find_cast(Analysis(Article(text=text)))}


def test_gender_comes_from_pronouns_honorifics_and_titles() -> None:
    cast = cast_of(STORY)
    assert cast["Walter Haines"].gender == "male"  # "He added"
    assert cast["Ana Ruiz"].gender == "female"  # "Ms."
    assert cast["Kim Park"].gender == "female"  # "Spokeswoman"


def test_gender_is_never_guessed_from_a_first_name() -> None:
    cast = cast_of(STORY)
    assert cast["Jordan Lee"].gender is None
    assert all(e.gender is None for e in cast.values() if e.type != "PERSON")


def test_a_pronoun_of_the_other_gender_does_not_join_a_stated_person() -> None:
    story = "Ms. Sam Lind and Rob Kent opened the shop in May. He said sales were slow.\n"
    cast = cast_of(story)
    assert cast["Sam Lind"].gender == "female"
    assert cast["Rob Kent"].gender == "male"
    assert len(cast["Sam Lind"].mentions) == 1


def test_groups_that_speak_are_in_the_cast() -> None:
    cast = cast_of(STORY)
    assert cast["Critics"].type == "GROUP"
    assert cast["Police"].type == "ORG"
    assert "Harbour City" in cast and cast["Harbour City"].type == "GPE"


def test_a_name_ends_at_a_possessive_and_a_title_inside_a_name_makes_a_person() -> None:
    cast = cast_of(
        "Harbour City Police Chief Dana Reyes spoke after Jordan Lee's Harbour City "
        "restaurant closed. Reyes said the inquiry would take a month.\n"
    )
    assert cast["Dana Reyes"].type == "PERSON"
    assert not [name for name in cast if "Lee's" in name or "Lee’s" in name]


def test_a_they_that_speaks_is_the_group_before_it() -> None:
    cast = cast_of(
        "Hundreds of nurses marched to the legislature on Monday.\n\n"
        '"We are exhausted," they said.\n'
    )
    group = cast["Hundreds of nurses"]
    assert group.type == "GROUP" and len(group.mentions) == 2
