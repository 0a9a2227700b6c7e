"""The learned highlighter: a sentence ranker trained on CNN/Daily Mail, with compression.

A story's sentences are cleaned of captions and boilerplate (:mod:`.captions`),
normalised as the training text was (:mod:`.normalize`), described by
:mod:`.features` and scored by a LightGBM model trained with
``newsdigest train highlights`` (:mod:`newsdigest.train.highlights`). The best sentences are taken
in score order, skipping any that repeats a word trigram of one already taken and
any that would overrun the word budget; each then sheds its dateline, connective,
attribution and asides (:mod:`.compress`). Bullets keep the story's order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsdigest.analysis import Analysis
from newsdigest.errors import ConfigError
from newsdigest.highlights._base import highlight_from_spans
from newsdigest.highlights.captions import WORD_LISTS as CAPTION_LISTS
from newsdigest.highlights.captions import caption_free, is_story, leading_furniture
from newsdigest.highlights.compress import WORD_LISTS as COMPRESSION_LISTS
from newsdigest.highlights.compress import compress
from newsdigest.highlights.features import FEATURE_NAMES, sentence_features
from newsdigest.highlights.features import WORD_LISTS as FEATURE_LISTS
from newsdigest.highlights.normalize import Token, tokenize, words
from newsdigest.lexicon import fingerprint
from newsdigest.model import Highlight, Span

MODEL_DIR = Path(__file__).resolve().parent
RANKER_FILE = "ranker.lgb"
META_FILE = "ranker.json"
MAX_SENTENCES = 60
# Every word list that shapes what the ranker sees: its features, the sentences it is
# shown (captions and boilerplate out) and the compressed sentences it is tuned on.
WORD_LISTS = tuple(sorted({*FEATURE_LISTS, *CAPTION_LISTS, *COMPRESSION_LISTS}))


@dataclass(frozen=True)
class Selection:
    """How many sentences to take and how long the highlights may be.

    count (int): bullets when the caller does not choose (a fourth is added when it fits).
    max_count (int): most bullets chosen per story.
    max_words (int): word budget of all bullets together.
    fourth_score (float): least model score for a fourth bullet.
    rules (frozenset[str]): compression rules applied to chosen sentences.
    use_title (bool): whether a headline, when given, feeds the title features.
    """

    count: int = 3
    max_count: int = 4
    max_words: int = 80
    fourth_score: float = 0.5
    rules: frozenset[str] = field(default_factory=frozenset)
    use_title: bool = True


@dataclass(frozen=True)
class Lexicon:
    """Word statistics of news the features read.

    idf (dict[str, float]): inverse document frequency of news words.
    default_idf (float): idf of a word missing from ``idf``.
    salience (dict[str, float]): share of stories using a word whose highlights use it too.
    default_salience (float): salience of a word missing from ``salience``.
    """

    idf: dict[str, float]
    default_idf: float
    salience: dict[str, float]
    default_salience: float


@dataclass(frozen=True)
class HighlightModel:
    """A trained ranker with the word statistics its features need.

    booster (Any): the LightGBM booster.
    lexicon (Lexicon): word statistics for the features.
    selection (Selection): selection settings tuned on held-out stories.
    """

    booster: Any
    lexicon: Lexicon
    selection: Selection

    def features(
        self, sentences: Sequence[Sequence[str]], title: Sequence[str] | None
    ) -> np.ndarray:
        """The feature rows of a story's sentences."""
        lex = self.lexicon
        use_title = title if self.selection.use_title else None
        return sentence_features(
            sentences, lex.idf, lex.default_idf, use_title, lex.salience, lex.default_salience
        )

    def score(self, sentences: Sequence[Sequence[str]], title: Sequence[str] | None) -> np.ndarray:
        """The model's score of each sentence (higher is a better highlight)."""
        rows = self.features(sentences, title)
        if not len(rows):
            return np.zeros(0)
        return np.asarray(self.booster.predict(rows, num_threads=1), dtype=np.float64)

    def save(self, directory: Path) -> None:
        """Write the model as ``ranker.lgb`` and ``ranker.json`` in ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        self.booster.save_model(str(directory / RANKER_FILE))
        lex = self.lexicon
        meta = {
            "features": list(FEATURE_NAMES),
            "word_lists": fingerprint(WORD_LISTS),
            "selection": {
                "count": self.selection.count,
                "max_count": self.selection.max_count,
                "max_words": self.selection.max_words,
                "fourth_score": self.selection.fourth_score,
                "rules": sorted(self.selection.rules),
                "use_title": self.selection.use_title,
            },
            "default_idf": lex.default_idf,
            "default_salience": lex.default_salience,
            "idf": lex.idf,
            "salience": lex.salience,
        }
        (directory / META_FILE).write_text(json.dumps(meta, separators=(",", ":")), "utf-8")


def load_model(directory: Path | None = None) -> HighlightModel:
    """Load a model saved by :meth:`HighlightModel.save` (by default, the shipped one).

    directory (Path | None): where ``ranker.lgb`` and ``ranker.json`` are.
    RETURNS (HighlightModel): the model; raises ConfigError when it is missing or stale.
    """
    import lightgbm as lgb

    folder = directory or MODEL_DIR
    try:
        meta = json.loads((folder / META_FILE).read_text("utf-8"))
        booster = lgb.Booster(model_file=str(folder / RANKER_FILE))
    except (OSError, ValueError, lgb.basic.LightGBMError) as exc:
        raise ConfigError(f"cannot load the highlight model from {folder}: {exc}") from exc
    if meta.get("features") != list(FEATURE_NAMES):
        raise ConfigError(
            f"the highlight model in {folder} was trained on other features; retrain it"
        )
    _check_word_lists(meta.get("word_lists", {}), folder)
    sel = meta["selection"]
    selection = Selection(
        count=int(sel["count"]),
        max_count=int(sel["max_count"]),
        max_words=int(sel["max_words"]),
        fourth_score=float(sel["fourth_score"]),
        rules=frozenset(sel["rules"]),
        use_title=bool(sel["use_title"]),
    )
    lexicon = Lexicon(
        meta["idf"], float(meta["default_idf"]), meta["salience"], float(meta["default_salience"])
    )
    return HighlightModel(booster, lexicon, selection)


def _check_word_lists(recorded: dict[str, str], folder: Path) -> None:
    """Refuse a model whose word lists changed since it was trained: its features would lie."""
    current = fingerprint(WORD_LISTS)
    changed = sorted(name for name in current if recorded.get(name) != current[name])
    if changed:
        raise ConfigError(
            f"the highlight model in {folder} was trained with other word lists "
            f"({', '.join(changed)} in newsdigest/lexicon changed since); retrain it with "
            "`newsdigest train highlights`"
        )


@lru_cache(maxsize=1)
def shipped_model() -> HighlightModel:
    """The model that ships with newsdigest, loaded once."""
    return load_model()


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


MAX_HEADLINE_WORDS = 25


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


_FINAL = (".", "!", "?", ":", ";", ",", '"', "'", "”", "’", ")")


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


def word_count(tokens: Sequence[str]) -> int:
    """Number of words (tokens with a letter or digit)."""
    return sum(1 for t in tokens if any(c.isalnum() for c in t))


def trigrams(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    """The word trigrams of a token list."""
    kept = [t for t in tokens if any(c.isalnum() for c in t)]
    return {tuple(kept[i : i + 3]) for i in range(len(kept) - 2)}


def select(
    sentences: Sequence[Sequence[str]],
    scores: np.ndarray,
    *,
    count: int | None,
    max_words: int,
    selection: Selection,
) -> list[int]:
    """Indices of the sentences to use, in story order.

    Sentences are taken best first; one that shares a word trigram with a sentence
    already taken, or that would overrun ``max_words``, is skipped. Without ``count``,
    three are taken and a fourth when it fits and scores at least ``fourth_score``.
    """
    limit = count or selection.max_count
    chosen: list[int] = []
    seen: set[tuple[str, ...]] = set()
    used = 0
    for i in np.argsort(-scores, kind="stable"):
        if len(chosen) >= limit:
            break
        if count is None and len(chosen) >= selection.count and scores[i] < selection.fourth_score:
            break
        grams = trigrams(sentences[i])
        n = word_count(sentences[i])
        if grams & seen or (chosen and used + n > max_words):
            continue
        chosen.append(int(i))
        seen |= grams
        used += n
    return sorted(chosen)


class LearnedHighlighter:
    """Highlights chosen by the trained sentence ranker and compressed by deletion.

    model (HighlightModel | None): the model to use; None loads the shipped one on first use.
    """

    def __init__(self, model: HighlightModel | None = None) -> None:
        self._model = model

    @property
    def model(self) -> HighlightModel:
        """The model, loaded on first use."""
        if self._model is None:
            self._model = shipped_model()
        return self._model

    def __call__(
        self, analysis: Analysis, *, count: int | None, max_words: int | None
    ) -> tuple[Highlight, ...]:
        """The story's highlights, in story order, each with its source spans."""
        model = self.model
        found = candidates(analysis)
        if not found:
            return ()
        title = analysis.article.title
        headline = leading_headline(analysis)
        if title is None and headline is not None:
            title = analysis.text[headline.start : headline.end]
        scores = model.score([c.norms for c in found], words(title) if title else None)
        kept = compressed_ranges([c.norms for c in found], scores, model.selection.rules)
        shortened = [
            [t.norm for a, b in r for t in c.tokens[a:b]] for c, r in zip(found, kept, strict=True)
        ]
        chosen = select(
            shortened,
            scores,
            count=count,
            max_words=word_budget(model.selection, count, max_words),
            selection=model.selection,
        )
        text = analysis.text
        return tuple(
            highlight_from_spans(text, _spans(found[i], kept[i]), float(scores[i])) for i in chosen
        )


def word_budget(selection: Selection, count: int | None, max_words: int | None) -> int:
    """The word budget: the caller's, else the tuned one, widened when more bullets are asked."""
    if max_words is not None:
        return max_words
    if count is None:
        return selection.max_words
    return max(selection.max_words, selection.max_words * count // selection.count)


COMPRESSED = 12


def compressed_ranges(
    sentences: Sequence[Sequence[str]], scores: np.ndarray, rules: frozenset[str]
) -> list[list[tuple[int, int]]]:
    """The token ranges each sentence keeps: compressed for the best-scored ones.

    Only the :data:`COMPRESSED` best can realistically be chosen; the others stay whole,
    which saves time on long stories.
    """
    ranges = [[(0, len(s))] for s in sentences]
    if rules:
        for i in np.argsort(-scores, kind="stable")[:COMPRESSED]:
            ranges[i] = compress(sentences[i], rules=rules)
    return ranges


def _spans(candidate: Candidate, ranges: list[tuple[int, int]]) -> tuple[Span, ...]:
    tokens = candidate.tokens
    if ranges == [(0, len(tokens))]:
        return (candidate.span,)
    return tuple(Span(tokens[a].start, tokens[b - 1].end) for a, b in ranges)
