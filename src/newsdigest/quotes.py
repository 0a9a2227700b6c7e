"""Who said what: quote-marked passages and the person named beside them."""

from __future__ import annotations

import re

from newsdigest.analysis import Analysis
from newsdigest.model import Entity, Quote, Span

_QUOTED = re.compile(r"\"([^\"\n]{2,}?)\"|“([^”\n]{2,}?)”")


def find_quotes(analysis: Analysis, cast: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Direct quotes, each attributed to the nearest person mentioned in its paragraph."""
    text = analysis.text
    quotes: list[Quote] = []
    for match in _QUOTED.finditer(text):
        group = 1 if match.group(1) is not None else 2
        span = Span(match.start(group), match.end(group))
        speaker = _nearest_person(analysis, cast, span)
        quotes.append(
            Quote(
                text=text[span.start : span.end],
                span=span,
                direct=True,
                speaker=speaker[0].id if speaker else None,
                speaker_text=text[speaker[1].start : speaker[1].end] if speaker else None,
                speaker_span=speaker[1] if speaker else None,
            )
        )
    return tuple(quotes)


def _nearest_person(
    analysis: Analysis, cast: tuple[Entity, ...], span: Span
) -> tuple[Entity, Span] | None:
    para = analysis.paragraph_index(span.start)
    best: tuple[int, Entity, Span] | None = None
    for entity in cast:
        if entity.type != "PERSON":
            continue
        for mention in entity.mentions:
            if mention.overlaps(span) or analysis.paragraph_index(mention.start) != para:
                continue
            distance = min(abs(mention.start - span.end), abs(span.start - mention.end))
            if best is None or distance < best[0]:
                best = (distance, entity, mention)
    return (best[1], best[2]) if best else None
