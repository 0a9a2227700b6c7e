"""The seed story's quotes go to the right people (skips without ../shared).

The expected speakers were checked by hand against the story; quotes are named by their
order rather than by their words, so none of the story's text is copied here.
"""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

import newsdigest
from helpers import SEED_PUBLISHED
from newsdigest.model import Digest
from newsdigest.quote_marks import find_marked

# The quote-marked passages of the story in order, and who says each: a passage inside
# reported speech is part of that mixed quote and has its speaker.
MARKED_SPEAKERS = [
    "Rob Ford",  # two partial quotes inside the report of his admission
    "Rob Ford",
    "More than 200 people",  # the protesters' chant ("they chanted")
    "James Pasternak",  # a partial quote inside his reported speech ("He said ...")
    "Frances Nunziata",
    "Frances Nunziata",
    "Norm Kelly",
    "Norm Kelly",  # the quote with a backtick quote nested in it
    "Janet Davis",
    "Nelson Wiseman",  # a partial quote after "He said"
    "Denzil Minnan-Wong",
    "Denzil Minnan-Wong",
]
STANCE_CUES = {"rejected", "dismissed", "refused", "declined", "ask"}


@pytest.fixture(scope="module")
def seed_digest(seed_story: str) -> Digest:
    return newsdigest.digest(seed_story, published=SEED_PUBLISHED, only=["entities", "quotes"])


def name_of(result: Digest, entity_id: str | None) -> str | None:
    entity = result.entity(entity_id) if entity_id else None
    return entity.name if entity else None


def test_seed_story_has_at_least_ten_quotes(seed_digest: Digest) -> None:
    assert len(seed_digest.quotes) >= 10


def test_seed_quote_marked_passages_are_attributed_to_the_right_people(
    seed_digest: Digest,
) -> None:
    speakers = []
    for passage in find_marked(seed_digest.text):
        [quote] = [q for q in seed_digest.quotes if q.span.overlaps(passage.inner)]
        assert quote.kind in ("direct", "mixed")
        speakers.append(name_of(seed_digest, quote.speaker))
    assert speakers == MARKED_SPEAKERS
    for quote in seed_digest.quotes:
        assert seed_digest.text[quote.span.start : quote.span.end] == quote.text


def test_seed_quotes_are_speech_each_listed_once_with_a_speaker(seed_digest: Digest) -> None:
    quotes = seed_digest.quotes
    assert not [q.cue for q in quotes if q.cue in STANCE_CUES]
    for first, second in itertools.pairwise(quotes):
        assert not first.span.overlaps(second.span)
    for quote in quotes:
        entity = seed_digest.entity(quote.speaker or "")
        assert entity is not None and entity.type in ("PERSON", "ORG", "GROUP"), quote


def test_seed_reported_speech_names_its_speakers(seed_digest: Digest) -> None:
    reported = Counter(name_of(seed_digest, q.speaker) for q in seed_digest.quotes if not q.direct)
    # the premier's two statements, and the reports of the councillors and the professor
    assert reported["Kathleen Wynne"] >= 2
    for person in ("James Pasternak", "Frances Nunziata", "Norm Kelly", "Nelson Wiseman"):
        assert reported[person] >= 1, reported
