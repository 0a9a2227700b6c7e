"""Names in a headline set in title case or capitals are cut to the names the body uses."""

from __future__ import annotations

from newsdigest.analysis import Analysis
from newsdigest.cast import find_cast
from newsdigest.model import Article


def names_of(text: str) -> dict[str, list[str]]:
    cast = find_cast(Analysis(Article(text=text)))
    return {e.name: [text[m.start : m.end] for m in e.mentions] for e in cast}


def test_a_title_case_headline_is_cut_to_the_names_of_the_body() -> None:
    story = (
        "Premier Haines Overrules Ruiz On Harbour Budget\n\n"
        "Premier Walter Haines overruled Finance Minister Ana Ruiz on Monday.\n"
        "Ruiz said she would respect the decision.\n"
    )
    names = names_of(story)
    assert "Haines Overrules Ruiz" not in names
    assert names["Walter Haines"] == ["Haines", "Walter Haines"]
    assert names["Ana Ruiz"] == ["Ruiz", "Ana Ruiz", "Ruiz"]


def test_a_sentence_full_of_names_is_not_a_headline() -> None:
    story = "Mayor Elena Marsh met Raj Patel in Lisbon on Monday.\nMarsh thanked the Red Cross.\n"
    names = names_of(story)
    assert names["Elena Marsh"] == ["Elena Marsh", "Marsh"]
