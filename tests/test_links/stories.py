"""Small stories written for these tests, digested by hand (no spaCy needed)."""

from __future__ import annotations

import datetime as dt

from newsdigest.corpus.index import NewStory
from newsdigest.model import Article, DateMention, Digest, Entity, Quote, Role, Span


def person(
    entity_id: str,
    text: str,
    name: str,
    *,
    kind: str = "PERSON",
    titles: tuple[str, ...] = (),
    gender: str | None = None,
) -> Entity:
    """An entity with a mention at every place its name (or last word) stands in ``text``."""
    spans = []
    for word in {name, name.split()[-1]}:
        start = text.find(word)
        while start >= 0:
            spans.append(Span(start, start + len(word)))
            start = text.find(word, start + 1)
    roles = tuple(Role(text=t, span=Span(text.find(t), text.find(t) + len(t))) for t in titles)
    return Entity(
        id=entity_id,
        type=kind,
        name=name,
        mentions=tuple(sorted(set(spans))) or (Span(0, 0),),
        titles=roles,
        gender=gender,  # type: ignore[arg-type]
    )


def story(
    story_id: str,
    text: str,
    entities: tuple[Entity, ...] = (),
    *,
    published: dt.date | None = None,
    quotes: tuple[Quote, ...] = (),
    dates: tuple[DateMention, ...] = (),
    outlet: str | None = None,
) -> NewStory:
    """A story being added, with its hand-made digest."""
    digest = Digest(
        article=Article(text=text, published=published),
        entities=entities,
        quotes=quotes,
        dates=dates,
    )
    return NewStory(story_id=story_id, outlet=outlet, published=published, text=text, digest=digest)


QUAKE_A = (
    "A strong earthquake of magnitude 6.1 shook the northern coast of Norland on Monday, "
    "toppling houses in the port of Velby and cutting power to thousands of homes. "
    "Rescue teams searched the rubble through the night, the regional governor Anna Brekke "
    "said. Aftershocks rattled Velby again at dawn, and schools stayed closed."
)
QUAKE_A2 = (
    "Rescuers in Velby pulled two survivors from a collapsed hotel a day after the "
    "magnitude 6.1 earthquake struck the coast of Norland, governor Anna Brekke told "
    "reporters. Brekke said the power would be back in most of Velby by the weekend."
)
QUAKE_B = (
    "An earthquake of magnitude 5.8 struck the mountain villages of Sudmark on Thursday, "
    "damaging a dam near the town of Korra and forcing hundreds of families from their homes. "
    "Mayor Tomas Ilves said the dam held and rescue teams had reached every village."
)
