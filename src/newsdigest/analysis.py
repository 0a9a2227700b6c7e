"""One analysis pass over a story, shared by every stage.

Each view is computed on first use and kept, so no stage computes one twice and a stage
that needs none of spaCy's views never runs spaCy: the highlights read only paragraphs
and sentences, the dates and the timeline the clauses.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from newsdigest.clauses import Clauses
from newsdigest.model import Article, Span
from newsdigest.nlp import load_pipeline
from newsdigest.quote_marks import Marked, find_marked
from newsdigest.sentences import paragraphs, split_sentences
from newsdigest.settings import Settings


class Analysis:
    """The analysed story: paragraphs, sentences, clauses, quote marks, and spaCy's parse.

    article (Article): the story; every span here indexes ``article.text``.
    settings (Settings): names the spaCy pipeline to use.
    doc (spacy.tokens.Doc | None): the story's parse when it was made elsewhere (a batch
        parsed with ``nlp.pipe``, a spaCy component); its text must be ``article.text``.
    """

    def __init__(
        self, article: Article, settings: Settings | None = None, *, doc: Any = None
    ) -> None:
        self.article = article
        self.text = article.text
        self.settings = settings or Settings()
        if doc is not None:
            if doc.text != article.text:
                raise ValueError("the Doc given was not made from the article's text")
            self.doc = doc

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Blocks of text separated by blank lines."""
        return paragraphs(self.text)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences in order; none crosses a line break."""
        return split_sentences(self.text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence holding the character at ``offset``, if any."""
        return _index_at(self.sentences, self._sentence_starts, offset)

    def paragraph_index(self, offset: int) -> int | None:
        """Index of the paragraph holding the character at ``offset``, if any."""
        return _index_at(self.paragraphs, self._paragraph_starts, offset)

    @cached_property
    def clauses(self) -> Clauses:
        """The clauses of the sentences, each sentence split once (see :mod:`.clauses`)."""
        return Clauses(self.text)

    @cached_property
    def marks(self) -> list[Marked]:
        """The quote-marked passages, in text order (see :mod:`.quote_marks`)."""
        return find_marked(self.text)

    @cached_property
    def words(self) -> Words:
        """The tokens of :attr:`doc`, each made once (see :class:`Words`)."""
        return Words(self.doc)

    @cached_property
    def token_starts(self) -> list[int]:
        """The character offset of every token of :attr:`doc`, in order."""
        return [int(start) for start in self.doc.to_array("IDX")]

    @cached_property
    def quoted_tokens(self) -> list[bool]:
        """Per token of :attr:`doc`, whether it stands inside a quote-marked passage."""
        starts = self.token_starts
        quoted = [False] * len(starts)
        for passage in self.marks:
            first = bisect.bisect_left(starts, passage.outer.start)
            last = bisect.bisect_left(starts, passage.outer.end)
            quoted[first:last] = [True] * (last - first)
        return quoted

    @cached_property
    def doc(self) -> Any:
        """The spaCy ``Doc`` of the whole text, parsed once."""
        nlp = load_pipeline(self.settings.spacy_pipeline)
        return nlp(self.text)

    @cached_property
    def ner(self) -> list[tuple[Span, str]]:
        """spaCy's named entities as (span, label), in order."""
        return [(Span(e.start_char, e.end_char), e.label_) for e in self.doc.ents]


class Words:
    """A Doc whose tokens are made once: spaCy builds a new Token object on every index.

    Indexing by position, slicing (a list of tokens) and iterating read the list;
    :meth:`span` gives a spaCy Span; ``ents`` and everything else go to the Doc itself.

    doc (spacy.tokens.Doc): the parsed story.
    """

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.tokens: list[Any] = list(doc)

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.tokens)

    def __getitem__(self, key: int | slice) -> Any:
        return self.tokens[key]

    def span(self, start: int, end: int) -> Any:
        """The spaCy Span of tokens ``[start, end)`` (for its ``root`` and ``text``)."""
        return self.doc[start:end]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.doc, name)


def words_of(doc: Any) -> Words:
    """The Doc as :class:`Words` (unchanged when it already is)."""
    return doc if isinstance(doc, Words) else Words(doc)


def _index_at(spans: list[Span], starts: list[int], offset: int) -> int | None:
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and spans[i].start <= offset < spans[i].end:
        return i
    return None
