"""What the human-readable renderers share: the digest arranged for reading."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from newsdigest.model import Digest, Entity, Quote

TYPE_HEADINGS = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Places",
    "LOC": "Places",
    "FAC": "Places",
}


@dataclass(frozen=True, slots=True)
class ReadingView:
    """The digest's sections in reading order: cast by kind, quotes by speaker."""

    cast: dict[str, list[Entity]]
    quotes_by_speaker: list[tuple[str, list[Quote]]]


def reading_view(digest: Digest) -> ReadingView:
    """Group the cast by kind and the quotes by speaker (unattributed quotes last)."""
    cast: dict[str, list[Entity]] = defaultdict(list)
    for entity in digest.entities:
        cast[TYPE_HEADINGS.get(entity.type, "Other")].append(entity)
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in digest.quotes:
        by_speaker[speaker_name(digest, quote)].append(quote)
    ordered = sorted(by_speaker.items(), key=lambda item: item[0] == UNATTRIBUTED)
    return ReadingView(cast=dict(cast), quotes_by_speaker=ordered)


UNATTRIBUTED = "Unattributed"


def speaker_name(digest: Digest, quote: Quote) -> str:
    """The cast name of a quote's speaker, else the words that name it, else 'Unattributed'."""
    entity = digest.entity(quote.speaker) if quote.speaker else None
    if entity is not None:
        return entity.name
    return quote.speaker_text or UNATTRIBUTED


def describe(entity: Entity) -> str:
    """'Norm Kelly (Deputy Mayor) - 5 mentions'."""
    roles = "; ".join(dict.fromkeys(r.text for r in entity.titles))
    count = len(entity.mentions)
    plural = "mention" if count == 1 else "mentions"
    return f"{entity.name}{f' ({roles})' if roles else ''} - {count} {plural}"
