"""Sentence splitting of news text: the habits of news punctuation."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdigest.sentences import paragraphs, split_sentences


def sentences_of(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"Why would I?" he said. She left.',
            ['"Why would I?" he said.', "She left."],
        ),
        (
            '"Go now!" shouted the officer. Nobody moved.',
            ['"Go now!" shouted the officer.', "Nobody moved."],
        ),
        (
            "The U.S. Senate voted. It was close.",
            ["The U.S. Senate voted.", "It was close."],
        ),
        ("He moved to the U.S. He was 12.", ["He moved to the U.S.", "He was 12."]),
        (
            "Gov. Jerry Brown spoke on Jan. 5 in Sacramento.",
            ["Gov. Jerry Brown spoke on Jan. 5 in Sacramento."],
        ),
        (
            "The vote is at 3 p.m. Tuesday in the hall.",
            ["The vote is at 3 p.m. Tuesday in the hall."],
        ),
        (
            "The vote ended at 3 p.m. The mayor left.",
            ["The vote ended at 3 p.m.", "The mayor left."],
        ),
        (
            "``It is over,'' she said. Then she left.",
            ["``It is over,'' she said.", "Then she left."],
        ),
        ('She said: "It is over." Then she left.', ['She said: "It is over."', "Then she left."]),
        (
            "Dr. Amina Okafor and John F. Kennedy Jr. met.",
            ["Dr. Amina Okafor and John F. Kennedy Jr. met."],
        ),
    ],
)
def test_news_punctuation(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


def test_headline_without_full_stop_is_its_own_sentence() -> None:
    text = "Council delays ferry vote\n\nThe council on Tuesday delayed the vote."
    assert sentences_of(text) == [
        "Council delays ferry vote",
        "The council on Tuesday delayed the vote.",
    ]


def test_numbered_list_items_are_not_split_after_the_number() -> None:
    text = "Results:\n1. Anna Berg 13.60\n2. Jo Lind 13.71"
    assert sentences_of(text) == ["Results:", "1. Anna Berg 13.60", "2. Jo Lind 13.71"]


def test_paragraphs_are_blocks_between_blank_lines() -> None:
    text = "  First para.\nStill first.\n\n\n Second para.  \n"
    assert [text[p.start : p.end] for p in paragraphs(text)] == [
        "First para.\nStill first.",
        "Second para.",
    ]


@given(st.text())
def test_sentences_are_ordered_trimmed_and_inside_the_text(text: str) -> None:
    spans = split_sentences(text)
    for before, after in itertools.pairwise(spans):
        assert before.end <= after.start
    for span in spans:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip() and "\n" not in piece


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"why would i?" he said. she left. the u.s. senate voted. he moved to the u.s. he '
            "was 12. gov. jerry brown spoke on jan. 5 in sacramento.",
            [
                '"why would i?" he said.',
                "she left.",
                "the u.s. senate voted.",
                "he moved to the u.s.",
                "he was 12.",
                "gov. jerry brown spoke on jan. 5 in sacramento.",
            ],
        ),
        (
            '"WHY WOULD I?" HE SAID. SHE LEFT. DR. AMINA OKAFOR AND JOHN F. KENNEDY JR. MET.',
            [
                '"WHY WOULD I?" HE SAID.',
                "SHE LEFT.",
                "DR. AMINA OKAFOR AND JOHN F. KENNEDY JR. MET.",
            ],
        ),
        (
            "prices rose to 51.9. traders said the market was quiet, and closed at 3 p.m. friday.",
            [
                "prices rose to 51.9.",
                "traders said the market was quiet, and closed at 3 p.m. friday.",
            ],
        ),
    ],
)
def test_text_without_case_splits_like_cased_text(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


def test_tokenized_text_splits_at_stops_standing_alone() -> None:
    text = (
        "london ( cnn ) -- the ferry left at 3 p.m. on friday , police said . "
        'mr. smith did n\'t go to the u.s. . " we will win . " the crowd cheered . '
        "\" why ? \" he asked . ' it is over , ' she said . -lrb- it rained . -rrb- then "
        "it stopped ."
    )
    assert sentences_of(text) == [
        "london ( cnn ) -- the ferry left at 3 p.m. on friday , police said .",
        "mr. smith did n't go to the u.s. .",
        '" we will win . "',
        "the crowd cheered .",
        '" why ? " he asked .',
        "' it is over , ' she said .",
        "-lrb- it rained . -rrb-",
        "then it stopped .",
    ]


def test_a_quote_running_over_sentences_closes_with_the_last() -> None:
    text = '" there were thousands . many were students , " he said . " we had to act . " then'
    assert sentences_of(text + " it ended .") == [
        '" there were thousands .',
        'many were students , " he said .',
        '" we had to act . "',
        "then it ended .",
    ]


def test_a_short_lowercase_line_is_read_as_cased() -> None:
    assert sentences_of("he left. she came.") == ["he left. she came."]
