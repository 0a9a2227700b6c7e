"""A story's candidate sentences for highlights, and the headline that informs them."""

from __future__ import annotations

from dataclasses import dataclass

from newsdigest.analysis import Analysis
from newsdigest.highlights.captions import caption_free, is_story, leading_furniture
from newsdigest.highlights.normalize import Token, tokenize
from newsdigest.model import Span

MAX_SENTENCES = 60
MAX_HEADLINE_WORDS = 25
_FINAL = (".", "!", "?", ":", ";", ",", '"', "'", "”", "’", ")")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may become a highlight.

    span (Span): the sentence in the story.
    tokens (list[Token]): its normalised tokens with offsets.
    """

    span: Span
    tokens: list[Token]

    @property
    def norms(self) -> list[str]:
        """The normalised token strings."""
        return [t.norm for t in self.tokens]

    @property
    def joined(self) -> list[bool]:
        """Per token, whether it follows the one before without white space."""
        tokens = self.tokens
        return [i > 0 and tokens[i - 1].end == t.start for i, t in enumerate(tokens)]


def leading_headline(analysis: Analysis) -> Span | None:
    """The story's own headline: a short first paragraph of one line without a final stop.

    analysis (Analysis): the story.
    RETURNS (Span | None): the headline's span, or None when the story opens with its text.
    """
    paragraphs = analysis.paragraphs
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    line = analysis.text[first.start : first.end]
    if "\n" in line or len(line.split()) > MAX_HEADLINE_WORDS:
        return None
    return None if line.rstrip().endswith(_FINAL) else first


def candidates(analysis: Analysis) -> list[Candidate]:
    """The story's sentences that may become highlights: no headline, captions or boilerplate."""
    text = analysis.text
    found: list[Candidate] = []
    headline = leading_headline(analysis)
    sentences = analysis.sentences
    if headline is not None:
        sentences = [s for s in sentences if not headline.contains(s)]
    for span in caption_free(text, sentences):
        tokens = tokenize(text, span.start, span.end)
        if tokens and is_story([t.norm for t in tokens]):
            found.append(Candidate(span, tokens))
        if len(found) >= MAX_SENTENCES + 8:
            break
    skip = leading_furniture([c.norms for c in found[:8]])
    return found[skip : skip + MAX_SENTENCES]


def story_title(analysis: Analysis) -> str | None:
    """The headline that informs the choice: the article's title, else its headline line."""
    title = analysis.article.title
    if title is None:
        headline = leading_headline(analysis)
        if headline is not None:
            title = analysis.text[headline.start : headline.end]
    return title
