"""What a reporting cue reports, read off the dependency parse: a clause, an aim, an object.

The clausal complement ("said (that) ..."), the aim ("vowed to ..."), the object and its
complement ("called it a disgrace", "likened the plan to a tax"), the findings of a poll
or a study ("a survey shows the mayor ahead"), the object of a preposition ("talked about
..."), what ``according to X`` qualifies, and a sentence with an attribution inserted in it
("The mill was a giant, Mr. Berg said, until ...", reported whole).
"""

from __future__ import annotations

from typing import Any

from newsdigest.quotes.attribution import SUBJECT_DEPS, is_passive, subject_of
from newsdigest.quotes.cues import (
    INTENT_FORMS,
    NAMING_FORMS,
    PREP_FORMS,
    SPEECH_FORMS,
    STANCE_FORMS,
    is_finding,
    noun_content,
    prep_object,
)

_SHORTEST_CLAUSE = 3


def reported_content(cue: Any) -> tuple[int, int] | None:
    """Token range ``[first, last]`` of what a cue reports, if the parse shows it.

    cue (spacy.tokens.Token): a token for which :func:`~newsdigest.quotes.cues.is_cue` holds.
    RETURNS (tuple[int, int] | None): a clause, an aim, an object or a prepositional object.
    """
    lower = cue.lower_
    if lower == "according":
        return _according_clause(cue)
    if cue.pos_ == "NOUN":
        return noun_content(cue)
    children = list(cue.children)
    for child in children:
        if child.dep_ == "ccomp":
            return child.left_edge.i, child.right_edge.i
    if cue.dep_ == "parataxis" and lower in SPEECH_FORMS:
        return _parataxis_clause(cue)
    if lower in SPEECH_FORMS:
        found = _speech_clause(cue, children)
        if found is not None:
            return found
    aim = next((c for c in children if c.dep_ == "xcomp"), None)
    if aim is not None and (lower in INTENT_FORMS or lower in SPEECH_FORMS):
        # "told his advisers to ...": whom they told, and what.
        told = next((c for c in children if c.dep_ == "dobj" and c.i < aim.i), None)
        return (told.left_edge.i if told is not None else aim.left_edge.i), aim.right_edge.i
    if lower in STANCE_FORMS or lower in NAMING_FORMS or is_finding(cue):
        found = _object_content(cue, children)
        if found is not None:
            return found
    if lower in PREP_FORMS or lower in NAMING_FORMS:
        return prep_object(children)
    return None


def _speech_clause(cue: Any, children: list[Any]) -> tuple[int, int] | None:
    """A speech verb's clause the parse does not attach as its complement."""
    # "said after the convention he would not ...", parsed as an adverbial clause.
    for child in children:
        if (
            child.dep_ == "advcl"
            and child.i > cue.i
            and any(c.dep_ in SUBJECT_DEPS for c in child.children)
            and not any(c.dep_ == "mark" for c in child.children)
        ):
            return child.left_edge.i, child.right_edge.i
    return _inserted_clause(cue)


def _object_content(cue: Any, children: list[Any]) -> tuple[int, int] | None:
    """The object of a stance, naming or finding verb, with its complement."""
    thing = next((c for c in children if c.dep_ == "dobj"), None)
    if thing is None and is_passive(children):
        # "The plan is supported by the mayor": the subject is what is reported.
        thing = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if thing is None:
        return None
    # "called it a disgrace", "likened the plan to a tax", "described it as ...".
    finding = is_finding(cue)
    tail = [
        c.right_edge.i
        for c in children
        if c.i > thing.i
        and (c.dep_ == "oprd" or (c.dep_ == "prep" and (finding or c.lower_ in ("as", "to"))))
    ]
    return thing.left_edge.i, max([thing.right_edge.i, *tail])


def _according_clause(cue: Any) -> tuple[int, int] | None:
    """What ``according to X`` qualifies: its clause, on the other side of the phrase."""
    head = cue.head
    if head is cue:
        return None
    if cue.i < head.i:
        clause = [t.i for t in head.subtree if t.i > cue.right_edge.i]
    else:
        clause = [t.i for t in head.subtree if t.i < cue.left_edge.i]
    return (min(clause), max(clause)) if clause else None


def _inserted_clause(cue: Any) -> tuple[int, int] | None:
    """``The mill was a giant, Mr. Berg said, until ...``: the sentence around an
    attribution inserted after its first words."""
    doc = cue.doc
    subject = subject_of(cue)
    after = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    if subject is None or subject.i > cue.i or after is None or after.text not in (",", "."):
        return None
    comma = subject.left_edge.i - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    first = comma - 1
    while first > 0 and not _ends_sentence(doc[first - 1]):
        first -= 1
    last = cue.i
    while last + 1 < len(doc) and not _ends_sentence(doc[last + 1]):
        last += 1
    return (first, last) if comma - first >= _SHORTEST_CLAUSE else None


def _ends_sentence(token: Any) -> bool:
    return token.is_space or "\n" in token.text or token.text in (".", "!", "?", ":")


def _parataxis_clause(cue: Any) -> tuple[int, int] | None:
    """``The plan, he said, is ...``: the whole clause around the inserted reporting verb."""
    head = cue.head
    if head is cue:
        return None
    before = [t.i for t in head.subtree if t.i < cue.left_edge.i]
    after = [t.i for t in head.subtree if t.i > cue.right_edge.i]
    # The report runs on both sides of an inserted "he said" and takes it in, as the
    # words of a sentence would be quoted.
    side = before + after
    return (min(side), max(side)) if len(side) >= _SHORTEST_CLAUSE else None
