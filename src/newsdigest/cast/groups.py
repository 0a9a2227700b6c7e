"""Groups that speak: sources the story names without a proper name.

"Police said ...", "critics say ...", "city staff told reporters ...": the subject of a
speech verb that is a plural common noun ("critics", "More than 200 people") or a noun
for a body of people ("police", "staff") is a member of the cast, so that its quotes
have a speaker. So is the antecedent of a "they" that speaks: the nearest plural subject
outside quote marks in the two sentences before ("More than 200 people protested. "...,"
they chanted."). Mentions in the same words are one group. A public body ("police", "the
government") is an ``ORG``, any other group a ``GROUP``. Writings ("reports say") and single
unnamed people ("a spokesperson") are not groups, and a singular organisation word ("the
agency said") is left to name the organisation the story named before it (see
:mod:`newsdigest.quotes.discourse`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdigest.cast._mention import DESCRIPTION, PRONOUN, Member, Mention
from newsdigest.cast.coref import SUBJECTS
from newsdigest.lexicon import verb_forms, words

GROUP = "GROUP"
_SPEECH = verb_forms("speech_verbs")
_BODIES = words("body_nouns")
_COLLECTIVE = words("collective_nouns") | _BODIES
_WRITINGS = words("document_nouns")
_LEADING = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})
_PLURAL_PRONOUNS = frozenset({"they"})
# A "they" finds its group at most this many sentences back.
_THEY_REACH = 2


def speaking_groups(
    doc: Any, taken: Sequence[bool], quoted: Sequence[bool], sentence_of: Sequence[int]
) -> list[Member]:
    """The groups that are the source of a speech verb outside quote marks.

    doc (Words): the story's tokens.
    taken (Sequence[bool]): per token, whether it is part of a name or role of the cast.
    quoted (Sequence[bool]): per token, whether it is inside quote marks.
    sentence_of (Sequence[int]): sentence index of every token, sentences wholly inside quote
        marks not counted (see :func:`~newsdigest.cast.coref.narrated_sentences`).
    RETURNS (list[Member]): one member per wording, its mentions in text order.
    """
    groups: dict[str, Member] = {}
    for verb in doc:
        if quoted[verb.i] or verb.lower_ not in _SPEECH or verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is None or quoted[subject.i]:
            continue
        pronoun = subject if subject.lower_ in _PLURAL_PRONOUNS else None
        if pronoun is not None:
            subject = _antecedent(doc, pronoun, quoted, sentence_of)
        if subject is None or taken[subject.i] or not _is_group(subject):
            continue
        member = _member(doc, groups, subject)
        if pronoun is not None:
            member.others.append(Mention(pronoun.i, pronoun.i + 1, member.label, kind=PRONOUN))
    for member in groups.values():
        member.names.sort(key=lambda m: m.start)
    return list(groups.values())


def _member(doc: Any, groups: dict[str, Member], head: Any) -> Member:
    """The group its words name ("Police" and "police" are one, "city staff" and "the
    mayor's staff" two), with the mention of its noun phrase added once."""
    start, end = _phrase_start(doc, head), _phrase_end(head)
    key = " ".join(t.lower_ for t in doc[start:end])
    member = groups.get(key)
    if member is None:
        label = "ORG" if head.lower_ in _BODIES else GROUP
        member = groups[key] = Member(label=label, names=[])
    if all(m.start != start for m in member.names):
        member.names.append(Mention(start, end, member.label, kind=DESCRIPTION))
    return member


def _phrase_start(doc: Any, head: Any) -> int:
    """Where the words naming a group start: its modifiers, without a leading article."""
    start = int(head.i)
    for token in head.subtree:
        if token.i < head.i and token.dep_ not in ("punct", "cc"):
            start = int(token.i)
            break
    while start < head.i and (doc[start].lower_ in _LEADING or doc[start].is_punct):
        start += 1
    return start


def _phrase_end(head: Any) -> int:
    """Where the words naming a group end: after its head, or after the people an amount
    counts ("Hundreds of nurses", "a majority of the workers")."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            counted = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if counted is not None and counted.tag_ == "NNS":
                return int(counted.i) + 1
    return int(head.i) + 1


def _is_group(token: Any) -> bool:
    """A common noun for several people or a body of people ("critics", "police")."""
    if token.pos_ != "NOUN" or token.lower_ in _WRITINGS:
        return False
    return token.tag_ == "NNS" or token.lower_ in _COLLECTIVE


def _antecedent(
    doc: Any, pronoun: Any, quoted: Sequence[bool], sentence_of: Sequence[int]
) -> Any | None:
    """The nearest plural subject outside quote marks in the few sentences before a "they"
    (not in its own: in "Almost all revenues, they promise, will ..." the revenues are what
    is said)."""
    here = sentence_of[pronoun.i]
    for i in range(pronoun.i - 1, -1, -1):
        if sentence_of[i] == here:
            continue
        if sentence_of[i] < here - _THEY_REACH:
            return None
        token = doc[i]
        if not quoted[i] and token.dep_ in SUBJECTS and _is_group(token):
            return token
    return None
