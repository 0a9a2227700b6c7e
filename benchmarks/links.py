"""Speed of linking one story into a large corpus: copies, event cluster and corpus people.

    python benchmarks/links.py [--stories 100000] [--added 200] [--rounds 3]

Builds a synthetic in-memory corpus of ``--stories`` stories (events of 1-30 stories over
three years, a pool of people who recur across events, alike words drawn from one
vocabulary, one story in ten a copy of another), filled through the same profile and
posting code that linking uses. Then links ``--added`` new stories into it and, as the
baseline in the same process, the same stories into an empty corpus. Reports
milliseconds per story (best of ``--rounds``), their ratio, and the memory (RSS) of the
process before and after the corpus is built. The digests are made here, not by the
pipeline: only linking is timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import time
from dataclasses import dataclass

from newsdigest.corpus import cluster, people
from newsdigest.corpus.index import MemoryIndex, NewStory, Posting, StoryLinks, StoryRow
from newsdigest.corpus.links import LinkSettings, StoryFeatures, link_features, story_features
from newsdigest.model import Article, DateMention, Digest, Entity, Span

VOCABULARY = 20_000
FIRST = [f"Given{i}" for i in range(400)]
LAST = [f"Family{i}" for i in range(6000)]
PLACES = [f"Place{i}" for i in range(2000)]
START = dt.date(2021, 1, 1)


@dataclass(frozen=True, slots=True)
class Event:
    """A synthetic event: its words, people, place and day."""

    words: list[str]
    people: list[str]
    place: str
    day: dt.date


def make_event(rng: random.Random) -> Event:
    words = [f"w{int(rng.paretovariate(1.1)) % VOCABULARY}" for _ in range(40)]
    cast = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 4))]
    day = START + dt.timedelta(days=rng.randrange(3 * 365))
    return Event(words, cast, rng.choice(PLACES), day)


def make_story(story_id: str, event: Event, rng: random.Random) -> NewStory:
    """A story of ~300 words about the event, with its cast and a date."""
    parts: list[str] = []
    spans: dict[str, list[Span]] = {}
    offset = 0

    def put(word: str, name: str | None = None) -> None:
        nonlocal offset
        if name is not None:
            spans.setdefault(name, []).append(Span(offset, offset + len(word)))
        parts.append(word)
        offset += len(word) + 1

    for i in range(300):
        if i % 40 == 0:
            name = rng.choice(event.people)
            put(name, name)
        elif i % 75 == 0:
            put(event.place, event.place)
        else:
            put(rng.choice(event.words) if rng.random() < 0.6 else f"w{rng.randrange(VOCABULARY)}")
    text = " ".join(parts)
    day = event.day + dt.timedelta(days=rng.randint(0, 2))
    entities = tuple(
        Entity(
            id=f"e{i}",
            type="GPE" if name == event.place else "PERSON",
            name=name,
            mentions=tuple(found),
        )
        for i, (name, found) in enumerate(spans.items(), start=1)
    )
    dates = (
        DateMention(text=day.isoformat(), span=Span(0, 1), type="DATE", value=day.isoformat()),
    )
    digest = Digest(article=Article(text=text, published=day), entities=entities, dates=dates)
    return NewStory(story_id=story_id, outlet="Synthetic", published=day, text=text, digest=digest)


def stories(count: int, seed: int) -> list[NewStory]:
    """``count`` stories about events of 1-30 stories, one in ten a near copy of another."""
    rng = random.Random(seed)
    out: list[NewStory] = []
    while len(out) < count:
        event = make_event(rng)
        for _ in range(min(rng.randint(1, 30), count - len(out))):
            if out and rng.random() < 0.1:
                original = rng.choice(out[-20:])
                text = original.text + " w1 w2 w3"
                copy = NewStory(
                    story_id=f"s{len(out)}",
                    outlet=original.outlet,
                    published=original.published,
                    text=text,
                    digest=Digest(
                        article=Article(text=text, published=original.published),
                        entities=original.digest.entities,
                        dates=original.digest.dates,
                    ),
                )
                out.append(copy)
            else:
                out.append(make_story(f"s{len(out)}", event, rng))
    return out


def fill(index: MemoryIndex, count: int, seed: int) -> None:
    """Fill the index as linking would, each story joining its synthetic event and people."""
    event_of: dict[str, str] = {}
    person_of: dict[str, str] = {}
    for seq, story in enumerate(stories(count, seed), start=1):
        f = story_features(story)
        df = index.document_frequencies(f.event.terms)
        vector = cluster.tfidf(f.event.terms, df, seq)
        key = " ".join(sorted(e.name for e in f.entities))
        cid = event_of.setdefault(key, f"c{seq}")
        row = cluster.joined(index.clusters([cid]).get(cid), f.story_id, f.event, vector, cid)
        posts = [Posting("band", b, f.story_id, f.published) for b in _bands(f)]
        posts += cluster.postings(row, f.event, vector, LinkSettings().cluster.key_terms)
        rows = []
        for e in f.entities:
            pid = person_of.setdefault(e.name, f"p{seq}{e.entity_id}")
            person = people.updated_person(index.people([pid]).get(pid), e, f.story_id, pid, cid)
            rows.append(person)
            posts += people.name_postings(person, e)
        index.apply(
            StoryLinks(
                story_id=f.story_id,
                cluster_id=cid,
                duplicate_of=None,
                entity_ids={
                    e.entity_id: p.corpus_id for e, p in zip(f.entities, rows, strict=True)
                },
                story=StoryRow(
                    f.story_id, cid, None, f.published, f.outlet, f.signature.to_bytes(), seq
                ),
                clusters=(row,),
                people=tuple(rows),
                postings=tuple(posts),
                terms=tuple(f.event.terms),
            )
        )


def _bands(f: StoryFeatures) -> list[str]:
    from newsdigest.corpus.dedup import band_keys

    return band_keys(f.signature)


def time_links(base: MemoryIndex | None, added: list[StoryFeatures]) -> float:
    """Seconds to link the stories into ``base`` (a new empty index when None)."""
    index = base if base is not None else MemoryIndex()
    start = time.perf_counter()
    for f in added:
        link_features(index, f)
    return time.perf_counter() - start


def rss_mb() -> float:
    """Peak resident memory of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--added", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    before = rss_mb()
    corpus = MemoryIndex()
    start = time.perf_counter()
    fill(corpus, args.stories, seed=1)
    built = time.perf_counter() - start
    after = rss_mb()
    print(
        f"corpus: {args.stories} stories built in {built:.0f} s; "
        f"peak RSS {before:.0f} -> {after:.0f} MB"
    )

    best_big = best_empty = float("inf")
    for round_ in range(args.rounds):
        fresh = [story_features(s) for s in stories(args.added, seed=1000 + round_)]
        renamed = [
            StoryFeatures(
                story_id=f"new{round_}-{f.story_id}",
                outlet=f.outlet,
                published=f.published,
                signature=f.signature,
                event=f.event,
                entities=f.entities,
                speakers=f.speakers,
            )
            for f in fresh
        ]
        best_empty = min(best_empty, time_links(None, renamed))
        best_big = min(best_big, time_links(corpus, renamed))
    per_big = 1000 * best_big / args.added
    per_empty = 1000 * best_empty / args.added
    print(f"linking into an empty corpus (baseline): {per_empty:.2f} ms per story")
    print(f"linking into the {args.stories}-story corpus: {per_big:.2f} ms per story")
    print(f"ratio: {per_big / per_empty:.2f}; target <= 20 ms per story")
    print(f"peak RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
