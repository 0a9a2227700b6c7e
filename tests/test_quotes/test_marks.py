"""Quote-marked passages in every house style, and robustness to unbalanced marks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdigest.quote_marks import Marked, find_marked


def inner_texts(text: str) -> list[str]:
    return [text[m.inner.start : m.inner.end] for m in find_marked(text)]


def test_straight_and_curly_double_quotes() -> None:
    text = 'He said "it is over." She said “it is not,” and left.'
    assert inner_texts(text) == ["it is over.", "it is not"]


def test_trailing_comma_inside_the_marks_is_not_content() -> None:
    text = "“We will rebuild,” the mayor said."
    assert inner_texts(text) == ["We will rebuild"]


def test_british_single_quotes_and_apostrophes() -> None:
    text = "‘We can't wait,’ she said. The players' union's 'final offer' stands."
    assert inner_texts(text) == ["We can't wait", "final offer"]


def test_typewriter_pairs_backticks_and_double_apostrophes() -> None:
    text = "``Not today,'' he said. ''Maybe tomorrow,'' she replied."
    assert inner_texts(text) == ["Not today", "Maybe tomorrow"]


def test_a_quote_inside_a_quote_belongs_to_the_outer_one() -> None:
    text = '"She said, `Where have you been?"\' he recalled.'
    assert inner_texts(text) == ["She said, `Where have you been?"]
    text = "‘She told me “never again”,’ he said."
    assert inner_texts(text) == ["She told me “never again”"]


def test_a_quote_spanning_sentences_is_one_passage() -> None:
    text = '"First point. Second point. Third point," she said.'
    assert inner_texts(text) == ["First point. Second point. Third point"]


def test_a_quote_continued_across_paragraphs() -> None:
    text = '"The first paragraph of the quote.\n\n"The second, closed," he said.'
    passages = find_marked(text)
    assert inner_texts(text) == ["The first paragraph of the quote.", "The second, closed"]
    assert passages[0].continued and not passages[0].closed
    assert passages[1].closed and not passages[1].continued


def test_an_unclosed_mark_does_not_swallow_the_story() -> None:
    text = 'The sign read "Closed for good.\nLater, "We tried everything," the owner said.'
    assert inner_texts(text) == ["Closed for good.", "We tried everything"]


def test_a_mark_opening_again_ends_the_unclosed_passage() -> None:
    text = 'He said "one thing. "Another thing," she said.'
    assert inner_texts(text) == ["one thing.", "Another thing"]


def test_a_closing_mark_with_nothing_open_quotes_its_line() -> None:
    text = "We tried everything we could,” the owner said."
    assert inner_texts(text) == ["We tried everything we could"]


def test_inches_and_minutes_are_not_quote_marks() -> None:
    assert find_marked("He is 6'2\" tall and ran the mile in 4'05\".") == []


def test_a_backwards_curly_mark_is_read_from_where_it_stands() -> None:
    text = "They want “order,” ”like before” and calm."
    assert inner_texts(text) == ["order", "like before"]


@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"'`“”‘’:")), max_size=80))
def test_passages_are_ordered_disjoint_spans_of_the_text(text: str) -> None:
    passages = find_marked(text)
    previous: Marked | None = None
    for passage in passages:
        assert 0 <= passage.outer.start <= passage.inner.start
        assert passage.inner.end <= passage.outer.end <= len(text)
        assert any(ch.isalnum() for ch in text[passage.inner.start : passage.inner.end])
        if previous is not None:
            assert previous.outer.end <= passage.outer.start
        previous = passage


def test_low_and_angle_quotes() -> None:
    text = "Sie sagte „wir bleiben“ und er sagte «nous partons» hier."
    assert inner_texts(text) == ["wir bleiben", "nous partons"]
