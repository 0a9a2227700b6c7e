"""The pipeline reads the story's language: English is filled in, others are refused."""

from __future__ import annotations

import pytest

import newsdigest
from newsdigest.errors import ConfigError, InputError
from newsdigest.language import plainly_english
from newsdigest.settings import Settings

FRENCH = (
    "Le conseil municipal de Lyon a adopté mardi soir un budget de 1,2 milliard d'euros, "
    "après plus de six heures de débats. L'opposition a dénoncé une hausse des impôts locaux "
    "que la maire juge indispensable pour financer la rénovation des écoles de la ville."
)


def test_an_english_story_gets_its_language(example_story: str) -> None:
    assert newsdigest.digest(example_story, only=["dates"]).article.language == "en"
    assert plainly_english(example_story * 2)


def test_a_story_clearly_in_french_is_refused_naming_the_language() -> None:
    with pytest.raises(InputError, match="reads as French"):
        newsdigest.digest(FRENCH, only=["dates"])
    assert not plainly_english(FRENCH + " " + FRENCH)


def test_naming_the_language_skips_detection() -> None:
    digest = newsdigest.digest(FRENCH, only=["dates"], settings=Settings(language="en"))
    assert digest.article.language == "en"


def test_only_english_can_be_named() -> None:
    with pytest.raises(ConfigError, match="reads en"):
        Settings(language="fr")


def test_a_refused_story_in_a_batch_costs_only_itself(example_story: str) -> None:
    results = newsdigest.digest_many([example_story, FRENCH], only=["dates"])
    assert next(results).article.language == "en"
    with pytest.raises(InputError, match="French"):
        next(results)
