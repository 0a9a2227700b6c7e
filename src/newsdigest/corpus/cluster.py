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
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from newsdigest.corpus.index import ClusterRow, LinkIndex, Posting
from newsdigest.corpus.people import NAME_TYPES
from newsdigest.model import Digest

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}(?!\d)")
PROFILE_TERMS = 120
PROFILE_NAMES = 60
OPENING = 300
MEMBERS = 8
MEMBER_TERMS = 30


# The comparison of a story with a cluster: one value per feature, weighed by
# ClusterSettings.weights (a logistic model fitted across topics; see evaluate/clusters.py).
FEATURES: tuple[str, ...] = (
    "bias",
    "text",
    "names",
    "names_back",
    "names_apart",
    "lead",
    "lead_apart",
    "same_day",
    "year_apart",
    "opening",
    "text_max",
    "day_apart",
)
FITTED: tuple[float, ...] = (
    -3.315,
    1.43,
    3.495,
    3.341,
    0.84,
    -0.024,
    -0.788,
    1.92,
    -0.872,
    2.264,
    1.066,
    0.255,
)


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """The weights and limits of the event comparison.

    weights (tuple[float, ...]): one per name of :data:`FEATURES`; a story joins the best
        cluster whose weighted sum is above 0.
    window_days (int): a dated story is compared with clusters whose stories are at most
        this many days away.
    candidates (int): at most this many clusters are compared, those sharing most keys.
    key_terms (int): distinctive words a story is looked up and posted under.
    """

    weights: tuple[float, ...] = FITTED
    window_days: int = 14
    candidates: int = 20
    key_terms: int = 12


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """What the clustering reads of one story.

    terms (Counter[str]): content word counts.
    names (Counter[str]): the words of its cast's names, counted once per mention; whatever
        type the cast gives a name, so "Page" meets "Bettie Page".
    lead (str | None): the name word mentioned most: who or where the story is about.
    dates (frozenset[str]): the days (YYYY-MM-DD) its dates resolve to.
    year (str | None): its publication year, else the latest year its dates name.
    """

    terms: Counter[str]
    names: Counter[str]
    lead: str | None
    dates: frozenset[str]
    year: str | None
    opening: Counter[str] = field(default_factory=Counter)
    day: dt.date | None = None
    label: str = ""
    published: dt.date | None = None


