"""Corpus people: the cast entities of many stories linked into one person, organisation or place.

An entity is compared with the corpus people that share its surname (a person) or its whole
name (an organisation or place), found through ``name`` postings. It joins the best of them
when the evidence adds up (:func:`link_score`):

- the same full name, or a first name that agrees (an initial agrees with its name);
- the same event cluster;
- the same companions (other names of the story) and titles.

A different first name, or a different gender as the stories state them, forbids the link:
two people who share a surname are never merged. A mention by first name alone links only
inside its event, and only when the event has one person of that first name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdigest.corpus.index import LinkIndex, PersonRow, Posting
from newsdigest.model import Entity

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
NAME_TYPES = frozenset({"PERSON", "ORG", "EVENT", "PRODUCT", "NORP"}) | _PLACE_TYPES
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PROFILE_KEEP = 40
PER_KEY = 200


def name_key(entity_type: str, name: str) -> str | None:
    """The key a cast entity is known by across stories: "person:reid", "place:chile".

    A person is keyed by their surname, so that "Reid" and "Tara Reid" meet; an
    organisation or place by its whole lower-cased name.
    """
    words = [w.lower() for w in _WORD.findall(name)]
    if not words or entity_type not in NAME_TYPES:
        return None
    if entity_type == "PERSON":
        return f"person:{surname(words)}"
    return f"{_family(entity_type)}:{' '.join(words)}"


def surname(words: list[str]) -> str:
    """The family name among the lower-cased words of a person's name."""
    kept = [w for w in words if w.rstrip(".") not in _SUFFIXES] or words
    return kept[-1]


@dataclass(frozen=True, slots=True)
class PeopleSettings:
    """Evidence weights for linking an entity to a corpus person (fitted across topics)."""

    full_name: float = 3.0
    first_name: float = 1.0
    cluster: float = 2.0
    companions: float = 1.5
    titles: float = 1.0
    threshold: float = 2.0


@dataclass(frozen=True, slots=True)
class EntityFeatures:
    """What the linking reads of one cast entity.

    words (tuple[str, ...]): the lower-cased words of its name.
    first (str | None): a person's given name (or initial), None for a one-word name.
    titles (frozenset[str]): the lower-cased words of its titles and roles.
    companions (frozenset[str]): name keys of the other entities of the story.
    """

    entity_id: str
    type: str
    name: str
    words: tuple[str, ...]
    first: str | None
    gender: str | None
    titles: frozenset[str]
    title_texts: tuple[str, ...]
    companions: frozenset[str]
    mentions: int

    @property
    def full(self) -> str:
        return " ".join(self.words)

    def lookup_keys(self) -> list[str]:
        """The ``name`` keys it is looked up under: not a full name's first name.

        Who shares only the first name of a full name is of another family; a one-word name
        is looked up by it.
        """
        return [k for k in self.name_keys() if len(self.words) == 1 or not k.startswith("first:")]

    def name_keys(self) -> list[str]:
        """The ``name`` keys it is posted under."""
        if not self.words:
            return []
        full = [f"full:{self.full}"] if len(self.words) > 1 else []
        if self.type != "PERSON":
            return [f"{_family(self.type)}:{self.full}", *full]
        keys = [f"person:{surname(list(self.words))}", *full]
        if len(self.words) == 1:
            keys.append(f"first:{self.words[0]}")
        elif self.first and len(self.first) > 1:
            keys.append(f"first:{self.first}")
        return keys


