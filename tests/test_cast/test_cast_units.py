"""entity_at, the cast's invariants on generated stories, and title matching."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdigest.analysis import Analysis
from newsdigest.cast import entity_at, find_cast
from newsdigest.model import Article, Entity, Span

FORD = Entity(id="e1", type="PERSON", name="Rob Ford", mentions=(Span(0, 8), Span(20, 22)))
TORONTO = Entity(id="e2", type="GPE", name="Toronto", mentions=(Span(30, 37),))
MAYOR = Entity(id="e3", type="PERSON", name="Ann Lee", mentions=(Span(30, 47),))


def test_entity_at_finds_the_mention_under_the_words() -> None:
    cast = (FORD, TORONTO)
    assert entity_at(cast, Span(4, 8)) is FORD
    assert entity_at(cast, Span(20, 22)) is FORD
    assert entity_at(cast, Span(9, 19)) is None
    assert entity_at((), Span(0, 5)) is None


def test_entity_at_prefers_the_largest_overlap() -> None:
    # "Toronto's embattled mayor": the description, not the place inside it.
    assert entity_at((TORONTO, MAYOR), Span(30, 47)) is MAYOR
    assert entity_at((TORONTO, MAYOR), Span(30, 37)) is TORONTO


FIRST = ["Anna", "Peter", "Lucia", "Omar", "Grace"]
LAST = ["Novak", "Brennan", "Okoro", "Lindgren", "Castillo"]
PLACES = ["Lisbon", "Toronto", "Nairobi", "Oslo"]
VERBS = ["said", "told reporters", "announced", "warned"]


@st.composite
def stories(draw: st.DrawFn) -> str:
    sentences = []
    for _ in range(draw(st.integers(1, 5))):
        who = f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}"
        if draw(st.booleans()):
            who = f"Mayor {who}"
        place = draw(st.sampled_from(PLACES))
        verb = draw(st.sampled_from(VERBS))
        tail = draw(st.sampled_from(["", "'s office", ", a lawyer in " + place]))
        sentences.append(f"{who}{tail} {verb} on Monday that the plan for {place} would go ahead.")
        if draw(st.booleans()):
            sentences.append(f'{draw(st.sampled_from(["He", "She"]))} said it was "a good day".')
    return " ".join(sentences)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_cast_invariants(text: str) -> None:
    cast = find_cast(Analysis(Article(text=text)))
    assert [e.id for e in cast] == [f"e{i}" for i in range(1, len(cast) + 1)]
    firsts = [e.mentions[0].start for e in cast]
    assert firsts == sorted(firsts)
    for entity in cast:
        assert list(entity.mentions) == sorted(set(entity.mentions))
        assert entity.name in {text[m.start : m.end] for m in entity.mentions}
        for mention in entity.mentions:
            words = text[mention.start : mention.end]
            assert 0 <= mention.start < mention.end <= len(text)
            assert words == words.strip() and not words.endswith("'s")
        for role in entity.titles:
            assert text[role.span.start : role.span.end] == role.text
