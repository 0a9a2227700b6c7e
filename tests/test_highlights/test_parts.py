"""The pieces of the learned highlighter: normalising, captions, compression, titles, ROUGE."""

from __future__ import annotations

from newsdigest.highlights.captions import is_boilerplate, split_captions
from newsdigest.highlights.compress import compress
from newsdigest.highlights.normalize import split_tokenized, tokenize, words
from newsdigest.highlights.oracle import greedy_oracle
from newsdigest.highlights.titles import title_from_url
from newsdigest.model import Span


def test_raw_text_is_normalised_like_the_training_release() -> None:
    raw = "He didn’t say “Ford’s” (CNN) -- U.S. aides paid 6,000 dollars — won't"
    tokenized = (
        "he did n't say \" ford 's \" -lrb- cnn -rrb- -- u.s. aides paid 6,000 dollars -- wo n't"
    )
    assert words(raw) == words(tokenized)


def test_tokens_point_at_their_characters() -> None:
    text = "  Police didn’t (yet) say."
    for token in tokenize(text):
        assert text[token.start : token.end].lower().replace("’", "'") in {
            token.norm,
            "didn",
        } or token.norm in {"n't", "(", ")"}


def test_tokenized_text_splits_at_stops_keeping_closing_quotes() -> None:
    sentences = split_tokenized(words('he said . " we won . " then it rained .'))
    assert sentences == [
        ["he", "said", "."],
        ['"', "we", "won", ".", '"'],
        ["then", "it", "rained", "."],
    ]


def test_glued_caption_is_cut_off_and_flagged() -> None:
    text = "Crowds gathered at the harbour on a cold Sunday morning The ferry firm said sorry."
    pieces = split_captions(text, Span(0, len(text)))
    assert [(text[p.start : p.end], c) for p, c in pieces] == [
        ("Crowds gathered at the harbour on a cold Sunday morning", True),
        ("The ferry firm said sorry.", False),
    ]


def test_titles_inside_sentences_are_not_captions() -> None:
    text = "The voyage was retold in The Long Road Home starring a local cast."
    assert split_captions(text, Span(0, len(text))) == [(Span(0, len(text)), False)]


def test_labelled_caption_is_flagged_but_speech_is_not() -> None:
    caption = "Rescued: the crew of the trawler waits on the quay (pictured)."
    speech = "He said: 'We will win.'"
    assert split_captions(caption, Span(0, len(caption)))[0][1]
    assert not split_captions(speech, Span(0, len(speech)))[0][1]


def test_boilerplate_is_recognised() -> None:
    assert is_boilerplate(words("Scroll down for video"))
    assert is_boilerplate(words("By . Daily Mail Reporter ."))
    assert is_boilerplate(words("PUBLISHED: . 12:01 EST, 3 June 2013 ."))
    assert not is_boilerplate(words("The video was shared by thousands of people."))


def _kept(sentence: str) -> str:
    tokens = words(sentence)
    return " ".join(t for a, b in compress(tokens) for t in tokens[a:b])


def test_compression_drops_attribution_connective_aside_and_dateline() -> None:
    assert _kept("The suspect fled the country last week, police said.") == (
        "the suspect fled the country last week"
    )
    assert _kept("But the mayor refused to step aside.") == "the mayor refused to step aside ."
    assert _kept("Harry Kane (left) has scored 30 goals.") == "harry kane has scored 30 goals ."
    assert _kept("LONDON (CNN) -- Prices rose again on Monday.") == "prices rose again on monday ."


def test_compression_keeps_quotes_and_short_sentences_whole() -> None:
    assert _kept("'We will go to court,' she said.") == "' we will go to court , ' she said ."
    assert _kept("But why?") == "but why ?"


def test_title_from_url_slugs() -> None:
    dm = "http://www.dailymail.co.uk/news/article-3025219/Greece-denies-fail-pay-loan.html"
    cnn = "http://web.archive.org/web/2015id_/http://www.cnn.com/2015/03/06/asia/rape-suspect-hanging/"
    assert title_from_url(dm) == "Greece denies fail pay loan"
    assert title_from_url(cnn) == "rape suspect hanging"
    assert title_from_url("http://example.com/") is None


def test_oracle_chooses_the_sentences_that_match_the_reference() -> None:
    sentences = [words(s) for s in ("The cat sat.", "Markets fell sharply today.", "Dogs bark.")]
    assert greedy_oracle(sentences, words("markets fell sharply")) == [1]


def test_clause_rules_drop_an_opening_phrase_and_a_trailing_participle() -> None:
    from newsdigest.highlights.compress import ALL_RULES

    tokens = words(
        "After months of talks, the union accepted the offer from the city on Friday, "
        "ending a strike that had closed schools for a week."
    )
    kept = " ".join(t for a, b in compress(tokens, rules=ALL_RULES) for t in tokens[a:b])
    assert kept == "the union accepted the offer from the city on friday"
