"""Quotes of stories written for these tests, with speakers checked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdigest
from newsdigest.model import Digest, Quote

LIBRARIES = """Harbour City's mayor on Monday defended a plan to close two branch libraries.

Mayor Elena Brooks said the closures would save $2 million a year. “We have to make hard \
choices,” Brooks said. “Nobody likes this, but the numbers are the numbers.”

Councillor Tom Okafor, who represents the east ward, called the plan a “slow-motion \
disaster.” He said residents had not been consulted.

“I have heard from hundreds of families,” Okafor told reporters after the meeting. “They \
are angry, and they have every right to be.”

According to the city's finance office, the libraries cost $4.1 million to run last year.

Premier Walter Haines has said he would not intervene in municipal budgets.

“This is a local decision,” the premier said in a statement on Tuesday.

Outside City Hall, protesters chanted “Save our shelves!” as the council met. Several \
speakers called the closures a "betrayal" of the east ward.
"""

RAILWAY = """The chief executive of Norbridge Rail, Helen Carter, said on Friday that services \
would return to normal next week.

'We are sorry for the disruption,' Carter said. 'Our engineers have worked around the clock.'

Union leader Raj Patel was less forgiving. "The company knew about the faults for months," \
Patel said. "Staff warned them again and again.

"Nobody listened, and passengers paid the price."

Carter rejected that account. "When an engineer tells me `this is unsafe,' I act on it," \
she said.

The company's new timetable, branded as "Rail Forward," starts on Monday.
"""

UNBALANCED = """The shop's sign read "Closed for good.

