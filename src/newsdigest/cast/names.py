"""Proper-name mentions: spaCy's entities, repaired with what the story itself shows.

Every pass here is one walk over the Doc's tokens or entities:

- repair: split an entity at line breaks, numbers, spaced dashes and "v"/"vs";
  trim a leading "the", a possessive and stray punctuation; take a leading title
  off a name ("Councilor Frances Nunziata" is the person Frances Nunziata);
  drop chanted syllables ("Ho ho").
- recover: a name the story uses once is found again where spaCy missed it,
  including a person's surname alone and the same name in capitals (headlines).
- type: the classifier (:mod:`.labeller`) types each candidate, and the story decides
  one type per name over all its mentions (:mod:`.name_types`).
- group: one member per name, a surname joining the full name it ends.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from newsdigest.cast._mention import (
    Member,
    Mention,
    is_capitalised,
    name_key,
    surname_keys,
    word_key,
    words_of,
)
from newsdigest.cast.labeller import SPACY_LABELS, candidates, label_candidates
from newsdigest.cast.name_types import HEAD_TYPES, decide_types
from newsdigest.cast.name_types import ORG_WORDS as _ORG_WORDS
from newsdigest.cast.roles import is_title_word

# The labels spaCy gives names; the labeller encodes them in this order.
NAME_LABELS = frozenset(SPACY_LABELS[1:])
POSSESSIVES = frozenset({"'s", "’s", "'", "’", "'S"})
_SPLIT_WORDS = frozenset({"v", "v.", "vs", "vs.", "versus"})
_SPACED_PUNCT = frozenset({"-", "–", "—", "(", ")", ",", ":", ";", "/", "|", "[", "]"})
_LEADING = frozenset({"the", "a", "an"})
_INITIAL = re.compile(r"^[A-Z]\.$")
_MAX_NAME_TOKENS = 6


def name_mentions(doc: Any) -> list[Mention]:
    """The proper-name mentions of a parsed story, repaired, recovered and labelled.

    doc (spacy.tokens.Doc): the story as parsed once by the Analysis.
    RETURNS (list[Mention]): name mentions in text order, none overlapping.
    """
    doc = words_of(doc)
    mentions = candidates(doc, found_mentions(doc))
    label_candidates(doc, mentions)
    return [m for m in decide_types(doc, mentions) if m.label]


def found_mentions(doc: Any) -> list[Mention]:
    """spaCy's names repaired, extended over initials, and found again where spaCy missed them."""
    mentions = [m for ent in doc.ents if ent.label_ in NAME_LABELS for m in _repair(doc, ent)]
    mentions = _with_initials(doc, mentions)
    return _recover(doc, mentions)


def _repair(doc: Any, ent: Any) -> list[Mention]:
    pieces: list[Mention] = []
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        owner = _owns_the_rest(doc, i, ent)
        if i == ent.end or owner or _breaks_name(doc, i, ent.label_):
            piece = _trimmed(doc, start, i, ent.label_)
            if piece is not None:
                pieces.append(piece)
            if owner:
                break
            start = i + 1
    return pieces


def _owns_the_rest(doc: Any, i: int, ent: Any) -> bool:
    """A possessive inside a person's name ends the name: in "Alexandre Bissonnette's Quebec
    mosque" what follows is his, not part of him."""
    return ent.label_ == "PERSON" and i < ent.end - 1 and doc[i].text in POSSESSIVES


def _breaks_name(doc: Any, i: int, label: str) -> bool:
    token = doc[i]
    if token.is_space or "\n" in token.text:
        return True
    if any(c.isdigit() for c in token.text):
        return True
    if token.lower_ in _SPLIT_WORDS:
        return True
    if token.lower_ == "and" and label not in ("ORG", "WORK_OF_ART", "EVENT", "LAW"):
        return True
    spaced = bool(token.whitespace_) and i > 0 and bool(doc[i - 1].whitespace_)
    return spaced and token.text in _SPACED_PUNCT


def _trimmed(doc: Any, start: int, end: int, label: str) -> Mention | None:
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].text in POSSESSIVES
        or doc[end - 1].is_punct
        or (label == "PERSON" and doc[end - 1].is_lower and bool(doc[end - 2].whitespace_))
    ):
        end -= 1  # a person's name never ends in a word in lower case ("Ross doesn't")
    if end <= start or not any(is_capitalised(t) for t in doc[start:end]):
        return None
    if label == "PERSON" and _is_chant(doc, start, end):
        return None
    if label in ("PERSON", "ORG", "GPE", "WORK_OF_ART", "FAC", "NORP"):
        start, label = _without_title(doc, start, end, label)
    return Mention(start, end, label, found=label)


def _is_chant(doc: Any, start: int, end: int) -> bool:
    words = {t.lower_ for t in doc[start:end]}
    return (end - start > 1 and len(words) == 1) or any(t.pos_ == "INTJ" for t in doc[start:end])


def _without_title(doc: Any, start: int, end: int, label: str) -> tuple[int, str]:
    """Take titles off the front of a name: what is left is a person if it looks like one."""
    rest = start
    while rest < end - 1 and is_title_word(doc[rest]):
        rest += 1
    if rest == start:
        return _after_inner_title(doc, start, end, label)
    tail = doc[rest:end]
    person_like = all(
        is_capitalised(t) and t.lower_ not in _ORG_WORDS and not is_title_word(t) for t in tail
    )
    if label == "PERSON" or (person_like and (len(tail) >= 2 or tail[0].pos_ == "PROPN")):
        return rest, "PERSON"
    return start, label


