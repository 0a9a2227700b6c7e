"""How each section reads for people: headed groups of lines (Markdown, text) and the marks
the page renderer puts around its items (html). Each section names its views in
:data:`newsdigest.sections.SECTIONS`; the renderers only lay them out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from newsdigest.model import Digest, Entity, Quote, Span

# A section for people: (subheading or None, lines) in reading order.
Group = tuple[str | None, list[str]]

TYPE_HEADINGS = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GROUP": "Groups",
    "GPE": "Places",
    "LOC": "Places",
    "FAC": "Places",
}
UNATTRIBUTED = "Unattributed"


@dataclass(frozen=True, slots=True)
class Mark:
    """One item to mark on the page: its kind, a label shown on hover, and its span."""

    kind: str
    label: str
    span: Span


def highlight_lines(digest: Digest) -> list[Group]:
    """The bullets, in order."""
    return [(None, [h.text for h in digest.highlights])]


def cast_lines(digest: Digest) -> list[Group]:
    """The cast grouped by kind: people, organisations, places, other."""
    groups: dict[str, list[str]] = defaultdict(list)
    for entity in digest.entities:
        groups[TYPE_HEADINGS.get(entity.type, "Other")].append(describe(entity))
    return list(groups.items())


def quote_lines(digest: Digest) -> list[Group]:
    """The quotes grouped by speaker, unattributed ones last; direct ones in quote marks."""
    by_speaker: dict[str, list[str]] = defaultdict(list)
    for quote in digest.quotes:
        line = f"“{quote.text}”" if quote.direct else quote.text
        by_speaker[speaker_name(digest, quote)].append(line)
    groups: list[Group] = sorted(by_speaker.items(), key=lambda item: item[0] == UNATTRIBUTED)
    return groups


def timeline_lines(digest: Digest) -> list[Group]:
    """The dated events in date order, each as ``date: clause``."""
    return [(None, [f"{e.date}: {' '.join(e.text.split())}" for e in digest.timeline])]


def highlight_marks(digest: Digest) -> Iterator[Mark]:
    """Every piece of every bullet, labelled with the bullet's number."""
    for number, highlight in enumerate(digest.highlights, 1):
        for span in highlight.spans:
            yield Mark("highlight", f"highlight {number}", span)


def quote_marks(digest: Digest) -> Iterator[Mark]:
    """Every quote, labelled with its speaker."""
    for quote in digest.quotes:
        entity = digest.entity(quote.speaker) if quote.speaker else None
        speaker = entity.name if entity else quote.speaker_text or "unknown speaker"
        yield Mark("quote", f"quote: {speaker}", quote.span)


def date_marks(digest: Digest) -> Iterator[Mark]:
    """Every time expression, labelled with its type and value."""
    for date in digest.dates:
        yield Mark("date", f"{date.type.lower()}: {date.value or 'unresolved'}", date.span)


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