@dataclass(slots=True)
class Profile:
    """A cluster's words, names and dates, summed over its stories (JSON in ``clusters``)."""

    terms: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    leads: dict[str, int] = field(default_factory=dict)
    dates: dict[str, int] = field(default_factory=dict)
    years: dict[str, int] = field(default_factory=dict)
    opening: dict[str, float] = field(default_factory=dict)
    members: dict[str, dict[str, float]] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)

    norms: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, copy: bool = False) -> Profile:
        """Read the stored form (shared with ``data`` unless ``copy``)."""
        if copy:
            return cls(**{k: dict(data.get(k, {})) for k in cls.__dataclass_fields__})
        return cls(**{k: data.get(k, {}) for k in cls.__dataclass_fields__})

    def to_json(self) -> dict[str, Any]:
        """The stored form."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@cache
def stop_words() -> frozenset[str]:
    """English stop words (spaCy's list), which carry no event."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def content_words(text: str) -> Counter[str]:
    """Lower-cased words of a story other than stop words and one-letter tokens."""
    stops = stop_words()
    words = (w.lower() for w in _WORD.findall(text))
    return Counter(w for w in words if len(w) > 1 and w not in stops)


def event_features(text: str, digest: Digest, published: dt.date | None) -> EventFeatures:
    """The words, names and dates of one story."""
    stops = stop_words()
    names: Counter[str] = Counter()
    for entity in digest.entities:
        if entity.type not in NAME_TYPES:
            continue
        for word in {w.lower() for w in _WORD.findall(entity.name)}:
            if len(word) > 1 and word not in stops:
                names[word] += len(entity.mentions)
    lead = min(names, key=lambda w: (-names[w], w)) if names else None
    values = [d.value for d in digest.dates if d.value]
    dates = {v for v in values if _DAY.match(v)}
    years = [v[:4] for v in values if _YEAR.match(v)]
    year = str(published.year) if published else max(years, default=None)
    first_line = text.strip().split("\n", 1)[0][:120]
    head = [
        d.value for d in digest.dates if d.value and _DAY.match(d.value) and d.span.start < OPENING
    ]
    day = published or (dt.date.fromisoformat(head[0]) if head else None)
    return EventFeatures(
        opening=content_words(text[:OPENING]),
        day=day,
        terms=content_words(text),
        names=names,
        lead=lead,
        dates=frozenset(dates),
        year=year,
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


def _cos_unit(unit: Mapping[str, float], other: Mapping[str, float], norm: float) -> float:
    """Cosine of a unit vector with another vector of the given norm."""
    if not norm:
        return 0.0
    if len(other) < len(unit):
        return sum(w * unit.get(t, 0.0) for t, w in other.items()) / norm
    return sum(w * other.get(t, 0.0) for t, w in unit.items()) / norm


def _norm(v: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in v.values()))


def _share(mine: Mapping[str, float], theirs: Mapping[str, float]) -> float:
    """Share of ``mine``'s weight on keys that ``theirs`` also holds (0 when empty)."""
    total = sum(mine.values())
    shared = sum(w for k, w in mine.items() if k in theirs)
    return shared / total if total else 0.0


def pair_features(
    story: EventFeatures,
    vector: Mapping[str, float],
    profile: Profile,
    window_days: int,
    *,
    members: bool = True,
) -> list[float]:
    """The values of :data:`FEATURES` comparing a story with a cluster.

    members (bool): compare with each member story too (``text_max``); without, 0.
    """
    names = _share(story.names, profile.names)
    both = bool(story.names and profile.names)
    lead = story.lead is not None and story.lead in profile.leads
    top = max(profile.leads, key=lambda k: (profile.leads[k], k)) if profile.leads else None
    lead_apart = story.lead is not None and story.lead not in profile.names
    lead_apart = lead_apart and top is not None and top not in story.names
    return [
        1.0,
        _cos_unit(vector, profile.terms, profile.norms.get("terms", 0.0)),
        names,
        _share(profile.names, story.names),
        float(both and names == 0.0),
        float(lead),
        float(lead_apart),
        float(bool(story.dates & profile.dates.keys())),
        float(bool(story.year and profile.years and story.year not in profile.years)),
        _cos_unit(_opening(story, vector), profile.opening, profile.norms.get("opening", 0.0)),
        _text_max(vector, profile) if members else 0.0,
        _day_apart(story.day, profile.days, window_days),
    ]


def _text_max(vector: Mapping[str, float], profile: Profile) -> float:
    return max((_cos_unit(vector, m, 1.0) for m in profile.members.values()), default=0.0)


def _opening(story: EventFeatures, vector: Mapping[str, float]) -> dict[str, float]:
    return _unit({t: vector.get(t, 0.0) for t in story.opening})


def _unit(v: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
    return {t: w / norm for t, w in v.items()}


def _day_apart(day: dt.date | None, days: Mapping[str, int], window_days: int) -> float:
    if day is None or not days:
        return 0.0
    near = min(abs((dt.date.fromisoformat(d) - day).days) for d in days)
    return 1.0 if near > window_days else 0.0


def score(
    story: EventFeatures,
    vector: Mapping[str, float],
    profile: Profile,
    settings: ClusterSettings,
) -> float:
    """How strongly the story belongs to the cluster: above 0 means it joins."""
    return _dot(settings.weights, pair_features(story, vector, profile, settings.window_days))


def event_keys(story: EventFeatures, vector: Mapping[str, float], count: int) -> list[str]:
    """The keys a story is looked up and posted under: its names and its top words."""
    words = heapq.nsmallest(count, vector, key=lambda t: (-vector[t], t))
    names = heapq.nsmallest(count, story.names, key=lambda n: (-story.names[n], n))
    return [f"name:{n}" for n in names] + [f"word:{w}" for w in words]


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
    # Every score without the member comparison first; that comparison (the costly one)
    # only where it could still make the cluster the best: it adds at most its weight.
    member_weight = max(0.0, settings.weights[FEATURES.index("text_max")])
    partial = []
    for cluster_id, row in sorted(index.clusters(ranked).items()):
        profile = Profile.from_json(row.profile)
        values = pair_features(story, vector, profile, settings.window_days, members=False)
        partial.append((_dot(settings.weights, values), cluster_id, row, profile))
    partial.sort(key=lambda p: (-p[0], p[1]))
    best: ClusterRow | None = None
    best_score = 0.0
    for z, _, row, profile in partial:
        if z + member_weight <= best_score:
            break
        z += settings.weights[FEATURES.index("text_max")] * _text_max(vector, profile)
        if z > best_score:
            best, best_score = row, z
    return best, best_score


def _dot(weights: Sequence[float], values: Sequence[float]) -> float:
    return sum(w * v for w, v in zip(weights, values, strict=True))


def joined(
    row: ClusterRow | None,
    story_id: str,
    story: EventFeatures,
    vector: Mapping[str, float],
    new_id: str,
) -> ClusterRow:
    """The cluster row after the story joins it (a new cluster when ``row`` is None)."""
    profile = Profile.from_json(row.profile, copy=True) if row else Profile()
    _add_weights(profile.terms, vector, PROFILE_TERMS)
    _add_weights(profile.names, {k: float(n) for k, n in story.names.items()}, PROFILE_NAMES)
    _count(profile.leads, [story.lead] if story.lead else [])
    _count(profile.dates, story.dates)
    _count(profile.years, [story.year] if story.year else [])
    _count(profile.days, [story.day.isoformat()] if story.day else [])
    _add_weights(profile.opening, _opening(story, vector), PROFILE_TERMS)
    top = _unit(
        {t: vector[t] for t in heapq.nsmallest(MEMBER_TERMS, vector, key=lambda t: (-vector[t], t))}
    )
    profile.members[story_id] = {t: round(w, 4) for t, w in top.items()}
    profile.norms = {"terms": _norm(profile.terms), "opening": _norm(profile.opening)}
    while len(profile.members) > MEMBERS:
        del profile.members[next(iter(profile.members))]
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
    if len(total) > keep + keep // 4:
        # trimmed in bursts: sorting on every join would cost more than the comparisons
        for key in sorted(total, key=lambda k: (total[k], k))[: len(total) - keep]:
            del total[key]


def _count(total: dict[str, int], items: Iterable[str]) -> None:
    for item in items:
        total[item] = total.get(item, 0) + 1


def postings(
    row: ClusterRow, story: EventFeatures, vector: Mapping[str, float], count: int
) -> list[Posting]:
    """The ``event`` postings of a cluster for the story that joined it."""
    return [
        Posting("event", key, row.cluster_id, row.last_published)
        for key in event_keys(story, vector, count)
    ]