@dataclass(slots=True)
class PersonProfile:
    """Names, first names, titles, companions and clusters of a corpus person (JSON)."""

    names: dict[str, int] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)
    titles: dict[str, int] = field(default_factory=dict)
    title_texts: dict[str, int] = field(default_factory=dict)
    companions: dict[str, int] = field(default_factory=dict)
    clusters: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, copy: bool = False) -> PersonProfile:
        """Read the stored form (shared with ``data`` unless ``copy``)."""
        if copy:
            return cls(**{k: dict(data.get(k, {})) for k in cls.__dataclass_fields__})
        return cls(**{k: data.get(k, {}) for k in cls.__dataclass_fields__})

    def to_json(self) -> dict[str, Any]:
        """The stored form."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _family(entity_type: str) -> str:
    return "place" if entity_type in _PLACE_TYPES else "org"


def _same_family(a: str, b: str) -> bool:
    if a == "PERSON" or b == "PERSON":
        return a == b
    return _family(a) == _family(b)


def entity_features(entities: Sequence[Entity]) -> list[EntityFeatures]:
    """The linking features of every named cast entity of a story."""
    keys = {e.id: name_key(e.type, e.name) for e in entities}
    out = []
    for e in entities:
        words = tuple(w.lower() for w in _WORD.findall(e.name))
        if not words or keys[e.id] is None:
            continue
        first = words[0] if e.type == "PERSON" and len(words) > 1 else None
        title_words = {w.lower() for r in e.titles for w in _WORD.findall(r.text)}
        companions = frozenset(k for i, k in keys.items() if k and i != e.id and k != keys[e.id])
        out.append(
            EntityFeatures(
                entity_id=e.id,
                type=e.type,
                name=e.name,
                words=words,
                first=first,
                gender=e.gender,
                titles=frozenset(title_words),
                title_texts=tuple(r.text for r in e.titles),
                companions=companions,
                mentions=len(e.mentions),
            )
        )
    return out


def _first_agrees(first: str, known: Collection[str]) -> bool:
    """Whether a given name (or initial) agrees with one the person is known by."""
    head = first.rstrip(".")
    for other in known:
        o = other.rstrip(".")
        if o == head or (len(head) == 1 and o.startswith(head)) or (len(o) == 1 and head[0] == o):
            return True
    return False


def link_score(
    e: EntityFeatures, row: PersonRow, profile: PersonProfile, cluster_id: str, s: PeopleSettings
) -> float | None:
    """Evidence that the entity is the corpus person; None when something forbids the link."""
    if not _same_family(e.type, row.type) and not (len(e.words) > 1 and e.full in profile.names):
        # the type a story gives a name is a guess; the same full name is the same one
        return None
    if e.gender and row.gender and e.gender != row.gender:
        return None
    z = 0.0
    if e.type == "PERSON" and row.type == "PERSON":
        surnames = _surnames(profile)
        if len(e.words) > 1 and surname(list(e.words)) not in surnames:
            return None  # found by the first name: another family
        if e.first and profile.first:
            if not _first_agrees(e.first, profile.first):
                return None
            z += s.first_name
        first_only = len(e.words) == 1 and e.words[0] not in surnames
        if first_only and cluster_id not in profile.clusters:
            # named by a first name only: link inside its event, never by name alone
            return None
    if e.full in profile.names and (len(e.words) > 1 or e.type != "PERSON"):
        z += s.full_name
    if cluster_id in profile.clusters:
        z += s.cluster
    shared = sum(1 for k in e.companions if k in profile.companions)
    z += s.companions * min(1.0, shared / 2)
    if e.titles & profile.titles.keys():
        z += s.titles
    return z


def _surnames(profile: PersonProfile) -> set[str]:
    return {surname(n.split()) for n in profile.names}


def corpus_id(story_id: str, entity_id: str) -> str:
    """A new corpus person's id, stable for the story and entity that introduced it."""
    digest = hashlib.blake2b(f"{story_id}\0{entity_id}".encode(), digest_size=8).hexdigest()
    return f"p{digest}"


