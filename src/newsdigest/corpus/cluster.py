"""Story clusters: each story joins the cluster of the real-world event it tells, or starts one.

A story is compared with the clusters that share one of its names, places or distinctive
words (kind ``event`` postings, inside a time window around its publication date when it
has one), never with the whole corpus. The comparison weighs:

- the words: cosine between the story's TF-IDF vector and the cluster's centroid;
- the people, organisations and places the digests hold: the share of the story's name
  mentions the cluster also holds, and the other way round;
- the dates: the days and years the stories state, and the publication dates.

Two earthquakes have alike words but different places and dates; two celebrities in
rehab, different people: the names and dates outweigh the words there.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from newsdigest.corpus.index import ClusterRow, LinkIndex, Posting
from newsdigest.model import Digest

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_NAME_TYPES = frozenset({"PERSON", "ORG", "EVENT", "PRODUCT", "NORP"}) | _PLACE_TYPES
PROFILE_TERMS = 200
PROFILE_NAMES = 60


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """The weights and limits of the event comparison (fitted across topics, see the docs)."""

    text: float = 6.0
    names: float = 3.0
    names_missing: float = -2.5
    places: float = 1.0
    places_missing: float = -1.0
    dates: float = 1.0
    dates_apart: float = -1.5
    bias: float = -2.0
    window_days: int = 14
    candidates: int = 40
    key_terms: int = 12


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """What the clustering reads of one story.

    terms (Counter[str]): content word counts.
    names (Counter[str]): name keys of its cast ("person:reid", "place:chile"), by mentions.
    dates (frozenset[str]): the days (YYYY-MM-DD) and months its dates resolve to.
    years (frozenset[str]): the years they fall in.
    """

    terms: Counter[str]
    names: Counter[str]
    dates: frozenset[str]
    years: frozenset[str]
    label: str = ""
    published: dt.date | None = None


@dataclass(slots=True)
class Profile:
    """A cluster's words, names and dates, summed over its stories (JSON in ``clusters``)."""

    terms: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    dates: dict[str, int] = field(default_factory=dict)
    years: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Profile:
        """Read the stored form."""
        return cls(
            terms=dict(data.get("terms", {})),  # type: ignore[call-overload]
            names=dict(data.get("names", {})),  # type: ignore[call-overload]
            dates=dict(data.get("dates", {})),  # type: ignore[call-overload]
            years=dict(data.get("years", {})),  # type: ignore[call-overload]
        )

    def to_json(self) -> dict[str, object]:
        """The stored form."""
        return {"terms": self.terms, "names": self.names, "dates": self.dates, "years": self.years}


@cache
def stop_words() -> frozenset[str]:
    """English stop words (spaCy's list), which carry no event."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def content_words(text: str) -> Counter[str]:
    """Lower-cased words of a story other than stop words and one-letter tokens."""
    stops = stop_words()
    words = (w.lower() for w in _WORD.findall(text))
    return Counter(w for w in words if len(w) > 1 and w not in stops and not w.isdigit())


def name_key(entity_type: str, name: str) -> str | None:
    """The key a cast entity is known by across stories: "person:reid", "place:chile".

    A person is keyed by their surname, so that "Reid" and "Tara Reid" meet; an
    organisation or place by its whole lower-cased name.
    """
    words = [w.lower() for w in _WORD.findall(name)]
    if not words or entity_type not in _NAME_TYPES:
        return None
    if entity_type == "PERSON":
        return f"person:{surname(words)}"
    kind = "place" if entity_type in _PLACE_TYPES else "org"
    return f"{kind}:{' '.join(words)}"


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname(words: list[str]) -> str:
    """The family name among the lower-cased words of a person's name."""
    kept = [w for w in words if w.rstrip(".") not in _SUFFIXES] or words
    return kept[-1]


def event_features(text: str, digest: Digest, published: dt.date | None) -> EventFeatures:
    """The words, names and dates of one story."""
    names: Counter[str] = Counter()
    for entity in digest.entities:
        key = name_key(entity.type, entity.name)
        if key:
            names[key] += len(entity.mentions)
    dates = {d.value for d in digest.dates if d.value and _FULL_DATE.match(d.value)}
    years = {d.value[:4] for d in digest.dates if d.value and d.value[:4].isdigit()}
    first_line = text.strip().split("\n", 1)[0][:120]
    return EventFeatures(
        terms=content_words(text),
        names=names,
        dates=frozenset(dates),
        years=frozenset(years),
        label=digest.article.title or first_line,
        published=published,
    )


def tfidf(terms: Counter[str], df: Mapping[str, int], stories: int) -> dict[str, float]:
    """Sublinear TF-IDF weights of a story's words, normalised to unit length."""
    weights = {
        t: (1 + math.log(n)) * math.log((stories + 1) / (df.get(t, 0) + 1)) + 1e-9
        for t, n in terms.items()
    }
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _shared_share(mine: Mapping[str, float], theirs: Mapping[str, float], prefix: str) -> float:
    """Share of ``mine``'s weight under ``prefix`` that ``theirs`` also holds (-1: none)."""
    total = shared = 0.0
    for key, w in mine.items():
        if key.startswith(prefix):
            total += w
            if key in theirs:
                shared += w
    return shared / total if total else -1.0


