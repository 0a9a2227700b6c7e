"""The baselines the quotes are scored beside: quote-mark pairs, and textacy's quotations.

- ``baseline``: pairs of double quote marks (straight or curly), each given the nearest
  spaCy PERSON in its paragraph; what the simplest off-the-shelf tools do.
- ``textacy``: ``textacy.extract.triples.direct_quotations`` on the same parse (with
  spaCy's lemmatizer run on it, which textacy's reporting-verb test reads and the
  newsdigest pipeline leaves out). textacy gives up on a story with an odd number of
  quote marks; such a story counts with no quotes, as a user would get.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.extras import require
from newsdigest.model import Quote, Span

_BASELINE_MARKED = re.compile(r"\"([^\"\n]+)\"|“([^”\n]+)”")


def baseline_quotes(analysis: Analysis) -> list[Quote]:
    """Double-quote-mark pairs, each given the nearest spaCy PERSON in its paragraph."""
    text = analysis.text
    people = [span for span, label in analysis.ner if label == "PERSON"]
    quotes: list[Quote] = []
    for found in _BASELINE_MARKED.finditer(text):
        group = 1 if found.group(1) is not None else 2
        span = Span(found.start(group), found.end(group))
        paragraph = analysis.paragraph_index(span.start)
        nearby = [
            p
            for p in people
            if analysis.paragraph_index(p.start) == paragraph and not p.overlaps(span)
        ]
        nearest = min(
            nearby,
            key=lambda p: min(abs(p.start - span.end), abs(span.start - p.end)),
            default=None,
        )
        quotes.append(
            Quote(
                text=text[span.start : span.end],
                span=span,
                direct=True,
                speaker_text=text[nearest.start : nearest.end] if nearest else None,
                speaker_span=nearest,
            )
        )
    return quotes


@cache
def _lemmatizer(pipeline: str) -> Any:
    import spacy

    return spacy.load(pipeline).get_pipe("lemmatizer")


def textacy_quotes(analysis: Analysis) -> list[Quote]:
    """textacy's direct quotations of the story's parse, as quotes with their speaker words.

    analysis (Analysis): the analysed story; its Doc gets spaCy's lemmas (nothing else
        newsdigest reads changes).
    RETURNS (list[Quote]): the content without its quote marks; the speaker span from the
        first to the last speaker token; none when textacy gives up on the story.
    """
    triples = require("textacy.extract.triples", purpose="newsdigest eval quotes (baseline)")
    doc = analysis.doc
    _lemmatizer(analysis.settings.spacy_pipeline)(doc)
    try:
        found = list(triples.direct_quotations(doc))
    except ValueError:  # an odd number of quote marks: textacy refuses the story
        return []
    text = analysis.text
    quotes: list[Quote] = []
    for triple in found:
        content = triple.content
        inner = content[1:-1] if len(content) > 2 else content
        span = Span(inner.start_char, inner.end_char)
        speaker = Span(triple.speaker[0].idx, triple.speaker[-1].idx + len(triple.speaker[-1]))
        cue = Span(triple.cue[0].idx, triple.cue[-1].idx + len(triple.cue[-1]))
        quotes.append(
            Quote(
                text=text[span.start : span.end],
                span=span,
                direct=True,
                speaker_text=text[speaker.start : speaker.end],
                speaker_span=speaker,
                cue=text[cue.start : cue.end],
                cue_span=cue,
            )
        )
    return quotes
