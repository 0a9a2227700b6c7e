"""Speaker resolution against a cast: names, titles, pronouns, and when to give up."""

from __future__ import annotations

from newsdigest.analysis import Analysis
from newsdigest.model import Article, Entity, Role, Span
from newsdigest.quotes.speakers import resolve_speaker

TEXT = (
    "Premier Walter Haines met Ms. Ana Ruiz on Monday. "
    "She said the deal was done. The premier said he agreed. "
    "Later, they said nothing."
)


def span_of(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words))


HE = Span(TEXT.index(" he agreed") + 1, TEXT.index(" he agreed") + 3)


def cast(*, she_to_haines: bool = False, haines_gender: str | None = None) -> tuple[Entity, ...]:
    haines = [span_of("Walter Haines"), HE]
    ruiz = [span_of("Ana Ruiz")]
    (haines if she_to_haines else ruiz).append(span_of("She"))
    return (
        Entity(
            id="e1",
            type="PERSON",
            name="Walter Haines",
            mentions=tuple(sorted(haines)),
            titles=(Role(text="Premier", span=span_of("Premier")),),
            gender="male" if haines_gender == "male" else None,
        ),
        Entity(id="e2", type="PERSON", name="Ana Ruiz", mentions=tuple(ruiz)),
    )


def analysis() -> Analysis:
    return Analysis(Article(text=TEXT))


def test_the_pronoun_in_the_cast_resolves() -> None:
    assert TEXT[HE.start : HE.end] == "he"
    speaker = resolve_speaker(analysis(), cast(), span_of("She"))
    assert speaker is not None and speaker.name == "Ana Ruiz"


def test_a_title_resolves_to_its_only_holder() -> None:
    speaker = resolve_speaker(analysis(), cast(), span_of("The premier"))
    assert speaker is not None and speaker.name == "Walter Haines"


def test_a_pronoun_of_the_other_gender_is_not_taken_from_the_cast() -> None:
    # The cast put "She" on Haines, whom the story states to be a man: no speaker, not him.
    people = cast(she_to_haines=True, haines_gender="male")
    assert resolve_speaker(analysis(), people, span_of("She")) is None
    unknown = cast(she_to_haines=True)
    speaker = resolve_speaker(analysis(), unknown, span_of("She"))
    assert speaker is not None and speaker.name == "Walter Haines"


def test_plural_and_unknown_speakers_stay_unresolved() -> None:
    assert resolve_speaker(analysis(), cast(), span_of("they")) is None
    assert resolve_speaker(analysis(), cast(), span_of("the deal")) is None
