"""What a speech cue reports, read off the dependency parse: the words someone said.

The clausal complement ("said (that) ..."), a clause the parse hangs elsewhere ("said after
the vote he would ..."), what ``according to X`` qualifies, whom and what a directive asks
("urged police to investigate"), and a sentence with an attribution inserted in it ("The
mill was a giant, Mr. Berg said, until ...", reported whole). The objects of stance and
perception verbs ("rejected the advice", "believes the plan") are positions, not words
said, and are not reported.
"""

from __future__ import annotations

from typing import Any

from newsdigest.quotes.attribution import SUBJECT_DEPS, subject_of
from newsdigest.quotes.cues import DIRECTIVE_FORMS

_SHORTEST_CLAUSE = 3


def speech_content(cue: Any) -> tuple[int, int] | None:
    """Token range ``[first, last]`` of what a speech cue reports, if the parse shows it.

    cue (spacy.tokens.Token): a token for which :func:`~newsdigest.quotes.cues.is_speech_cue`
        holds.
    RETURNS (tuple[int, int] | None): the reported clause ("said (that) ..."), what
        ``according to X`` qualifies, or whom and what a directive asks ("urged police to
        ..."); None for an object ("announced the plan"), which reports no words.
    """
    if cue.lower_ == "according":
        return _according_clause(cue)
    children = list(cue.children)
    for child in children:
        if child.dep_ == "ccomp":
            return child.left_edge.i, child.right_edge.i
    if cue.dep_ == "parataxis":
        return _parataxis_clause(cue)
    found = _speech_clause(cue, children)
    if found is not None:
        return found
    aim = next((c for c in children if c.dep_ == "xcomp"), None)
    told = next((c for c in children if c.dep_ == "dobj"), None)
    if aim is not None and told is not None and told.i < aim.i and cue.lower_ in DIRECTIVE_FORMS:
        return told.left_edge.i, aim.right_edge.i
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
