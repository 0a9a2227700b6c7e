"""Speaker resolution: the words naming a source, turned into a cast member or None.

A name is resolved by the cast mention it overlaps. A title ("the premier") is
resolved when exactly one person in the cast carries that title. A personal pronoun
is resolved when the cast linked it to a person the story does not state to be of the
other gender. Anything else is left to :mod:`.discourse`, which ranks the story's
cast around the quote, or stays unresolved rather than guessed.
"""

from __future__ import annotations

from newsdigest.analysis import Analysis
from newsdigest.cast import entity_at
from newsdigest.cast.coref import pronoun_gender
from newsdigest.model import Entity, Quote, Span
from newsdigest.quotes.attribution import Attribution

PERSONAL = frozenset({"he", "she", "him", "her"})
_TITLE_DETS = ("the ", "a ", "an ")


def quote_with_speaker(
    analysis: Analysis,
    cast: tuple[Entity, ...],
    span: Span,
    direct: bool,
    found: Attribution | None,
) -> Quote:
    """The quote of the words at ``span``, with the cue and the speaker ``found`` gives.

    analysis (Analysis): the analysed story.
    cast (tuple[Entity, ...]): the story's cast.
    span (Span): the quote's content.
    direct (bool): whether the content stood between quote marks.
    found (Attribution | None): the cue and the words naming the source, if any.
    RETURNS (Quote): the speaker resolved against the cast where that is certain.
    """
    text = analysis.text
    speaker_span = found.speaker if found else None
    speaker = resolve_speaker(analysis, cast, speaker_span) if speaker_span else None
    if speaker is None and found is not None and found.alias is not None:
        # "Its president, Tom Lindqvist, said": the name beside the description.
        speaker = resolve_speaker(analysis, cast, found.alias)
        if speaker is not None:
            speaker_span = found.alias
    return Quote(
        text=text[span.start : span.end],
        span=span,
        direct=direct,
        speaker=speaker.id if speaker else None,
        speaker_text=text[speaker_span.start : speaker_span.end] if speaker_span else None,
        speaker_span=speaker_span,
        cue=text[found.cue.start : found.cue.end] if found else None,
        cue_span=found.cue if found else None,
    )


def resolve_speaker(analysis: Analysis, cast: tuple[Entity, ...], span: Span) -> Entity | None:
    """The cast member the words at ``span`` name, or None when that is not certain.

    analysis (Analysis): the analysed story.
    cast (tuple[Entity, ...]): the story's cast.
    span (Span): the words naming the speaker ("Okafor", "the premier", "he").
    RETURNS (Entity | None): the speaker, or None.
    """
    span = _after_possessor(analysis.text, span)
    entity = _head_entity(analysis.text, cast, span)
    words = analysis.text[span.start : span.end].lower()
    if words in PERSONAL:
        # The cast links a pronoun to a person only where the story leaves no doubt.
        wanted = pronoun_gender(words)
        if entity is None or entity.type != "PERSON" or entity.gender not in (wanted, None):
            return None
        return entity
    if entity is not None:
        return entity
    if words.startswith(_TITLE_DETS):
        return _titled(analysis, cast, words.split(maxsplit=1)[1])
    return None


def _after_possessor(text: str, span: Span) -> Span:
    """The words after the last possessor: "Luna's lawyer" names a lawyer, not Luna."""
    words = text[span.start : span.end]
    cut = max(words.rfind("'s "), words.rfind("’s "))
    return Span(span.start + cut + 3, span.end) if cut >= 0 else span


def _head_entity(text: str, cast: tuple[Entity, ...], span: Span) -> Entity | None:
    """The entity the words name: the person named by the head word ("Homeland Security
    Secretary Jeh Johnson" is Johnson, not the department), else the entity with the most
    overlap, only if a mention covers the head word: "the Kelly campaign spokesman" is not
    Kelly, nor "a Cambridge resident" Cambridge."""
    words = text[span.start : span.end].split()
    if not words:
        return None
    head = Span(span.end - len(words[-1]), span.end)
    person = entity_at(cast, head)
    if person is not None and person.type == "PERSON":
        return person
    entity = entity_at(cast, span)
    if entity is None or not words[-1].islower():
        return entity
    return entity if any(m.overlaps(head) for m in entity.mentions) else None


def _titled(analysis: Analysis, cast: tuple[Entity, ...], title: str) -> Entity | None:
    """The one person who holds ``title``: among their titles, or written just before
    their name with a capital ("Premier Walter Haines" for "the premier")."""
    wanted = title.lower().split()
    if not wanted or len(wanted) > 3:
        return None
    holders: dict[str, Entity] = {}
    for entity in cast:
        if entity.type != "PERSON":
            continue
        if any(_ends_with(role.text.split(), wanted) for role in entity.titles):
            holders[entity.id] = entity
            continue
        for mention in entity.mentions:
            before = analysis.text[max(0, mention.start - 60) : mention.start].split()
            if _ends_with(before, wanted) and before[-1][:1].isupper():
                holders[entity.id] = entity
                break
    return next(iter(holders.values())) if len(holders) == 1 else None


def _ends_with(words: list[str], wanted: list[str]) -> bool:
    """Whether ``words`` end with ``wanted``, ignoring case."""
    tail = [w.lower() for w in words[-len(wanted) :]]
    return len(tail) == len(wanted) and tail == wanted
