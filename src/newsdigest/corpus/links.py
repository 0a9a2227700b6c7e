"""Linking an added story into the corpus: its original, its event cluster, its people.

:func:`link_story` is what the store calls for every added story (or new version). It
reads candidates from a :class:`~newsdigest.corpus.index.LinkIndex`, decides in this
order, and writes the result with one ``index.apply``:

1. near-duplicates (:mod:`.dedup`): a copy gets ``duplicate_of`` and its original's cluster;
2. the event cluster (:mod:`.cluster`);
3. the corpus person, organisation or place of each cast entity (:mod:`.people`);
4. the story's quoted people (:mod:`.sources`).

:func:`story_features` is the part that needs no index (a worker can compute it);
:func:`link_features` the part that does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace

from newsdigest.corpus import cluster, dedup, people
from newsdigest.corpus.index import (
    ClusterRow,
    LinkIndex,
    NewStory,
    PersonRow,
    Posting,
    StoryLinks,
    StoryRow,
)
from newsdigest.corpus.sources import Speaker, source_rows, speakers


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """The settings of every linking step."""

    cluster: cluster.ClusterSettings = field(default_factory=cluster.ClusterSettings)
    people: people.PeopleSettings = field(default_factory=people.PeopleSettings)


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What the links read of one story, computed without the index (picklable)."""

    story_id: str
    outlet: str | None
    published: dt.date | None
    signature: dedup.Signature
    event: cluster.EventFeatures
    entities: tuple[people.EntityFeatures, ...]
    speakers: tuple[Speaker, ...]


def story_features(story: NewStory) -> StoryFeatures:
    """The signature, words, names, dates and speakers of a story being added.

    story (NewStory): the story, its text and its digest.
    RETURNS (StoryFeatures): what :func:`link_features` needs.
    """
    return StoryFeatures(
        story_id=story.story_id,
        outlet=story.outlet,
        published=story.published,
        signature=dedup.signature(story.text),
        event=cluster.event_features(story.text, story.digest, story.published),
        entities=tuple(people.entity_features(story.digest.entities)),
        speakers=tuple(speakers(story.digest)),
    )


def link_story(
    index: LinkIndex, story: NewStory, settings: LinkSettings | None = None
) -> StoryLinks:
    """Link a story into the corpus and write the links through ``index.apply``.

    index (LinkIndex): the corpus' link index.
    story (NewStory): the story being added (or its new version).
    settings (LinkSettings | None): None uses the fitted defaults.
    RETURNS (StoryLinks): its cluster, original, corpus ids and every row written.
    """
    return link_features(index, story_features(story), settings)


def link_features(
    index: LinkIndex, story: StoryFeatures, settings: LinkSettings | None = None
) -> StoryLinks:
    """:func:`link_story` for features computed beforehand (see :func:`story_features`)."""
    settings = settings or LinkSettings()
    sid = story.story_id
    prior = index.stories([sid]).get(sid)
    seq = prior.seq if prior else index.story_count() + 1
    stamp = story.signature.to_bytes()
    bands = dedup.band_keys(story.signature)
    copied, repointed = _original(index, story, bands)
    original = None if repointed else copied

    terms = story.event.terms
    df = index.document_frequencies(terms)
    vector = cluster.tfidf(terms, df, index.story_count() + (0 if prior else 1))
    home = _cluster_of(index, copied) if copied else None
    if home is None:
        home, _ = cluster.choose_cluster(index, story.event, vector, settings.cluster)
    stays = prior is not None and home is not None and home.cluster_id == prior.cluster_id
    new_id = _new_id("c", sid, stamp)
    row = home if stays and home else cluster.joined(home, sid, story.event, vector, new_id)
    clusters = [] if stays else [row]
    if prior and not stays:
        clusters += _left(index, prior.cluster_id)

    linked = people.link_entities(index, sid, story.entities, row.cluster_id, settings.people)
    rows: list[PersonRow] = []
    posts: list[Posting] = [Posting("band", key, sid, story.published) for key in bands]
    posts += cluster.postings(row, story.event, vector, settings.cluster.key_terms)
    for e in story.entities:
        person = people.updated_person(
            linked[e.entity_id],
            e,
            sid,
            _new_id("p", f"{sid}\0{e.entity_id}", stamp),
            row.cluster_id,
            again=prior is not None,
        )
        rows.append(person)
        posts += people.name_postings(person, e)
    entity_ids = {e.entity_id: p.corpus_id for e, p in zip(story.entities, rows, strict=True)}
    links = StoryLinks(
        story_id=sid,
        cluster_id=row.cluster_id,
        duplicate_of=original,
        entity_ids=entity_ids,
        story=StoryRow(
            story_id=sid,
            cluster_id=row.cluster_id,
            duplicate_of=original,
            published=story.published,
            outlet=story.outlet,
            signature=stamp,
            seq=seq,
        ),
        clusters=tuple(clusters),
        people=tuple(rows),
        postings=tuple(posts),
        terms=() if prior else tuple(sorted(terms)),
        repointed=tuple(repointed),
        sources=tuple(
            source_rows(
                story.speakers,
                story_id=sid,
                corpus_ids=entity_ids,
                cluster_id=row.cluster_id,
                outlet=story.outlet,
                published=story.published,
            )
        ),
    )
    index.apply(links)
    return links


def _new_id(prefix: str, seed: str, stamp: bytes) -> str:
    """A new id, stable for what introduced it (a new version gets new ones)."""
    return prefix + hashlib.blake2b(seed.encode() + b"\0" + stamp, digest_size=8).hexdigest()


def _original(
    index: LinkIndex, story: StoryFeatures, bands: list[str]
) -> tuple[str | None, list[tuple[str, str]]]:
    """The earliest story this one copies, and the copies to repoint when this one is earlier.

    RETURNS (tuple): the original (or None), and (story id, this story) for every copy of
        the group when this story was published before the original.
    """
    if not bands:
        return None, []
    found = index.lookup("band", bands, per_key=16)
    found.pop(story.story_id, None)
    rows = index.stories(found)
    others = [(i, dedup.Signature.from_bytes(r.signature)) for i, r in sorted(rows.items())]
    closest = dedup.closest_copy(story.signature, others)
    if closest is None:
        return None, []
    first = rows[closest].duplicate_of or closest
    first_row = rows.get(first) or index.stories([first]).get(first)
    if first_row is None or not _earlier(story.published, first_row.published):
        return first, []
    group = [i for i, r in rows.items() if i == first or r.duplicate_of == first]
    return first, [(i, story.story_id) for i in sorted(group)]


def _earlier(mine: dt.date | None, theirs: dt.date | None) -> bool:
    return mine is not None and theirs is not None and mine < theirs


def _cluster_of(index: LinkIndex, story_id: str) -> ClusterRow | None:
    stored = index.stories([story_id]).get(story_id)
    if stored is None:
        return None
    return index.clusters([stored.cluster_id]).get(stored.cluster_id)


def _left(index: LinkIndex, cluster_id: str) -> list[ClusterRow]:
    """The cluster a new version of a story left, one story smaller."""
    old = index.clusters([cluster_id]).get(cluster_id)
    return [replace(old, size=max(0, old.size - 1))] if old else []
