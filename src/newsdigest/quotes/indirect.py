"""Indirect speech: what a reporting cue outside quote marks reports, and labelled lines.

Every reporting cue outside quote marks whose content the parse shows reports that
content, except a clause that opens in quote marks and is mostly quoted (the frame of a
direct quote). A line that starts with a label and a colon ("HOST: ...", "Ruiz: ...") is
reported speech of the label when the label is a cast member or written in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.cast import entity_at
from newsdigest.model import Entity, Quote, Span
from newsdigest.quotes.attribution import Attribution, attribution_of
from newsdigest.quotes.content import speech_content
from newsdigest.quotes.cues import is_speech_cue
from newsdigest.quotes.direct import rstrip_end
from newsdigest.quotes.speakers import quote_with_speaker
from newsdigest.quotes.tokens import Tokens

# Share of quoted tokens from which a clause opening with a quote is that quote's frame.
MOSTLY_QUOTED = 0.6
# A clause opening with these is a question asked, or a time, not words reported.
_QUESTION_WORDS = frozenset("whether if what how why who whom when where which".split())
# A line whose first words, in capitals, name a speaker before a colon.
_LABELLED = re.compile(
    r"^[ \t\xa0\"“']*(?P<label>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):"
    r"[ \t\xa0]+(?P<content>[^\n]+)",
    re.MULTILINE,
)


def indirect_quotes(analysis: Analysis, cast: tuple[Entity, ...], tokens: Tokens) -> list[Quote]:
    """Reported speech: a reporting verb's clause, or the clause ``according to X`` qualifies.

    analysis (Analysis): the analysed story.
    cast (tuple[Entity, ...]): the cast the speakers are resolved against.
    tokens (Tokens): the parse's tokens and which are quoted.
    RETURNS (list[Quote]): the reports, a report inside another by the same speaker left out.
    """
    doc = tokens.doc
    quotes: list[Quote] = []
    for token in doc:
        if tokens.quoted[token.i] or not is_speech_cue(token):
            continue
        content = speech_content(token)
        if content is None:
            continue
        first, last = _on_line_of(doc, token.i, content[0], content[1])
        span = _trimmed(doc, first, last)
        if span is None or _opens_quoted(tokens, span) or doc[first].lower_ in _QUESTION_WORDS:
            continue
        found = attribution_of(token, tokens.quoted)
        if found.speaker is not None and found.speaker.start <= span.start < found.speaker.end:
            # A clause that starts with its own source is a misparse, not a report.
            continue
        quotes.append(quote_with_speaker(analysis, cast, span, False, found))
    quotes.extend(_labelled_lines(analysis, cast))
    return _outermost_reports(quotes)


def _outermost_reports(quotes: list[Quote]) -> list[Quote]:
    """Drop a report inside another report: in "Ruiz said the mayor told her he would resign"
    the words are Ruiz's report, whoever the inner verbs name."""
    reach = -1  # the furthest end of a report seen so far
    kept: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: (q.span.start, -q.span.end)):
        if reach >= quote.span.end:
            continue
        reach = quote.span.end
        kept.append(quote)
    return kept


def _on_line_of(doc: Any, cue: int, first: int, last: int) -> tuple[int, int]:
    """The tokens ``first..last`` cut to the line of the cue: the parse sometimes joins a
    heading or a caption to the next sentence, and words are reported within a paragraph."""
    for i in range(cue - 1, first - 1, -1):
        if "\n" in doc[i].text:
            first = i + 1
            break
    for i in range(max(cue + 1, first), last + 1):
        if "\n" in doc[i].text:
            last = i - 1
            break
    return first, last


def _labelled_lines(analysis: Analysis, cast: tuple[Entity, ...]) -> Iterator[Quote]:
    """Lines that name their speaker before a colon: a headline "Ruiz: ...", a transcript
    "RUIZ: ...". The label must name a person or an organisation of the cast ("READ MORE:",
    "Correction:" and "ENERGY:" do not)."""
    text = analysis.text
    names = {w.lower() for e in cast if e.type == "PERSON" for w in e.name.split()}
    for line in _LABELLED.finditer(text):
        label = Span(line.start("label"), line.end("label"))
        content = Span(line.start("content"), rstrip_end(text, line.end("content")))
        words = text[label.start : label.end]
        entity = entity_at(cast, label)
        named = entity is not None and entity.type in ("PERSON", "ORG")
        if not named and not (words.isupper() and words.split()[-1].lower() in names):
            continue
        if len(text[content.start : content.end].split()) < 3:
            continue
        colon = text.index(":", label.end)
        found = Attribution(cue=Span(colon, colon + 1), speaker=label, head=None)
        yield quote_with_speaker(analysis, cast, content, False, found)


def _trimmed(doc: Any, first: int, last: int) -> Span | None:
    """The tokens ``first..last`` without punctuation at either end, if they say something."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last < first:
        return None
    # Three words make a report; fewer only when they name something ("attacked Okafor").
    if last - first < 2 and not any(
        doc[i].pos_ in ("PROPN", "NOUN") for i in range(first, last + 1)
    ):
        return None
    return Span(doc[first].idx, doc[last].idx + len(doc[last]))


def _opens_quoted(tokens: Tokens, span: Span) -> bool:
    """Whether a clause starts in quote marks and is mostly quoted: a direct quote's frame.

    ``"The plan is right," she said`` is a direct quote; ``she said the plan is "right"``
    is reported speech with a partial quote in it.
    """
    inside = tokens.between(span.start, span.end)
    if not inside or not tokens.quoted[inside.start]:
        return False
    quoted = sum(1 for i in inside if tokens.quoted[i])
    return quoted >= MOSTLY_QUOTED * len(inside)
