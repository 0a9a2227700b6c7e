"""The word budget: never exceeded, met by dropping whole clauses, never by cutting a phrase."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import newsdigest
from newsdigest.highlights.normalize import tokenize
from newsdigest.highlights.select import Sentence, fitting_form, word_count
from newsdigest.sentences import split_sentences

from .test_faithful import assert_faithful


def _sentence(text: str) -> Sentence:
    tokens = tokenize(text)
    joined = [i > 0 and tokens[i - 1].end == t.start for i, t in enumerate(tokens)]
    return Sentence([t.norm for t in tokens], joined, [(0, len(tokens))])


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def test_words_are_counted_as_a_reader_sees_them() -> None:
    text = "The 35-year-old didn't pay $2,000 — a fine, police said."
    sentence = _sentence(text)
    assert word_count(sentence, sentence.kept) == _words(text) == 9


def test_a_long_sentence_keeps_its_first_clauses_when_the_budget_is_short() -> None:
    text = (
        "The council voted on Tuesday to close the old bridge to all traffic from June, "
        "but shop owners on the east bank said they would fight the decision in court."
    )
    sentence = _sentence(text)
    form = fitting_form(sentence, 16, cut=True)
    assert form is not None
    ranges, n = form
    kept = " ".join(t for a, b in ranges for t in sentence.norms[a:b])
    assert kept == "the council voted on tuesday to close the old bridge to all traffic from june"
    assert n == 15
    assert fitting_form(sentence, 16, cut=False) is None
    assert fitting_form(sentence, 4, cut=True) is None


def test_no_clause_is_cut_inside_a_quote() -> None:
    sentence = _sentence('"We will close the bridge, and we will not reopen it," the mayor said.')
    assert fitting_form(sentence, 12, cut=True) is None


_WORD = st.sampled_from(
    "the mayor council bridge closed police said on Friday 2,000 didn't Ford's U.S. "
    "officials ferry vote traffic residents".split()
)
_PUNCT = st.sampled_from([",", ", but", ", which", ";", " --", " (left)", ":", ""])
_CLAUSE = st.lists(_WORD, min_size=1, max_size=30).map(" ".join)
_SENTENCE = st.lists(st.tuples(_CLAUSE, _PUNCT), min_size=1, max_size=6).map(
    lambda parts: (" ".join(c + p for c, p in parts)).strip(" ,;:-") + "."
)
_STORY = st.lists(_SENTENCE, min_size=1, max_size=10).map(
    lambda sentences: " ".join(s[:1].upper() + s[1:] for s in sentences)
)
_RUN_ON = st.lists(_WORD, min_size=60, max_size=200).map(lambda w: " ".join(w).capitalize())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_STORY, _RUN_ON), st.integers(5, 120), st.sampled_from([None, 1, 3, 6]))
@example("Police " + "closed the bridge and " * 40 + "left.", 30, None)
@example("The. The.", 5, None)  # a bullet that is a whole sentence may end before the next
def test_bullets_never_exceed_the_budget_and_end_where_a_clause_ends(
    text: str, budget: int, count: int | None
) -> None:
    options = newsdigest.Settings(max_words=budget, highlights=count)
    result = newsdigest.digest(text, only=["highlights"], settings=options)
    assert sum(_words(h.text) for h in result.highlights) <= budget
    sentence_ends = {s.end for s in split_sentences(text)}
    for highlight in result.highlights:
        assert_faithful(text, highlight)
        end = highlight.spans[-1].end
        after = text[end:].lstrip()
        assert end in sentence_ends or not after[:1].isalnum(), (highlight.text, after[:30])
