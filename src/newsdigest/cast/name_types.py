"""One type per name for the whole story, decided over all its mentions.

The name-type classifier (:mod:`.labeller`) types each candidate from a few words around
it; the story says more:

- words that type a name whatever the model said: the word heading it ("Gull Island" is a
  place, "Northshore University" an organisation), a title or a gendered role or relation
  before it ("Councilor Janet Davis", "his wife Portia": a person);
- every mention of one name votes, weighed by the classifier's confidence (a name in
  capitals counts for less: the tagger guesses there), and all take the winning type;
- a person's family votes together: a full name, and its surname and given name alone
  when no other full name of the story has them. When their votes together make a person,
  all are that person ("Mo Cheeks" typed a facility once, "Cheeks" a person three times);
  a known person's surname is that person, and so is a full name ending in it;
- a name typed otherwise that holds known people is split: "Locke and Salazar" are two
  people, "the Interior Ken Salazar" ends with one;
- a one-word name the story also writes in lower case is a common word ("Hair").
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from newsdigest.cast._mention import Mention, is_capitalised, is_word, name_key, surname_keys
from newsdigest.cast.roles import is_title_word
from newsdigest.lexicon import words

Key = tuple[str, ...]
# A vote cast by spaCy on a word in capitals counts for less: its tagger guesses there.
CAPS_WEIGHT = 0.3
# Words that end organisation names: never the given or family name of a person.
ORG_WORDS = words("org_words")
# The word that heads a name tells its type: "Northshore University", "Bank of England",
# "Gull Island", "Dock Street". It counts at the end of the name, or before "of".
HEAD_TYPES = {
    **dict.fromkeys(words("org_heads"), "ORG"),
    **dict.fromkeys(words("place_heads"), "LOC"),
    **dict.fromkeys(words("facility_heads"), "FAC"),
}
# Roles and relations that only a person holds ("actress", "wife"): a name after one is a person.
PERSON_WORDS = words("female_titles") | words("male_titles")
# A full name of a person has at most this many words.
FAMILY_NAME_WORDS = 4
_JOINERS = frozenset({"and", "&"})
# Splitting people out of names, then voting again, twice: a person split out of one name
# ("Locke and Salazar") may be the surname that ends another ("the Interior Ken Salazar").
SPLIT_ROUNDS = 2


def decide_types(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """Type every candidate once for the story (see the module docstring).

    doc (Words): the parsed story.
    mentions (list[Mention]): candidates labelled by the classifier (``""``: not a name).
    RETURNS (list[Mention]): the candidates in text order, some split; ``""`` for no name.
    """
    _typed_by_head(doc, mentions)
    _titled_are_people(doc, mentions)
    for _ in range(SPLIT_ROUNDS):
        mentions = _people_split_out(doc, mentions, choose_types(doc, mentions))
    chosen = choose_types(doc, mentions)
    for m in mentions:
        m.label = chosen[name_key(doc, m)]
    _drop_common_words(doc, mentions)
    return mentions


def _typed_by_head(doc: Any, mentions: list[Mention]) -> None:
    """Type a name by the word that heads it, whatever the model said ("Gull Island": LOC)."""
    for m in mentions:
        words_ = doc[m.start : m.end]
        if len(words_) < 2 or not is_capitalised(words_[0]):
            continue
        for k, token in enumerate(words_):
            last = k == len(words_) - 1
            label = HEAD_TYPES.get(token.lower_) if is_capitalised(token) else None
            if label and (last or words_[k + 1].lower_ == "of"):
                if label != "LOC" or m.label not in ("GPE", "LOC"):
                    m.label, m.confidence = label, 1.0
                break


def _titled_are_people(doc: Any, mentions: list[Mention]) -> None:
    """A name right after a title or a person's role ("Councilor Janet Davis", "Premier
    Wynne", "his wife Portia") is a person."""
    for m in mentions:
        if m.start == 0:
            continue
        before = doc[m.start - 1]
        if not (is_title_word(before) or before.lower_ in PERSON_WORDS):
            continue
        if all(
            is_capitalised(t) and t.lower_ not in ORG_WORDS
            for t in doc[m.start : m.end]
            if t.is_alpha
        ):
            m.label, m.confidence = "PERSON", 1.0


def choose_types(doc: Any, mentions: list[Mention]) -> dict[Key, str]:
    """The one type of each name, and of each person's family, by vote of their mentions.

    A mention labelled ``""`` (not a name) has no vote, but takes its name's type when
    other mentions of the same name have one, or when it is a known person's surname.
    RETURNS (dict): the type chosen for each name's key (``""``: not a name).
    """
    votes: dict[Key, dict[str, float]] = defaultdict(dict)
    for m in mentions:
        vote = votes[name_key(doc, m)]
        if m.label:
            caps = all(t.is_upper or not t.is_alpha for t in doc[m.start : m.end])
            weight = (CAPS_WEIGHT if caps else 1.0) * m.confidence
            vote[m.label] = vote.get(m.label, 0.0) + weight
    chosen = {key: _winner(vote) for key, vote in votes.items()}
    for family in _families(doc, mentions, chosen):
        total: dict[str, float] = defaultdict(float)
        for key in family:
            for label, weight in votes[key].items():
                total[label] += weight
        if _winner(total) == "PERSON":
            chosen.update(dict.fromkeys(family, "PERSON"))
    for key in _surnames(doc, mentions, chosen) & chosen.keys():
        chosen[key] = "PERSON"
    _people_by_their_parts(doc, mentions, chosen)
    return chosen


