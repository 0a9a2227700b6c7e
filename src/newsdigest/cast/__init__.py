"""The cast: people, organisations and places, each once, with every mention and role.

``find_cast(analysis)`` reads the one spaCy parse of the story and:

1. finds the names (:mod:`.names`: spaCy's entities repaired and retyped with what the
   story shows, :mod:`.labeller`: the learned type of each name);
2. groups them, a surname joining the full name it ends;
3. gives people their titles and roles (:mod:`.roles`) and links descriptions
   ("the mayor") to the person who holds that title;
4. links pronouns ("he said") where the story leaves no doubt (:mod:`.coref`), which
   also states each person's gender;
5. adds the groups that speak without a proper name ("Police said", "critics say",
   :mod:`.groups`).

Every step is a linear walk over the Doc's tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdigest.analysis import Analysis
from newsdigest.cast._mention import Member, Mention, Words
from newsdigest.cast.coref import GENDER_NAMES, link_pronouns, narrated_sentences
from newsdigest.cast.groups import GROUP, speaking_groups
from newsdigest.cast.names import full_name, group_names, name_mentions
from newsdigest.cast.roles import add_roles, descriptions, link_descriptions
from newsdigest.model import Entity, Gender, Span

__all__ = ["CAST_TYPES", "entity_at", "find_cast", "name_mentions_of"]

# The types that make the cast; the other name types (NORP, LAW, ...) are scored but not listed.
CAST_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", GROUP})


def find_cast(analysis: Analysis) -> tuple[Entity, ...]:
    """The story's cast, each member once, with every mention, in order of first mention.

    analysis (Analysis): the analysed story; its spaCy Doc is read, never re-parsed.
    RETURNS (tuple[Entity, ...]): ids ``e1, e2, ...``; each entity's mentions are its names
        (trimmed: no possessive, no leading "the"), descriptions ("the mayor") and pronouns.
    """
    doc = analysis.words
    members = [m for m in cast_members(analysis, doc) if m.label in CAST_TYPES]
    spans = [_mention_spans(doc, m) for m in members]
    order = sorted(range(len(members)), key=lambda k: (spans[k][0].start, spans[k][0].end))
    return tuple(
        Entity(
            id=f"e{number}",
            type=members[k].label,
            name=full_name(doc, members[k]),
            mentions=spans[k],
            titles=tuple(sorted(members[k].roles, key=lambda r: r.span)),
            gender=_person_gender(members[k]),
        )
        for number, k in enumerate(order, start=1)
    )


def _person_gender(member: Member) -> Gender | None:
    if member.label != "PERSON":
        return None
    return GENDER_NAMES.get(member.gender or "")


def cast_members(analysis: Analysis, doc: Words | None = None) -> list[Member]:
    """Every named member of the story (all name types), with roles, descriptions, pronouns.

    analysis (Analysis): the analysed story.
    doc (Words | None): its Doc's tokens when the caller has them already.
    """
    doc = doc or analysis.words
    members = group_names(doc, name_mentions(doc))
    people = [m for m in members if m.label == "PERSON"]
    add_roles(doc, people)
    taken = _taken(doc, members)
    lead = analysis.sentences[0].end if analysis.sentences else 0
    lead_end = next((t.i for t in doc if t.idx >= lead), len(doc))
    link_descriptions(doc, people, descriptions(doc, taken), lead_end)
    quoted = analysis.quoted_tokens
    narrated = narrated_sentences(doc, _sentence_of(analysis, doc), quoted)
    link_pronouns(doc, people, narrated, quoted)
    members.extend(speaking_groups(doc, _taken(doc, members), quoted, narrated))
    return members


def name_mentions_of(analysis: Analysis) -> list[tuple[Span, str]]:
    """The story's name mentions with their types (what ``newsdigest eval entities`` scores)."""
    doc = analysis.words
    return [(m.span(doc), m.label) for m in name_mentions(doc)]


def entity_at(cast: Sequence[Entity], span: Span) -> Entity | None:
    """The cast member that the words at ``span`` refer to, if any.

    cast (Sequence[Entity]): the story's cast.
    span (Span): words of the story, e.g. a quote's speaker ("Kelly", "the premier", "he").
    RETURNS (Entity | None): the entity with a mention overlapping ``span`` the most
        (the tighter mention first, then a person), else None.
    """
    best: tuple[int, int, bool] | None = None
    found: Entity | None = None
    for entity in cast:
        for mention in entity.mentions:
            if not mention.overlaps(span):
                continue
            shared = min(mention.end, span.end) - max(mention.start, span.start)
            rank = (shared, -len(mention), entity.type == "PERSON")
            if best is None or rank > best:
                best, found = rank, entity
    return found


def _mention_spans(doc: Words, member: Member) -> tuple[Span, ...]:
    mentions: list[Mention] = [*member.names, *member.others]
    return tuple(sorted({m.span(doc) for m in mentions}))


def _taken(doc: Words, members: Sequence[Member]) -> list[bool]:
    taken = [False] * len(doc)
    for member in members:
        for m in member.names:
            for i in range(m.start, m.end):
                taken[i] = True
        for role in member.roles:
            for i in range(_token_at(doc, role.span.start), _token_at(doc, role.span.end - 1) + 1):
                taken[i] = True
    return taken


def _token_at(doc: Words, offset: int) -> int:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return int(span.start) if span is not None else 0


def _sentence_of(analysis: Analysis, doc: Words) -> list[int]:
    """Sentence index of every token (one walk over tokens and sentences together)."""
    sentences = analysis.sentences
    index, out = 0, []
    for token in doc:
        while index + 1 < len(sentences) and token.idx >= sentences[index].end:
            index += 1
        out.append(index)
    return out