"We tried everything," owner Maria Lopez said. "The rent doubled in a year."
"""


def digest_of(text: str) -> Digest:
    return newsdigest.digest(text, published="2026-03-11", only=["entities", "quotes"])


@pytest.fixture(scope="module")
def libraries() -> Digest:
    return digest_of(LIBRARIES)


@pytest.fixture(scope="module")
def railway() -> Digest:
    return digest_of(RAILWAY)


def quote_with(result: Digest, words: str) -> Quote:
    found = [q for q in result.quotes if words in q.text]
    assert found, f"no quote with {words!r}: {[q.text for q in result.quotes]}"
    return found[0]


def speaker_name(result: Digest, quote: Quote) -> str | None:
    if quote.speaker is None:
        return None
    entity = result.entity(quote.speaker)
    assert entity is not None
    return entity.name


def test_every_quote_points_at_its_text(libraries: Digest, railway: Digest) -> None:
    for result in (libraries, railway):
        for quote in result.quotes:
            assert result.text[quote.span.start : quote.span.end] == quote.text
            if quote.speaker_span is not None:
                span = quote.speaker_span
                assert result.text[span.start : span.end] == quote.speaker_text
            if quote.cue_span is not None:
                assert result.text[quote.cue_span.start : quote.cue_span.end] == quote.cue


@pytest.mark.parametrize(
    ("words", "speaker", "speaker_text"),
    [
        ("We have to make hard choices", "Elena Brooks", "Brooks"),
        ("Nobody likes this", "Elena Brooks", "Brooks"),  # follow-on in the same paragraph
        ("slow-motion disaster.", "Tom Okafor", "Councillor Tom Okafor"),  # partial quote
        ("I have heard from hundreds", "Tom Okafor", "Okafor"),
        ("They are angry", "Tom Okafor", "Okafor"),
        ("This is a local decision", "Walter Haines", "the premier"),  # a title
    ],
)
def test_direct_quotes_and_their_speakers(
    libraries: Digest, words: str, speaker: str, speaker_text: str
) -> None:
    quote = quote_with(libraries, words)
    assert quote.direct
    assert speaker_name(libraries, quote) == speaker
    assert quote.speaker_text == speaker_text


def test_a_speaker_outside_the_cast_is_null_not_a_guess(libraries: Digest) -> None:
    chant = quote_with(libraries, "Save our shelves!")
    assert chant.direct and chant.speaker is None
    assert chant.speaker_text == "protesters"
    betrayal = quote_with(libraries, "betrayal")
    assert betrayal.speaker is None and betrayal.speaker_text == "Several speakers"


@pytest.mark.parametrize(
    ("words", "speaker", "speaker_text", "cue"),
    [
        ("the closures would save $2 million", "Elena Brooks", "Mayor Elena Brooks", "said"),
        ("residents had not been consulted", "Tom Okafor", "He", "said"),  # a pronoun
        ("the libraries cost $4.1 million", None, "the city's finance office", "According to"),
        ("he would not intervene", "Walter Haines", "Premier Walter Haines", "said"),
    ],
)
def test_indirect_speech(
    libraries: Digest, words: str, speaker: str | None, speaker_text: str, cue: str
) -> None:
    quote = quote_with(libraries, words)
    assert not quote.direct
    assert speaker_name(libraries, quote) == speaker
    assert quote.speaker_text == speaker_text
    assert quote.cue == cue


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("We are sorry for the disruption", "Helen Carter"),  # British single quotes
        ("Our engineers have worked", "Helen Carter"),
        ("The company knew about the faults", "Raj Patel"),
        ("Staff warned them again", "Raj Patel"),  # runs on into the next paragraph
        ("Nobody listened", "Raj Patel"),  # the continued paragraph keeps its speaker
        ("When an engineer tells me `this is unsafe,' I act on it", "Helen Carter"),  # nested
    ],
)
def test_quote_styles(railway: Digest, words: str, speaker: str) -> None:
    quote = quote_with(railway, words)
    assert quote.direct
    assert speaker_name(railway, quote) == speaker


def test_titles_in_quote_marks_are_not_quotes(railway: Digest) -> None:
    assert not [q for q in railway.quotes if "Rail Forward" in q.text and q.direct]


def test_an_odd_number_of_marks_keeps_the_later_quotes() -> None:
    result = digest_of(UNBALANCED)
    tried = quote_with(result, "We tried everything")
    rent = quote_with(result, "The rent doubled")
    assert speaker_name(result, tried) == speaker_name(result, rent) == "Maria Lopez"


def test_a_described_speaker_resolves_through_the_name_beside_it(railway: Digest) -> None:
    quote = quote_with(railway, "services would return to normal")
    assert not quote.direct
    assert speaker_name(railway, quote) == "Helen Carter"
    assert quote.speaker_text is not None and quote.speaker_text.endswith("Carter")


def test_a_report_inside_a_report_is_not_repeated() -> None:
    result = digest_of(
        "Mayor Ines Varga said she expects the council to approve the budget on Monday.\n\n"
        "Councillor Tom Okafor said the treasurer told him the money had run out.\n"
    )
    reports = [(q.text, speaker_name(result, q)) for q in result.quotes if not q.direct]
    assert reports == [
        ("she expects the council to approve the budget on Monday", "Ines Varga"),
        ("the treasurer told him the money had run out", "Tom Okafor"),
    ]


_WORDS = st.sampled_from(
    ["said", "Kelly", "he", "told", "reporters", "according", "to", "the", "mayor", "plan"]
)
_MARKS = st.sampled_from(['"', "“", "”", "'", "‘", "’", "``", "''", "`", ",", ".", ":", "\n\n"])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(_WORDS, _MARKS), max_size=30))
def test_any_arrangement_of_marks_gives_spans_of_the_exact_text(pieces: list[str]) -> None:
    text = "Mayor Jo Kelly spoke. " + " ".join(pieces)
    result = digest_of(text)
    for quote in result.quotes:
        assert 0 <= quote.span.start < quote.span.end <= len(text)
        assert text[quote.span.start : quote.span.end] == quote.text
        if quote.speaker_span is not None:
            assert text[quote.speaker_span.start : quote.speaker_span.end] == quote.speaker_text
        assert quote.speaker is None or result.entity(quote.speaker) is not None


@pytest.mark.parametrize(
    ("story", "content", "speaker_text"),
    [
        (
            "The factory was a giant, Mayor Jo Kelly said, until it closed in 1999.\n",
            "The factory was a giant, Mayor Jo Kelly said, until it closed in 1999",
            "Mayor Jo Kelly",
        ),
        (
            "Mayor Jo Kelly told reporters the pool would reopen in June.\n",
            "the pool would reopen in June",
            "Mayor Jo Kelly",
        ),
        (
            "Mayor Jo Kelly urged residents to save water this summer.\n",
            "residents to save water this summer",
            "Mayor Jo Kelly",
        ),
        (
            "The pool will reopen in June, according to Mayor Jo Kelly.\n",
            "The pool will reopen in June",
            "Mayor Jo Kelly",
        ),
    ],
)
def test_forms_of_reported_speech(story: str, content: str, speaker_text: str) -> None:
    result = digest_of(story)
    reports = [q for q in result.quotes if not q.direct]
    assert [(q.text, q.speaker_text) for q in reports] == [(content, speaker_text)]


@pytest.mark.parametrize(
    "story",
    [
        "A new survey shows the mayor with a clear lead among young voters.\n",
        "The council's plan is supported by Mayor Jo Kelly and two unions.\n",
        "Mayor Jo Kelly vowed to reopen the pool before the summer.\n",
        "Mayor Jo Kelly rejected the advice of her allies on Monday.\n",
        "Mayor Jo Kelly believes the pool will reopen in June.\n",
        "Treasurer Sam Ortiz learned that the pool would close.\n",
        "Mayor Jo Kelly asked whether the pool would reopen in June.\n",
    ],
)
def test_stances_findings_and_questions_are_not_quotes(story: str) -> None:
    assert digest_of(story).quotes == ()


def test_a_label_that_names_no_one_is_not_a_speaker() -> None:
    result = digest_of(
        "Mayor Jo Kelly opened the pool on Monday.\n\n"
        "READ MORE: The pool that took ten years to build\n\n"
        "KELLY: We kept our promise to the children of this city.\n"
    )
    assert [(q.speaker_text, q.text) for q in result.quotes] == [
        ("KELLY", "We kept our promise to the children of this city.")
    ]


def test_a_quoted_transcript_line_is_said_by_its_label() -> None:
    result = digest_of(
        "Part of the interview follows.\n\n"
        '"HOST: Will the pool reopen this summer?\n\n'
        '"KELLY: It will, and it will be free for children."\n'
    )
    lines = [(q.text, q.speaker_text, q.cue) for q in result.quotes if q.direct]
    assert lines == [
        ("Will the pool reopen this summer?", "HOST", ":"),
        ("It will, and it will be free for children.", "KELLY", ":"),
    ]


def test_a_speaker_described_by_someone_else_is_not_that_person() -> None:
    result = digest_of(
        'Mayor Jo Kelly faces a fraud trial. "The case is weak," Kelly\'s lawyer said on Monday.\n'
    )
    quote = quote_with(result, "The case is weak")
    assert quote.speaker_text == "Kelly's lawyer"
    assert quote.speaker is None


def test_a_quote_ending_with_a_full_stop_ends_its_sentence() -> None:
    result = digest_of(
        '"We will not close the pool," Mayor Jo Kelly said. "We will fix it." '
        "Still, treasurer Sam Ortiz said the money had run out.\n"
    )
    second = quote_with(result, "We will fix it.")
    assert speaker_name(result, second) == "Jo Kelly"
