"""Pronouns that refer to a person of the cast, linked only where the story leaves no doubt.

A wrong link is worse than none (a quote given to the wrong speaker), so a
third-person pronoun outside quotation marks is linked when:

- exactly one person of a compatible gender is mentioned in its sentence before it
  or in the sentence before; or
- it is the subject of its sentence's main clause ("He said ...", "but she declined"),
  and the main subject of its own sentence before it, or else of the sentence before,
  is a person of a compatible gender; with no person of its gender in those two
  sentences, the main subject of the nearest earlier sentence that has one, up to
  :data:`SUBJECT_REACH` sentences back; or
- it is a possessive, and the subject of its own clause is one of the people before it.

A reflexive ("himself") refers only to the subject of its own verb, and an object
pronoun ("saved him") never does. A person's gender is known from an honorific
("Mrs."), a gendered title or role ("spokeswoman", "his wife") or a pronoun already
linked; it is never guessed from a first name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdigest.cast._mention import PRONOUN, Member, Mention
from newsdigest.model import Gender

GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# The genders of the contract, by the letter the cast works with.
GENDER_NAMES: dict[str, Gender] = {"m": "male", "f": "female"}
OBJECTS = frozenset({"dobj", "dative", "pobj"})
REFLEXIVES = frozenset({"himself", "herself"})
# How many sentences back a subject pronoun may find the subject it continues.
SUBJECT_REACH = 4


def pronoun_gender(word: str) -> Gender | None:
    """The gender a third-person pronoun states ("she" gives ``female``), else None."""
    gender = GENDER.get(word.lower())
    return GENDER_NAMES[gender] if gender else None


def link_pronouns(
    doc: Any, people: Sequence[Member], sentence_of: Sequence[int], quoted: Sequence[bool]
) -> None:
    """Add to each person the pronouns that surely refer to them.

    doc (spacy.tokens.Doc): the parsed story.
    people (Sequence[Member]): the persons of the cast, with names and descriptions.
    sentence_of (Sequence[int]): sentence index of every token, a sentence wholly inside
        quotation marks not counted (:func:`narrated_sentences`).
    quoted (Sequence[bool]): per token, whether it is inside quotation marks.
    """
    owner_of: dict[int, Member] = {}
    for member in people:
        for m in (*member.names, *member.others):
            owner_of[m.start] = member
    starts = sorted(owner_of)
    recent: list[tuple[int, Member]] = []  # (token index, member) of mentions seen so far
    position = 0
    for token in doc:
        while position < len(starts) and starts[position] < token.i:
            start = starts[position]
            if not quoted[start]:
                recent.append((start, owner_of[start]))
            position += 1
        gender = GENDER.get(token.lower_)
        if gender is None or quoted[token.i] or token.pos_ not in ("PRON", "DET"):
            continue
        found = _antecedent(doc, token, gender, recent, sentence_of)
        if found is not None:
            found.others.append(Mention(token.i, token.i + 1, "PERSON", kind=PRONOUN))
            recent.append((token.i, found))
            found.gender = found.gender or gender


def narrated_sentences(doc: Any, sentence_of: Sequence[int], quoted: Sequence[bool]) -> list[int]:
    """Sentence numbers in which a sentence wholly inside quotation marks does not count.

    In '"We studied it. We must choose," he said.' the sentence before "he" is then the
    one that introduced the speaker, not the quoted one.
    """
    narrated = set()
    for token in doc:
        if not quoted[token.i] and not token.is_space and not token.is_punct:
            narrated.add(sentence_of[token.i])
    number, renumbered, last = -1, [], None
    for token in doc:
        sentence = sentence_of[token.i]
        if sentence != last and sentence in narrated:
            number += 1
        last = sentence
        renumbered.append(max(number, 0))
    return renumbered


def _antecedent(
    doc: Any,
    pronoun: Any,
    gender: str,
    recent: list[tuple[int, Member]],
    sentence_of: Sequence[int],
) -> Member | None:
    here = sentence_of[pronoun.i]
    window: list[tuple[int, Member]] = []
    for i, m in reversed(recent):
        if sentence_of[i] < here - 1:
            break
        window.append((i, m))
    fits = [(i, m) for i, m in window if m.gender in (None, gender)]
    verb = _verb_of(pronoun)
    if pronoun.lower_ in REFLEXIVES:
        # "Lee blamed herself": only the subject of the same verb.
        fits = [(i, m) for i, m in fits if _subject_of(doc, i, verb)]
    elif pronoun.dep_ in OBJECTS:
        # "His dog saved him": never the subject of the same verb.
        fits = [(i, m) for i, m in fits if not _subject_of(doc, i, verb)]
    distinct = {id(m): m for _, m in fits}
    if len(distinct) == 1:
        return next(iter(distinct.values()))
    if not _main_subject(pronoun):
        return _own_subject(doc, pronoun, fits) if pronoun.dep_ == "poss" else None
    if not distinct:
        return _earlier_subject(doc, here, gender, recent, sentence_of)
    same = [(i, m) for i, m in fits if sentence_of[i] == here]
    pool = same if any(sentence_of[i] == here for i, _ in window) else fits
    subjects = {id(m): m for i, m in pool if _main_subject(doc[i]) or _subject_name(doc, i)}
    return next(iter(subjects.values())) if len(subjects) == 1 else None


def _own_subject(doc: Any, pronoun: Any, fits: list[tuple[int, Member]]) -> Member | None:
    """For a possessive with several people before it: the subject of its own clause, when
    that is one of them ("Premier Higgs said ..., insisting his government ..."; not in
    "Sekhon said Adeli cared for his wife", whose clause has a subject of its own)."""
    noun = pronoun.head
    verb = noun.head
    if noun.dep_ in SUBJECTS:
        # "his government won't spend": the clause whose subject holds it is someone's report.
        verb = verb.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    found = {id(m): m for i, m in fits if _subject_of(doc, i, _subject_verb(verb))}
    return next(iter(found.values())) if len(found) == 1 else None


def _subject_verb(verb: Any) -> Any:
    """The verb whose subject a participle or a conjoined verb shares ("..., insisting")."""
    while (
        verb.dep_ in ("advcl", "conj", "xcomp")
        and verb.head.i != verb.i
        and not any(c.dep_ in SUBJECTS for c in verb.children)
    ):
        verb = verb.head
    return verb


def _earlier_subject(
    doc: Any, here: int, gender: str, recent: list[tuple[int, Member]], sentence_of: Sequence[int]
) -> Member | None:
    """For a main-clause subject pronoun with no fitting person in its sentence or the one
    before: the person of its gender who is the main subject of the nearest earlier sentence
    that has one, up to a few sentences back (the story's topic carries on: "Myers cited a
    study. It found ... "...," he said.")."""
    by_sentence: dict[int, dict[int, Member]] = {}
    for i, m in reversed(recent):
        sentence = sentence_of[i]
        if sentence < here - SUBJECT_REACH:
            break
        if m.gender in (None, gender) and (_main_subject(doc[i]) or _subject_name(doc, i)):
            by_sentence.setdefault(sentence, {})[id(m)] = m
    for sentence in sorted(by_sentence, reverse=True):
        found = by_sentence[sentence]
        return next(iter(found.values())) if len(found) == 1 else None
    return None


def _main_subject(token: Any) -> bool:
    """Whether a token is the subject of its sentence's main verb (or of a verb joined to it)."""
    if token.dep_ not in SUBJECTS:
        return False
    verb = token.head
    return bool(verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))


def _subject_name(doc: Any, start: int) -> bool:
    """Whether the name or description starting at ``start`` heads its sentence's subject."""
    return _main_subject(_head_word(doc, start))


def _head_word(doc: Any, start: int) -> Any:
    """The word that heads the name or description starting at ``start``."""
    token = doc[start]
    while token.dep_ in ("compound", "amod", "det", "poss", "case") and token.head.i > token.i:
        token = token.head
    return token


def _verb_of(pronoun: Any) -> Any:
    """The verb a pronoun is an argument of ("saved" in "saved him", "for him")."""
    head = pronoun.head
    return head.head if pronoun.dep_ == "pobj" else head


def _subject_of(doc: Any, start: int, verb: Any) -> bool:
    """Whether the mention starting at ``start`` is the subject of ``verb``."""
    word = _head_word(doc, start)
    return bool(word.dep_ in SUBJECTS and word.head.i == verb.i)