def _after_inner_title(doc: Any, start: int, end: int, label: str) -> tuple[int, str]:
    """A name typed an organisation or a place that ends on a title and a person's name is
    that person: "Wet'suwet'en Hereditary Chief Na'moks", "Toronto Police Chief Bill Blair"."""
    if label not in ("ORG", "GPE", "NORP"):
        return start, label
    for i in range(end - 2, start, -1):
        token = doc[i]
        if not (is_title_word(token) and is_capitalised(token)):
            continue
        tail = doc[i + 1 : end]
        person = all(
            t.pos_ == "PROPN"
            and is_capitalised(t)
            and t.lower_ not in _ORG_WORDS
            and t.lower_ not in HEAD_TYPES
            and not is_title_word(t)
            for t in tail
        )
        return (i + 1, "PERSON") if person and len(tail) <= 3 else (start, label)
    return start, label


def _with_initials(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """Extend a person's name over a leading initial ("P. Simmons"), and find such names."""
    covered = _covered(doc, mentions)
    for m in mentions:
        if m.label == "PERSON" and m.start > 0 and _INITIAL.match(doc[m.start - 1].text):
            m.start -= 1
            covered[m.start] = True
    found = list(mentions)
    for i in range(len(doc) - 1):
        nxt = doc[i + 1]
        if (
            _INITIAL.match(doc[i].text)
            and not covered[i]
            and not covered[i + 1]
            and nxt.is_alpha
            and nxt.is_title
            and nxt.lower_ not in _ORG_WORDS
        ):
            found.append(Mention(i, i + 2, "PERSON"))
            covered[i] = covered[i + 1] = True
    return sorted(found, key=lambda m: m.start)


def _covered(doc: Any, mentions: list[Mention]) -> list[bool]:
    covered = [False] * len(doc)
    for m in mentions:
        for i in range(m.start, m.end):
            covered[i] = True
    return covered


def _recover(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """Find again, where spaCy missed them, the names it found elsewhere in the story."""
    known: dict[tuple[str, ...], str] = {}
    for m in mentions:
        key = name_key(doc, m)
        known.setdefault(key, m.label)
        if m.label == "PERSON":
            for suffix in surname_keys(doc, m):
                known.setdefault(suffix, "PERSON")
    if not known:
        return mentions
    longest = min(_MAX_NAME_TOKENS, max(len(k) for k in known))
    covered = _covered(doc, mentions)
    found = list(mentions)
    i = 0
    while i < len(doc):
        match = _known_at(doc, i, known, longest, covered) if is_capitalised(doc[i]) else None
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match.end
    return sorted(found, key=lambda m: m.start)


def _known_at(
    doc: Any, i: int, known: dict[tuple[str, ...], str], longest: int, covered: list[bool]
) -> Mention | None:
    for size in range(min(longest, len(doc) - i), 0, -1):
        end = i + size
        if any(covered[i:end]) or not is_capitalised(doc[end - 1]):
            continue
        label = known.get(tuple(word_key(t) for t in doc[i:end]))
        if label is None:
            continue
        if size == 1 and not _names_alone(doc[i]):
            continue
        return Mention(i, end, label)
    return None


def _names_alone(token: Any) -> bool:
    """Whether a single capitalised word can be a name here, not a capitalised common word."""
    if token.is_sent_start or token.is_stop:
        return bool(token.pos_ == "PROPN")
    return token.pos_ in ("PROPN", "NOUN", "ADJ", "X") or bool(token.is_upper)


def group_names(doc: Any, mentions: list[Mention]) -> list[Member]:
    """One member per name; a person's surname or given name joins the full name it stands for.

    A part that several full names share stays a member of its own.

    doc (spacy.tokens.Doc): the parsed story.
    mentions (list[Mention]): labelled name mentions in text order.
    RETURNS (list[Member]): members in order of first mention.
    """
    by_key: dict[tuple[str, ...], Member] = {}
    for m in mentions:
        key = name_key(doc, m)
        member = by_key.get(key)
        if member is None:
            by_key[key] = Member(label=m.label, names=[m])
        else:
            member.names.append(m)
    owners: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    given: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key, member in by_key.items():
        if member.label == "PERSON" and len(key) > 1:
            for suffix in surname_keys(doc, member.names[0]):
                owners[suffix].append(key)
            given[key[:1]].append(key)
    merges = [*owners.items(), *((k, v) for k, v in given.items() if k not in owners)]
    for part_key, full in merges:
        part = by_key.get(part_key)
        owner = _dominant(by_key, full) if part is not None and part.label == "PERSON" else None
        if part is not None and owner is not None:
            by_key[owner].names.extend(part.names)
            del by_key[part_key]
    members = list(by_key.values())
    for member in members:
        member.names.sort(key=lambda m: m.start)
    return sorted(members, key=lambda member: member.names[0].start)


def _dominant(
    by_key: dict[tuple[str, ...], Member], full: list[tuple[str, ...]]
) -> tuple[str, ...] | None:
    """The full name a part stands for, when only one full name of the story has that part.

    Two full names sharing a surname (relatives, namesakes) leave the surname alone: a
    wrong merge would give one person's words to the other.
    """
    present = [key for key in full if key in by_key]
    return present[0] if len(present) == 1 else None


def full_name(doc: Any, member: Member) -> str:
    """The fullest form of a member's name, preferring one not written in capitals."""

    def rank(m: Mention) -> tuple[int, bool, int]:
        words = [t for t in doc[m.start : m.end] if t.is_alpha]
        shouting = bool(words) and all(t.is_upper for t in words) and len(words[0]) > 1
        return (m.end - m.start, not shouting, -m.start)

    best = max(member.names, key=rank)
    return str(doc.span(best.start, best.end).text)
