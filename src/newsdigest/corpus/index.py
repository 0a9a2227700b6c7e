"""What the corpus links need from a store, and an in-memory store for tests and evaluation.

Linking a story (near-duplicates, event cluster, corpus people) reads candidates from a
:class:`LinkIndex` and returns a :class:`StoryLinks`: everything the add changes, which the
index writes with one :meth:`LinkIndex.apply` call. The SQL stores implement the same
protocol over the tables named in ``docs/corpus-links.md``; :class:`MemoryIndex` keeps
them in dictionaries.

Candidates only ever come from postings: ``(kind, key) -> targets``, where ``kind`` is
``"band"`` (a MinHash LSH bucket; targets are story ids), ``"event"`` (a name, place or
distinctive word of a cluster; targets are cluster ids) or ``"name"`` (a name key of a
corpus person, organisation or place; targets are corpus ids). Each posting carries the
day of its latest story (None when undated), so a look-up can keep to a time window.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from newsdigest.model import Digest

PostingKind = Literal["band", "event", "name"]
POSTING_KINDS: tuple[PostingKind, ...] = ("band", "event", "name")


@dataclass(frozen=True, slots=True)
class NewStory:
    """A story being added to the corpus: what the links read of it.

    story_id (str): the store's id of the story.
    outlet (str | None): who published it.
    published (date | None): its publication date, when known.
    text (str): the exact text its digest's offsets index.
    digest (Digest): its digest (the cast, quotes and dates are read).
    """

    story_id: str
    outlet: str | None
    published: dt.date | None
    text: str
    digest: Digest


@dataclass(frozen=True, slots=True)
class Posting:
    """One index entry: ``target`` is found under ``(kind, key)``; ``day`` its latest date.

    kind (PostingKind): band, event or name.
    key (str): the bucket, word or name key.
    target (str): a story id (band), cluster id (event) or corpus id (name).
    day (date | None): the latest publication date of what the target holds, if known.
    """

    kind: PostingKind
    key: str
    target: str
    day: dt.date | None = None


@dataclass(frozen=True, slots=True)
class StoryRow:
    """What the links keep of a story (table ``story_links``).

    signature (bytes): the MinHash signature of its text (``dedup.signature``).
    seq (int): its place in the order stories were linked (1, 2, ...).
    """

    story_id: str
    cluster_id: str
    duplicate_of: str | None
    published: dt.date | None
    outlet: str | None
    signature: bytes
    seq: int


@dataclass(frozen=True, slots=True)
class ClusterRow:
    """A story cluster: the stories about one real-world event (table ``clusters``).

    label (str): a readable name, the title or first line of its first story.
    profile (dict): the words, names, places and dates of its stories (JSON), which the
        clustering compares new stories with; opaque to the store.
    """

    cluster_id: str
    first_story: str
    label: str
    size: int
    first_published: dt.date | None
    last_published: dt.date | None
    profile: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A corpus person, organisation or place: cast entities of several stories (``people``).

    type (str): the entity type (PERSON, ORG, GPE, ...).
    name (str): the fullest name the stories give.
    titles (tuple[str, ...]): its most frequent titles and roles, most frequent first.
    profile (dict): names, titles, companions and clusters it was seen with (JSON), which the
        linking compares new entities with; opaque to the store.
    """

    corpus_id: str
    type: str
    name: str
    gender: str | None
    titles: tuple[str, ...]
    story_count: int
    mention_count: int
    first_story: str
    profile: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A quoted person of one story (table ``quoted_people``), as ``corpus sources`` counts it.

    entity_id (str): the speaker's entity id in the story's digest.
    gender (str | None): "female" or "male" as the story states it, else None.
    role (str): role class from ``roles.ROLE_CLASSES``.
    quotes (int): how many quotes of the story the person speaks.
    """

    story_id: str
    entity_id: str
    corpus_id: str
    name: str
    gender: str | None
    role: str
    quotes: int
    outlet: str | None
    published: dt.date | None
    cluster_id: str


@dataclass(frozen=True, slots=True)
class StoryLinks:
    """Everything one added story changes; the result of ``links.link_story``.

    cluster_id (str): the event cluster the story joins (new or existing).
    duplicate_of (str | None): the earliest story it copies, None when it copies none.
    entity_ids (Mapping[str, str]): entity id of the digest -> corpus id.
    story (StoryRow): the row for ``story_links`` (insert or replace).
    clusters (tuple[ClusterRow, ...]): cluster rows to insert or replace.
    people (tuple[PersonRow, ...]): people rows to insert or replace.
    postings (tuple[Posting, ...]): postings to insert; an existing ``(kind, key, target)``
        keeps the later of its ``day`` and the new one.
    terms (tuple[str, ...]): words whose document frequency grows by one.
    repointed (tuple[tuple[str, str], ...]): (story id, new duplicate_of) of earlier-added
        copies of this story when this one was published before their original.
    sources (tuple[SourceRow, ...]): the story's quoted people (replace the story's rows).
    """

    story_id: str
    cluster_id: str
    duplicate_of: str | None
    entity_ids: Mapping[str, str]
    story: StoryRow
    clusters: tuple[ClusterRow, ...] = ()
    people: tuple[PersonRow, ...] = ()
    postings: tuple[Posting, ...] = ()
    terms: tuple[str, ...] = ()
    repointed: tuple[tuple[str, str], ...] = ()
    sources: tuple[SourceRow, ...] = ()


class LinkIndex(Protocol):
    """The reads and the one write the corpus links need from a store."""

    def story_count(self) -> int:
        """Number of stories linked so far."""
        ...

    def document_frequencies(self, terms: Collection[str]) -> dict[str, int]:
        """Number of linked stories holding each term (terms never seen are left out)."""
        ...

    def lookup(
        self,
        kind: PostingKind,
        keys: Collection[str],
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        per_key: int = 64,
    ) -> dict[str, set[str]]:
        """Targets posted under any of ``keys``, each with the keys it was found under.

        kind (PostingKind): which postings.
        keys (Collection[str]): the keys to look up.
        since (date | None): keep postings whose day is on or after this (undated ones stay).
        until (date | None): keep postings whose day is on or before this (undated ones stay).
        per_key (int): at most this many targets per key: latest day first (undated last),
            then most recently posted first.
        RETURNS (dict[str, set[str]]): target -> the keys that found it.
        """
        ...

    def stories(self, story_ids: Collection[str]) -> dict[str, StoryRow]:
        """The stored rows of these stories (unknown ids are left out)."""
        ...

    def clusters(self, cluster_ids: Collection[str]) -> dict[str, ClusterRow]:
        """The stored rows of these clusters (unknown ids are left out)."""
        ...

    def people(self, corpus_ids: Collection[str]) -> dict[str, PersonRow]:
        """The stored rows of these corpus people (unknown ids are left out)."""
        ...

    def apply(self, links: StoryLinks) -> None:
        """Write everything one linked story changes, in the add's transaction.

        Postings are stamped with ``links.story.seq`` (the ``touched`` order of look-ups).
        """
        ...


@dataclass(slots=True)
class _Posts:
    """The targets of one key, kept in look-up order: by day, then by the add that posted them.

    dated (list): (day ordinal, touched, target), sorted; undated (list): (touched, target),
    sorted; where: target -> its entry, to move it when it is posted again.
    """

    dated: list[tuple[int, int, str]] = field(default_factory=list)
    undated: list[tuple[int, str]] = field(default_factory=list)
    where: dict[str, tuple[int, int]] = field(default_factory=dict)

    def post(self, target: str, day: dt.date | None, touched: int) -> None:
        old = self.where.get(target)
        ordinal = day.toordinal() if day else -1
        if old is not None:
            old_ordinal, old_touched = old
            ordinal = max(ordinal, old_ordinal)
            if old_ordinal >= 0:
                del self.dated[bisect.bisect_left(self.dated, (old_ordinal, old_touched, target))]
            else:
                del self.undated[bisect.bisect_left(self.undated, (old_touched, target))]
        self.where[target] = (ordinal, touched)
        if ordinal >= 0:
            bisect.insort(self.dated, (ordinal, touched, target))
        else:
            bisect.insort(self.undated, (touched, target))

    def latest(self, since: dt.date | None, until: dt.date | None, limit: int) -> list[str]:
        """Up to ``limit`` targets: latest day first inside the window, then undated ones."""
        lo = bisect.bisect_left(self.dated, (since.toordinal(),)) if since else 0
        hi = bisect.bisect_left(self.dated, (until.toordinal() + 1,)) if until else len(self.dated)
        found = [t for _, _, t in reversed(self.dated[max(lo, hi - limit) : hi])]
        if len(found) < limit:
            found += [t for _, t in reversed(self.undated[-(limit - len(found)) :])]
        return found


@dataclass(slots=True)
class MemoryIndex:
    """A :class:`LinkIndex` in dictionaries: for tests, evaluation and benchmarks."""

    _stories: dict[str, StoryRow] = field(default_factory=dict)
    _clusters: dict[str, ClusterRow] = field(default_factory=dict)
    _people: dict[str, PersonRow] = field(default_factory=dict)
    _postings: dict[tuple[str, str], _Posts] = field(default_factory=dict)
    _df: dict[str, int] = field(default_factory=dict)
    _sources: dict[str, tuple[SourceRow, ...]] = field(default_factory=dict)
    _touched: int = 0

    def story_count(self) -> int:
        return len(self._stories)

    def document_frequencies(self, terms: Collection[str]) -> dict[str, int]:
        df = self._df
        return {t: df[t] for t in terms if t in df}

    def lookup(
        self,
        kind: PostingKind,
        keys: Collection[str],
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        per_key: int = 64,
    ) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for key in keys:
            posted = self._postings.get((kind, key))
            if posted is None:
                continue
            for target in posted.latest(since, until, per_key):
                found.setdefault(target, set()).add(key)
        return found

    def stories(self, story_ids: Collection[str]) -> dict[str, StoryRow]:
        return {i: self._stories[i] for i in story_ids if i in self._stories}

    def clusters(self, cluster_ids: Collection[str]) -> dict[str, ClusterRow]:
        return {i: self._clusters[i] for i in cluster_ids if i in self._clusters}

    def people(self, corpus_ids: Collection[str]) -> dict[str, PersonRow]:
        return {i: self._people[i] for i in corpus_ids if i in self._people}

    def apply(self, links: StoryLinks) -> None:
        self._touched = links.story.seq
        self._stories[links.story_id] = links.story
        for story_id, original in links.repointed:
            self._stories[story_id] = replace(self._stories[story_id], duplicate_of=original)
        for cluster in links.clusters:
            self._clusters[cluster.cluster_id] = cluster
        for person in links.people:
            self._people[person.corpus_id] = person
        for posting in links.postings:
            self._post(posting)
        for term in links.terms:
            self._df[term] = self._df.get(term, 0) + 1
        self._sources[links.story_id] = links.sources

    def _post(self, posting: Posting) -> None:
        posts = self._postings.setdefault((posting.kind, posting.key), _Posts())
        posts.post(posting.target, posting.day, self._touched)
