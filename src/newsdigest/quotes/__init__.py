"""Who said what: direct quotes in every marking style, indirect speech, and their speakers.

One pass over the quote-marked passages (:mod:`.direct`, reading the Analysis's shared
``marks``) and one over the tokens of the story's single spaCy parse (:mod:`.indirect`)
find the quotes. Both find their reporting cues (:mod:`.cues`) and read the source off the
parse (:mod:`.attribution`); each speaker is then resolved against the cast
(:mod:`.speakers`).
"""

from __future__ import annotations

from newsdigest.analysis import Analysis
from newsdigest.model import Entity, Quote
from newsdigest.quotes.direct import direct_quotes
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
    quotes = direct_quotes(analysis, cast, tokens)
    quotes.extend(indirect_quotes(analysis, cast, tokens))
    return tuple(sorted(quotes, key=lambda q: (q.span.start, q.span.end)))
