"""Who a quote belongs to when its sentence is not "...," X said: reports inside reports,
quotes with no reporting verb, and quotes the story does not attribute (stories written
for these tests)."""

from __future__ import annotations

import newsdigest
from newsdigest.model import Digest, Quote


def digest_of(text: str) -> Digest:
    return newsdigest.digest(text, published="2026-03-11", only=["entities", "quotes"])


def quote_with(result: Digest, words: str) -> Quote:
    found = [q for q in result.quotes if q.direct and words in q.text]
    assert found, f"no quote with {words!r}: {[q.text for q in result.quotes]}"
    return found[0]


def mixed_with(result: Digest, words: str) -> Quote:
    found = [q for q in result.quotes if q.kind == "mixed" and words in q.text]
    assert found, f"no mixed quote with {words!r}: {[q.text for q in result.quotes]}"
    return found[0]


def test_a_partial_quote_in_reported_speech_is_listed_once_as_part_of_it() -> None:
    result = digest_of(
        "Councillor Tom Okafor said on Monday that the mayor had called the library plan "
        'a "slow-motion disaster for the east ward."\n'
    )
    quote = mixed_with(result, "slow-motion disaster")
    assert quote.speaker_text == "Councillor Tom Okafor"
    assert quote.cue == "said"
    assert not quote.direct
    assert [q.kind for q in result.quotes] == ["mixed"]


def test_the_outer_source_need_not_be_named() -> None:
    result = digest_of(
        "The union's lawyer said on Monday that the mayor had called the strike "
        'a "reckless gamble with the city\'s buses."\n'
    )
    quote = mixed_with(result, "reckless gamble")
    assert quote.speaker_text == "The union's lawyer"


def test_a_quote_with_no_reporting_verb_is_said_by_the_person_the_sentence_is_about() -> None:
    result = digest_of(
        "Harbour City's budget fight grew louder this week. On Monday, Councillor Dana "
        'Whitfield went after the budget as a "bottomless pit for every tax dollar we raise."\n'
    )
    quote = quote_with(result, "bottomless pit")
    assert quote.speaker_text is not None and "Whitfield" in quote.speaker_text


def test_a_quote_paragraph_continues_the_last_named_speaker() -> None:
    result = digest_of(
        "Mayor Elena Brooks said the council would vote on Tuesday.\n\n"
        "The vote was delayed by a power cut at City Hall.\n\n"
        '"Nobody saw that coming, and nobody could have stopped it."\n'
    )
    quote = quote_with(result, "Nobody saw that coming")
    entity = result.entity(quote.speaker or "")
    assert entity is not None and entity.name == "Elena Brooks"
    assert quote.speaker_text == "Mayor Elena Brooks" and quote.cue is None


def test_a_quote_the_story_does_not_attribute_has_no_speaker() -> None:
    result = digest_of(
        "The vote was delayed by a power cut at City Hall.\n\n"
        '"Nobody saw that coming, and nobody could have stopped it."\n'
    )
    quote = quote_with(result, "Nobody saw that coming")
    assert quote.speaker is None
    assert quote.speaker_span is None


def test_a_pronoun_speaker_is_the_person_the_story_is_about() -> None:
    result = digest_of(
        "Councillor Dana Whitfield voted against the budget on Monday. The vote was close.\n\n"
        '"We cannot spend what we do not have," she said.\n'
    )
    quote = quote_with(result, "We cannot spend")
    entity = result.entity(quote.speaker or "")
    assert entity is not None and entity.name == "Dana Whitfield"
    assert quote.speaker_text == "she"


def test_a_group_speaks_as_a_member_of_the_cast() -> None:
    result = digest_of(
        "More than 200 people gathered outside City Hall on Monday.\n\n"
        '"Save our pool!" they chanted.\n\n'
        "Police said the protest was peaceful.\n"
    )
    speakers = {q.text: result.entity(q.speaker or "") for q in result.quotes}
    chant, police = speakers["Save our pool!"], speakers["the protest was peaceful"]
    assert chant is not None and (chant.type, chant.name) == ("GROUP", "More than 200 people")
    assert police is not None and (police.type, police.name) == ("ORG", "Police")


def test_a_title_before_a_name_does_not_make_the_organisation_the_speaker() -> None:
    result = digest_of(
        "Harbour City Transit said on Friday that fares would rise.\n\n"
        '"The increase is small and overdue," Harbour City Transit spokesman Raj Patel said.\n'
    )
    quote = quote_with(result, "The increase is small")
    assert quote.speaker is not None
    entity = result.entity(quote.speaker)
    assert entity is not None and entity.name == "Raj Patel"