def score(
    story: EventFeatures,
    vector: Mapping[str, float],
    profile: Profile,
    row: ClusterRow,
    settings: ClusterSettings,
) -> float:
    """How strongly the story belongs to the cluster: above 0 means it joins."""
    s = settings
    z = s.bias + s.text * cosine(vector, profile.terms)
    z += _names_term(story.names, profile.names, "person:", s.names, s.names_missing)
    z += _names_term(story.names, profile.names, "org:", s.names / 2, s.names_missing / 2)
    z += _names_term(story.names, profile.names, "place:", s.places, s.places_missing)
    z += _dates_term(story, profile, row, s)
    return z


def _names_term(
    mine: Mapping[str, float], theirs: Mapping[str, float], prefix: str, w: float, miss: float
) -> float:
    ours = _shared_share(mine, theirs, prefix)
    back = _shared_share(theirs, mine, prefix)
    if ours < 0 or back < 0:
        return 0.0
    both = min(ours, back)
    return w * both if both > 0 else miss


def _dates_term(
    story: EventFeatures, profile: Profile, row: ClusterRow, s: ClusterSettings
) -> float:
    if story.dates & profile.dates.keys():
        return s.dates
    if story.published and row.last_published and row.first_published:
        window = dt.timedelta(days=s.window_days)
        near = row.first_published - window <= story.published <= row.last_published + window
        return 0.0 if near else s.dates_apart
    if story.years and profile.years and not story.years & profile.years.keys():
        return s.dates_apart
    return 0.0


def event_keys(story: EventFeatures, vector: Mapping[str, float], count: int) -> list[str]:
    """The keys a story is looked up and posted under: its names and its top words."""
    words = sorted(vector, key=lambda t: (-vector[t], t))[:count]
    return sorted(story.names) + [f"word:{w}" for w in words]


def choose_cluster(
    index: LinkIndex,
    story: EventFeatures,
    vector: Mapping[str, float],
    settings: ClusterSettings,
) -> tuple[ClusterRow | None, float]:
    """The best cluster for the story among those its keys find, if any scores above 0."""
    keys = event_keys(story, vector, settings.key_terms)
    since = until = None
    if story.published:
        since = story.published - dt.timedelta(days=settings.window_days)
        until = story.published + dt.timedelta(days=settings.window_days)
    found = index.lookup("event", keys, since=since, until=until)
    ranked = sorted(found, key=lambda c: (-len(found[c]), c))[: settings.candidates]
    best: ClusterRow | None = None
    best_score = 0.0
    for _, row in sorted(index.clusters(ranked).items()):
        z = score(story, vector, Profile.from_json(row.profile), row, settings)
        if z > best_score:
            best, best_score = row, z
    return best, best_score


def joined(
    row: ClusterRow | None,
    story_id: str,
    story: EventFeatures,
    vector: Mapping[str, float],
    new_id: str,
) -> ClusterRow:
    """The cluster row after the story joins it (a new cluster when ``row`` is None)."""
    profile = Profile.from_json(row.profile) if row else Profile()
    _add_weights(profile.terms, vector, PROFILE_TERMS)
    _add_weights(profile.names, {k: float(n) for k, n in story.names.items()}, PROFILE_NAMES)
    for value in story.dates:
        profile.dates[value] = profile.dates.get(value, 0) + 1
    for year in story.years:
        profile.years[year] = profile.years.get(year, 0) + 1
    if row is None:
        return ClusterRow(
            cluster_id=new_id,
            first_story=story_id,
            label=story.label,
            size=1,
            first_published=story.published,
            last_published=story.published,
            profile=profile.to_json(),
        )
    days = [d for d in (row.first_published, row.last_published, story.published) if d]
    return ClusterRow(
        cluster_id=row.cluster_id,
        first_story=row.first_story,
        label=row.label,
        size=row.size + 1,
        first_published=min(days) if days else None,
        last_published=max(days) if days else None,
        profile=profile.to_json(),
    )


def _add_weights(total: dict[str, float], add: Mapping[str, float], keep: int) -> None:
    for key, w in add.items():
        total[key] = round(total.get(key, 0.0) + w, 4)
    if len(total) > keep:
        for key in sorted(total, key=lambda k: (total[k], k))[: len(total) - keep]:
            del total[key]


def postings(
    row: ClusterRow, story: EventFeatures, vector: Mapping[str, float], count: int
) -> list[Posting]:
    """The ``event`` postings of a cluster for the story that joined it."""
    return [
        Posting("event", key, row.cluster_id, row.last_published)
        for key in event_keys(story, vector, count)
    ]
