"""The seed story's quotes go to the right people (skips without ../shared)."""

from __future__ import annotations

import pytest

import newsdigest
from helpers import SEED_PUBLISHED
from newsdigest.model import Digest


@pytest.fixture(scope="module")
def seed_digest(seed_story: str) -> Digest:
    return newsdigest.digest(seed_story, published=SEED_PUBLISHED, only=["entities", "quotes"])


def speaker_of(result: Digest, words: str) -> str | None:
    quote = next(q for q in result.quotes if words in q.text)
    entity = result.entity(quote.speaker) if quote.speaker else None
    return entity.name if entity else None


def test_seed_story_has_at_least_ten_quotes(seed_digest: Digest) -> None:
    assert len(seed_digest.quotes) >= 10
    assert len([q for q in seed_digest.quotes if q.direct]) >= 10


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("probably a year ago", "Rob Ford"),
        ("orchestrate a dignified exit", "James Pasternak"),
        ("There's nothing we can do", "Frances Nunziata"),
        ("He needs to take some time off", "Frances Nunziata"),
        ("It came right out of the blue", "Norm Kelly"),
        ("What have you been smoking?", "Norm Kelly"),
        ("He has stubbornly refused", "Janet Davis"),
        ("slim to none", "Nelson Wiseman"),
        ("The right thing to do", "Denzil Minnan-Wong"),
        ("I remain concerned", "Denzil Minnan-Wong"),
        ("it was up to police, the courts or the mayor", "Kathleen Wynne"),
    ],
)
def test_seed_quotes_are_attributed_to_the_right_people(
    seed_digest: Digest, words: str, speaker: str
) -> None:
    assert speaker_of(seed_digest, words) == speaker


def test_the_chant_of_a_crowd_has_no_cast_speaker(seed_digest: Digest) -> None:
    assert speaker_of(seed_digest, "Hey hey! Ho ho!") is None
