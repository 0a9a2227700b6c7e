"""Speakers the words beside a quote do not name, found from the story around it.

The words beside a quote name its speaker when they are a name or a title the cast holds.
Otherwise they are a pronoun the cast left unlinked ("he said"), a description ("the
rookie defenceman", "the agency"), a writing that speaks for its author ("a statement",
"the union's release"), or nothing at all (a quote paragraph after the speaker's quote).
Each such quote is given the best-ranked candidate among the cast members mentioned before
it, when one fits:

1. the speaker of the previous quote, when it was within :data:`CONTINUE_PARAGRAPHS`
   paragraphs and fits the words (a person of the pronoun's gender; an organisation for
   "it", "the agency" or a writing);
2. else the nearest earlier cast member that fits and is the main subject of its sentence,
   up to :data:`REACH_SENTENCES` sentences back ("Mulder didn't hesitate. "It's this for
   sure," he said.");
3. else no one: the words stay as written with a ``null`` speaker.

A quote with no words at all is given only the previous speaker. A description that
repeats a description introduced earlier ("a justice official" ... "the official said")
refers to that unnamed source, not to a cast member.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.cast import entity_at
from newsdigest.cast.coref import pronoun_gender
from newsdigest.lexicon import words
from newsdigest.model import Entity, Quote, Span
from newsdigest.quotes.speakers import PERSONAL

# A quote paragraph continues the speaker of a quote at most this many paragraphs back.
CONTINUE_PARAGRAPHS = 2
# A subject carries on as the story's topic at most this many sentences back.
REACH_SENTENCES = 4
_ORG_PRONOUNS = frozenset({"it"})
_ORG_NOUNS = words("org_words") | words("org_heads")
_DOCUMENTS = words("document_nouns")
_SPEAKING_TYPES = frozenset({"PERSON", "ORG"})
_AUTHOR_PREPS = frozenset({"from", "by", "of"})


@dataclass(frozen=True, slots=True)
class _Wanted:
    """What kind of cast member the words beside a quote can stand for."""

    types: frozenset[str]
    gender: str | None = None
    continues_only: bool = False
    pronoun: bool = False


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    entity: Entity
    subject: bool


def fill_speakers(analysis: Analysis, cast: Sequence[Entity], quotes: list[Quote]) -> list[Quote]:
    """The quotes, in text order, each unresolved speaker ranked from the story around it.

    analysis (Analysis): the analysed story.
    cast (Sequence[Entity]): the story's cast.
    quotes (list[Quote]): the quotes in text order.
    RETURNS (list[Quote]): the same quotes; a quote given a speaker here keeps its words as
        written (a pronoun, a description), or takes the previous quote's when it has none.
    """
    mentions = _mentions(analysis, cast)
    starts = [m.start for m in mentions]
    out: list[Quote] = []
    previous: Quote | None = None
    for quote in quotes:
        if quote.speaker is None:
            quote = _ranked(analysis, cast, mentions, starts, quote, previous)
        if quote.speaker_span is not None:
            previous = quote
        out.append(quote)
    return out


def _ranked(
    analysis: Analysis,
    cast: Sequence[Entity],
    mentions: list[_Mention],
    starts: list[int],
    quote: Quote,
    previous: Quote | None,
) -> Quote:
    wanted = _wanted(analysis, quote)
    if wanted is None:
        return quote
    if (
        previous is not None
        and _continues(analysis, previous, quote)
        and _fits_previous(previous, wanted, mentions)
    ):
        if quote.speaker_span is None:
            return replace(
                quote,
                speaker=previous.speaker,
                speaker_text=previous.speaker_text,
                speaker_span=previous.speaker_span,
            )
        return replace(quote, speaker=previous.speaker)
    if quote.speaker_span is None:
        return quote
    if wanted.continues_only:
        return quote
    found = _author(analysis, cast, quote.speaker_span) or _topic(
        analysis, mentions, starts, quote.speaker_span.start, wanted
    )
    return replace(quote, speaker=found.id) if found is not None else quote


def _author(analysis: Analysis, cast: Sequence[Entity], span: Span) -> Entity | None:
    """The cast member a writing names as its author: "a statement from the ministry",
    "the union's release" (when the cast holds the union)."""
    head = _head_token(analysis, span)
    if head is None or head.lower_ not in _DOCUMENTS:
        return None
    for child in head.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPS):
            for token in child.subtree:
                entity = entity_at(cast, Span(token.idx, token.idx + len(token)))
                if entity is not None and entity.type in _SPEAKING_TYPES:
                    return entity
    return None


def _wanted(analysis: Analysis, quote: Quote) -> _Wanted | None:
    """What the words beside a quote can stand for, or None when they name someone as
    written (a name the cast does not hold, a group, an unnamed source)."""
    if quote.speaker_span is None:
        return _Wanted(_SPEAKING_TYPES, continues_only=True) if quote.direct else None
    text = analysis.text
    said = text[quote.speaker_span.start : quote.speaker_span.end]
    lower = said.lower()
    if lower in PERSONAL:
        return _Wanted(frozenset({"PERSON"}), pronoun_gender(lower), pronoun=True)
    if lower in _ORG_PRONOUNS:
        return _Wanted(frozenset({"ORG"}), pronoun=True)
    head = _head_token(analysis, quote.speaker_span)
    if head is None or head.pos_ != "NOUN":
        return None
    noun = head.lower_
    if noun in _DOCUMENTS or (noun in _ORG_NOUNS and head.tag_ != "NNS"):
        return _Wanted(frozenset({"ORG"}))
    if head.tag_ == "NNS":
        return None
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    if not definite or _introduced(text, quote.speaker_span.start, noun):
        return None
    return _Wanted(frozenset({"PERSON"}))


def _introduced(text: str, before: int, noun: str) -> bool:
    """Whether an indefinite description with the same noun came earlier ("a justice
    official" before "the official"): the description refers to that unnamed source."""
    earlier = text[:before].lower()
    for article in ("a ", "an "):
        at = earlier.find(article)
        while at >= 0:
            end = earlier.find(noun, at, at + 60)
            if end >= 0 and "." not in earlier[at:end]:
                return True
            at = earlier.find(article, at + 1)
    return False


def _head_token(analysis: Analysis, span: Span) -> Any:
    doc = analysis.doc
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    return found.root if found is not None else None


def _continues(analysis: Analysis, previous: Quote, quote: Quote) -> bool:
    """Whether a quote is at most :data:`CONTINUE_PARAGRAPHS` paragraphs after the previous."""
    here = analysis.paragraph_index(quote.span.start)
    there = analysis.paragraph_index(previous.span.start)
    return here is not None and there is not None and 0 <= here - there <= CONTINUE_PARAGRAPHS


def _fits_previous(previous: Quote, wanted: _Wanted, mentions: list[_Mention]) -> bool:
    if previous.speaker is None:
        return wanted.continues_only
    entity = next((m.entity for m in mentions if m.entity.id == previous.speaker), None)
    return entity is not None and _fits(entity, wanted)


def _fits(entity: Entity, wanted: _Wanted) -> bool:
    if entity.type not in wanted.types:
        return False
    return wanted.gender is None or entity.gender in (None, wanted.gender)


def _topic(
    analysis: Analysis, mentions: list[_Mention], starts: list[int], at: int, wanted: _Wanted
) -> Entity | None:
    """For a pronoun, the nearest earlier subject that fits, up to a few sentences back; for
    a description ("the 39-year-old founder"), the member that fits and is mentioned in
    those sentences who is mentioned most in the story (the one it is about)."""
    here = analysis.sentence_index(at)
    if here is None:
        return None
    near: list[Entity] = []
    for k in range(bisect.bisect_left(starts, at) - 1, -1, -1):
        mention = mentions[k]
        sentence = analysis.sentence_index(mention.start)
        if sentence is None or sentence < here - REACH_SENTENCES:
            break
        if not _fits(mention.entity, wanted):
            continue
        if wanted.pronoun and mention.subject:
            return mention.entity
        near.append(mention.entity)
    if wanted.pronoun or not near:
        return None
    return max(near, key=lambda e: (len(e.mentions), -near.index(e)))


def _mentions(analysis: Analysis, cast: Sequence[Entity]) -> list[_Mention]:
    """Every mention of a cast member that may speak, in text order, marked when it is the
    subject of a verb."""
    doc = analysis.doc
    found: list[_Mention] = []
    for entity in cast:
        if entity.type not in _SPEAKING_TYPES:
            continue
        for span in entity.mentions:
            words_at = doc.char_span(span.start, span.end, alignment_mode="expand")
            subject = words_at is not None and words_at.root.dep_ in ("nsubj", "nsubjpass")
            found.append(_Mention(span.start, span.end, entity, subject))
    found.sort(key=lambda m: m.start)
    return found