def _families(doc: Any, mentions: list[Mention], chosen: dict[Key, str]) -> list[list[Key]]:
    """Each full name shaped like a person's, with the names of the story that stand for
    it: a shorter full name it ends ("Van Poppel" of "Todd Van Poppel"), its surname alone,
    and its given name alone when the story types it a name; each part only when no other
    such full name has it (two Saunders leave "Saunders" alone)."""
    full: dict[Key, Mention] = {}
    for m in mentions:
        key = name_key(doc, m)
        if 1 < len(key) <= FAMILY_NAME_WORDS and _person_shaped(doc, m):
            full.setdefault(key, m)
    root = {key: key for key in full}
    owners: dict[Key, set[Key]] = defaultdict(set)
    for key in sorted(full, key=len, reverse=True):
        longer = owners.get(key, set())
        if len(longer) == 1:
            root[key] = next(iter(longer))
        m = full[key]
        for part in surname_keys(doc, m):
            owners[part].add(root[key])
        if is_word(doc[m.start]) and chosen.get(key[:1]):
            owners[key[:1]].add(root[key])
    families: dict[Key, list[Key]] = defaultdict(list)
    for key in full:
        families[root[key]].append(key)
    for part, keys in owners.items():
        if part not in full and part in chosen and len({root[k] for k in keys}) == 1:
            families[root[next(iter(keys))]].append(part)
    return [family for family in families.values() if len(family) > 1]


def _person_shaped(doc: Any, m: Mention) -> bool:
    """Capitalised words, none of an organisation's or a place's, not all in capitals."""
    words_ = [t for t in doc[m.start : m.end] if t.is_alpha]
    return (
        bool(words_)
        and all(is_capitalised(t) for t in words_)
        and not all(t.is_upper for t in words_)
        and not any(t.lower_ in ORG_WORDS or t.lower_ in HEAD_TYPES for t in words_)
    )


def _surnames(doc: Any, mentions: Iterable[Mention], chosen: dict[Key, str]) -> set[Key]:
    """The endings of the full names chosen to be people ("nadal" of "rafael nadal")."""
    return {
        suffix
        for m in mentions
        if chosen[name_key(doc, m)] == "PERSON"
        for suffix in surname_keys(doc, m)
    }


def _people_by_their_parts(doc: Any, mentions: list[Mention], chosen: dict[Key, str]) -> None:
    """A full name some call a person is one when its surname alone is ("Rafael Nadal" with
    "Nadal"); a given name some call a person is one when it begins one full name ("Hillary")."""
    maybe_person = {name_key(doc, m) for m in mentions if "PERSON" in (m.label, m.found)}
    given: dict[str, int] = defaultdict(int)
    for key, label in chosen.items():
        if len(key) > 1 and label == "PERSON":
            given[key[0]] += 1
    for key in maybe_person:
        if chosen.get(key) == "PERSON":
            continue
        if (len(key) > 1 and chosen.get(key[-1:]) == "PERSON") or (
            len(key) == 1 and given[key[0]] == 1
        ):
            chosen[key] = "PERSON"


def _people_split_out(doc: Any, mentions: list[Mention], chosen: dict[Key, str]) -> list[Mention]:
    """Names typed otherwise that hold known people, split: "Locke and Salazar" (each a
    person of the story) and "the Interior Ken Salazar" (a given name and a known surname)."""
    people = {key for key, label in chosen.items() if label == "PERSON"}
    people |= _surnames(doc, mentions, chosen)
    if not people:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        if chosen[name_key(doc, m)] not in ("", "PERSON") and m.end - m.start > 1:
            out.extend(_split(doc, m, people))
        else:
            out.append(m)
    return out


def _split(doc: Any, m: Mention, people: set[Key]) -> list[Mention]:
    joins = [i for i in range(m.start + 1, m.end - 1) if doc[i].lower_ in _JOINERS]
    if joins:
        bounds = [m.start, *joins, m.end]
        parts = [(a if a == m.start else a + 1, b) for a, b in itertools.pairwise(bounds)]
        if not any(_key(doc, a, b) in people for a, b in parts):
            return [m]
        return [p for a, b in parts if (p := _part(doc, m, a, b, people))]
    tail = m.end - 2
    if (
        tail > m.start
        and _key(doc, m.end - 1, m.end) in people
        and doc[tail].pos_ == "PROPN"
        and is_capitalised(doc[tail])
        and doc[tail].lower_ not in ORG_WORDS
        and doc[tail].lower_ not in HEAD_TYPES
        and not is_title_word(doc[tail])
    ):
        person = Mention(tail, m.end, "PERSON", found=m.found)  # a rule: confidence 1
        rest = _part(doc, m, m.start, tail, people)
        return [person] if rest is None else [rest, person]
    return [m]


def _part(doc: Any, m: Mention, start: int, end: int, people: set[Key]) -> Mention | None:
    """The words ``[start, end)`` of a split name: a person when known, else of the name's
    type; None when no capitalised word is left."""
    if end <= start or not any(is_capitalised(t) for t in doc[start:end]):
        return None
    if _key(doc, start, end) in people:
        return Mention(start, end, "PERSON", found=m.found)
    return Mention(start, end, m.label, found=m.found, confidence=m.confidence)


def _key(doc: Any, start: int, end: int) -> Key:
    return name_key(doc, Mention(start, end, ""))


def _drop_common_words(doc: Any, mentions: list[Mention]) -> None:
    """A one-word "name" the story also writes in lower case is a common word ("Hair")."""
    lower = {t.lower_ for t in doc if t.is_alpha and t.is_lower}
    parts = {t.lower_ for m in mentions if m.end - m.start > 1 for t in doc[m.start : m.end]}
    for m in mentions:
        word = doc[m.start]
        if m.end - m.start == 1 and word.lower_ in lower and word.lower_ not in parts:
            m.label = ""


def _winner(vote: dict[str, float]) -> str:
    return max(vote, key=lambda label: vote[label]) if vote else ""
