"""Who said what: direct quotes in every marking style, indirect speech, and their speakers.

One pass over the quote-marked passages (:mod:`.direct`, reading the Analysis's shared
``marks``) and one over the tokens of the story's single spaCy parse (:mod:`.indirect`)
find the quotes: speech only, a quote-marked passage inside reported speech being part of
that ``mixed`` quote. Both find their reporting cues (:mod:`.cues`) and read the source off
the parse (:mod:`.attribution`, :mod:`.content`); each speaker is resolved against the cast
(:mod:`.speakers`), and a speaker the words beside a quote do not name is ranked from the
story around it (:mod:`.discourse`).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from newsdigest.analysis import Analysis
from newsdigest.model import Entity, Quote, Span
from newsdigest.quotes.direct import direct_quotes, is_scare_word
from newsdigest.quotes.discourse import fill_speakers
from newsdigest.quotes.indirect import indirect_quotes
from newsdigest.quotes.speakers import resolve_speaker
from newsdigest.quotes.tokens import Tokens

__all__ = ["find_quotes", "resolve_speaker"]


def find_quotes(analysis: Analysis, cast: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """The story's quotes, direct and indirect, in text order, with resolved speakers.

    analysis (Analysis): the analysed story; its one spaCy parse is read, never re-run.
    cast (tuple[Entity, ...]): the cast the speakers are resolved against.
    RETURNS (tuple[Quote, ...]): scare quotes and titles in quote marks are left out.
    """
    tokens = Tokens(analysis)
    direct = direct_quotes(analysis, cast, tokens)
    quotes = with_partial_quotes(analysis.text, direct, indirect_quotes(analysis, cast, tokens))
    quotes.sort(key=lambda q: (q.span.start, q.span.end))
    return tuple(fill_speakers(analysis, cast, quotes))


def with_partial_quotes(text: str, direct: list[Quote], indirect: list[Quote]) -> list[Quote]:
    """The quotes, each quote-marked passage inside reported speech listed once, as part of
    it: ``Ruiz said the plan was "plainly wrong"`` is one ``mixed`` quote of Ruiz's.

    text (str): the story.
    direct (list[Quote]): the quote-marked passages that are quotes.
    indirect (list[Quote]): reported speech in text order, none inside another.
    RETURNS (list[Quote]): the direct quotes outside reported speech, and the reports,
        ``mixed`` where they hold a passage (stretched to its end when the parse cut it).
        A word or two quoted inside a sentence and reported by no one is a scare quote
        (:func:`~newsdigest.quotes.direct.is_scare_word`) and is left out.
    """
    starts = [q.span.start for q in indirect]
    holder: dict[int, list[Quote]] = {}
    kept: list[Quote] = []
    for quote in direct:
        i = bisect.bisect_right(starts, quote.span.start) - 1
        if i >= 0 and indirect[i].span.overlaps(quote.span):
            holder.setdefault(i, []).append(quote)
        elif not is_scare_word(text, quote):
            kept.append(quote)
    for i, report in enumerate(indirect):
        parts = holder.get(i)
        if not parts:
            kept.append(report)
            continue
        span = Span(report.span.start, max(report.span.end, *(q.span.end for q in parts)))
        kept.append(replace(report, span=span, text=text[span.start : span.end], kind="mixed"))
    return kept