def link_entities(
    index: LinkIndex,
    story_id: str,
    entities: Sequence[EntityFeatures],
    cluster_id: str,
    settings: PeopleSettings,
) -> dict[str, PersonRow | None]:
    """Each entity's corpus person, None for an entity that starts a new one.

    Two entities of one story never link to the same person: the story told them apart.
    """
    keys = {k for e in entities for k in e.lookup_keys()}
    found = index.lookup("name", keys, per_key=PER_KEY)
    rows = index.people(found)
    profiles = {i: PersonProfile.from_json(r.profile) for i, r in rows.items()}
    scored: list[tuple[float, str, str]] = []
    for e in entities:
        for pid in sorted(found):
            if pid not in rows or not set(e.lookup_keys()) & found[pid]:
                continue
            z = link_score(e, rows[pid], profiles[pid], cluster_id, settings)
            if z is not None and z >= settings.threshold:
                scored.append((z, e.entity_id, pid))
    chosen: dict[str, PersonRow | None] = {e.entity_id: None for e in entities}
    taken: dict[str, EntityFeatures] = {}
    by_id = {e.entity_id: e for e in entities}
    for _, eid, pid in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if chosen[eid] is None and (pid not in taken or _same_in_story(by_id[eid], taken[pid])):
            chosen[eid] = rows[pid]
            taken.setdefault(pid, by_id[eid])
    _refuse_shared_first_names(entities, chosen, profiles, cluster_id)
    return chosen


def _same_in_story(a: EntityFeatures, b: EntityFeatures) -> bool:
    """Whether a one-word person of a story is the surname of another person of it."""
    one, full = (a, b) if len(a.words) == 1 else (b, a)
    return (
        one.type == full.type == "PERSON"
        and len(one.words) == 1
        and len(full.words) > 1
        and one.words[0] == surname(list(full.words))
    )


def _refuse_shared_first_names(
    entities: Sequence[EntityFeatures],
    chosen: dict[str, PersonRow | None],
    profiles: Mapping[str, PersonProfile],
    cluster_id: str,
) -> None:
    """Undo a first-name-only link when the event holds two people of that first name."""
    for e in entities:
        row = chosen[e.entity_id]
        if row is None or e.type != "PERSON" or len(e.words) != 1:
            continue
        if e.words[0] in _surnames(profiles[row.corpus_id]):
            continue
        rivals = [
            p
            for pid, p in profiles.items()
            if pid != row.corpus_id and cluster_id in p.clusters and e.words[0] in p.first
        ]
        if rivals:
            chosen[e.entity_id] = None


def updated_person(
    row: PersonRow | None,
    e: EntityFeatures,
    story_id: str,
    new_id: str,
    cluster_id: str,
    *,
    again: bool = False,
) -> PersonRow:
    """The corpus person after this entity joins it (a new one when ``row`` is None).

    again (bool): the story is a new version of one already counted: its counts stay.
    """
    counted = again and row is not None
    profile = PersonProfile.from_json(row.profile, copy=True) if row else PersonProfile()
    _count(profile.names, [e.full])
    if e.first:
        _count(profile.first, [e.first])
    _count(profile.titles, e.titles)
    _count(profile.title_texts, e.title_texts)
    _count(profile.companions, e.companions)
    _count(profile.clusters, [cluster_id])
    _count(profile.types, [e.type])
    # the name given most often, a full name before a surname alone
    best_name = max(profile.names, key=lambda n: (" " in n, profile.names[n], len(n), n))
    name = e.name if e.full == best_name or row is None else row.name
    titles = sorted(profile.title_texts, key=lambda t: (-profile.title_texts[t], t))[:5]
    return PersonRow(
        corpus_id=row.corpus_id if row else new_id,
        type=max(profile.types, key=lambda k: (profile.types[k], k == e.type, k)),
        name=name,
        gender=(row.gender if row else None) or e.gender,
        titles=tuple(titles),
        story_count=(row.story_count if row else 0) + (0 if counted else 1),
        mention_count=(row.mention_count if row else 0) + (0 if counted else e.mentions),
        first_story=row.first_story if row else story_id,
        profile=profile.to_json(),
    )


def _count(total: dict[str, int], items: Iterable[str]) -> None:
    for item in items:
        total[item] = total.get(item, 0) + 1
    if len(total) > PROFILE_KEEP + PROFILE_KEEP // 4:
        for key in sorted(total, key=lambda k: (total[k], k))[: len(total) - PROFILE_KEEP]:
            del total[key]


def name_postings(row: PersonRow, e: EntityFeatures) -> list[Posting]:
    """The ``name`` postings of a corpus person for one of its entities."""
    return [Posting("name", key, row.corpus_id) for key in e.name_keys()]
