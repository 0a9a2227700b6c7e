"""The learned highlighter: a sentence ranker trained on CNN/Daily Mail, with compression.

A story's sentences are cleaned of captions and boilerplate (:mod:`.story`,
:mod:`.captions`), normalised as the training text was (:mod:`.normalize`), described
by :mod:`.features` and scored by a LightGBM model trained with ``newsdigest train
highlights`` (:mod:`newsdigest.train.highlights`). With a headline, a second small
model re-scores them from the first one's score and the headline's words, where that
helped on held-out stories. The best sentences are compressed (:mod:`.compress`) and
taken within the word budget (:mod:`.select`). Bullets keep the story's order.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsdigest.analysis import Analysis
from newsdigest.errors import ConfigError
from newsdigest.highlights._base import highlight_from_spans
from newsdigest.highlights.captions import WORD_LISTS as CAPTION_LISTS
from newsdigest.highlights.compress import WORD_LISTS as COMPRESSION_LISTS
from newsdigest.highlights.compress import compress
from newsdigest.highlights.features import (
    FEATURE_NAMES,
    TITLE_FEATURE_NAMES,
    StoryVectors,
    WordStats,
    sentence_features,
    title_features,
)
from newsdigest.highlights.features import WORD_LISTS as FEATURE_LISTS
from newsdigest.highlights.normalize import words
from newsdigest.highlights.select import WORD_LISTS as SELECTION_LISTS
from newsdigest.highlights.select import Ranges, Selection, Sentence, select
from newsdigest.highlights.story import Candidate, candidates, story_title
from newsdigest.lexicon import fingerprint
from newsdigest.model import Highlight, Span

MODEL_DIR = Path(__file__).resolve().parent
# The model's files, gzipped (a LightGBM text model and its word tables compress about 4x).
RANKER_FILE = "ranker.lgb.gz"
TITLE_FILE = "ranker-title.lgb.gz"
META_FILE = "ranker.json.gz"
# Every word list that shapes what the ranker sees: its features, the sentences it is
# shown (captions and boilerplate out) and the compressed sentences it is tuned on.
WORD_LISTS = tuple(sorted({*FEATURE_LISTS, *CAPTION_LISTS, *COMPRESSION_LISTS, *SELECTION_LISTS}))
COMPRESSED = 12


@dataclass(frozen=True)
class HighlightModel:
    """A trained ranker with the word statistics its features need.

    booster (Any): the LightGBM sentence model.
    stats (WordStats): word statistics for the features.
    selection (Selection): selection settings tuned on held-out stories.
    title_booster (Any | None): the model that re-scores sentences with a headline.
    """

    booster: Any
    stats: WordStats
    selection: Selection
    title_booster: Any | None = None

    def score(self, sentences: Sequence[Sequence[str]], title: Sequence[str] | None) -> np.ndarray:
        """The probability that each sentence is a highlight's, from the story (and headline).

        sentences (Sequence[Sequence[str]]): normalised tokens of each sentence.
        title (Sequence[str] | None): the headline's normalised tokens, if any.
        RETURNS (np.ndarray): one score per sentence (higher is a better highlight).
        """
        if not sentences:
            return np.zeros(0)
        vectors = StoryVectors(sentences, self.stats)
        margins = self.booster.predict(sentence_features(vectors), raw_score=True, num_threads=1)
        margins = np.asarray(margins, dtype=np.float64)
        if title and self.title_booster is not None and self.selection.use_title:
            rows = title_features(vectors, title, margins)
            return np.asarray(self.title_booster.predict(rows, num_threads=1), dtype=np.float64)
        return np.asarray(1.0 / (1.0 + np.exp(-margins)), dtype=np.float64)

    def save(self, directory: Path) -> None:
        """Write the model as ``ranker.lgb.gz``, ``ranker-title.lgb.gz`` and ``ranker.json.gz``."""
        directory.mkdir(parents=True, exist_ok=True)
        write_gzipped(directory / RANKER_FILE, self.booster.model_to_string())
        if self.title_booster is not None:
            write_gzipped(directory / TITLE_FILE, self.title_booster.model_to_string())
        selection = asdict(self.selection)
        selection["rules"] = sorted(self.selection.rules)
        meta = {
            "features": list(FEATURE_NAMES),
            "title_features": list(TITLE_FEATURE_NAMES),
            "word_lists": fingerprint(WORD_LISTS),
            "selection": selection,
            "stats": asdict(self.stats),
        }
        write_gzipped(directory / META_FILE, json.dumps(meta, separators=(",", ":")))


def write_gzipped(path: Path, text: str) -> None:
    """Write ``text`` gzipped, the same bytes for the same text (no time stamp)."""
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def read_gzipped(path: Path) -> str:
    """The text of a file written by :func:`write_gzipped`."""
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def load_model(directory: Path | None = None) -> HighlightModel:
    """Load a model saved by :meth:`HighlightModel.save` (by default, the shipped one).

    directory (Path | None): where ``ranker.lgb.gz`` and ``ranker.json.gz`` are.
    RETURNS (HighlightModel): the model; raises ConfigError when it is missing or stale.
    """
    import lightgbm as lgb

    folder = directory or MODEL_DIR
    try:
        meta = json.loads(read_gzipped(folder / META_FILE))
        booster = lgb.Booster(model_str=read_gzipped(folder / RANKER_FILE))
        title_path = folder / TITLE_FILE
        title = lgb.Booster(model_str=read_gzipped(title_path)) if title_path.is_file() else None
    except (OSError, ValueError, EOFError, lgb.basic.LightGBMError) as exc:
        raise ConfigError(f"cannot load the highlight model from {folder}: {exc}") from exc
    if meta.get("features") != list(FEATURE_NAMES) or meta.get("title_features") != list(
        TITLE_FEATURE_NAMES
    ):
        raise ConfigError(
            f"the highlight model in {folder} was trained on other features; retrain it"
        )
    _check_word_lists(meta.get("word_lists", {}), folder)
    selection = dict(meta["selection"], rules=frozenset(meta["selection"]["rules"]))
    return HighlightModel(booster, WordStats(**meta["stats"]), Selection(**selection), title)


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


def kept_ranges(
    sentences: Sequence[Sequence[str]], scores: np.ndarray, rules: frozenset[str]
) -> list[Ranges]:
    """The token ranges each sentence keeps: compressed for the best-scored ones.

    Only the :data:`COMPRESSED` best can realistically be chosen; the others stay whole,
    which saves time on long stories.
    """
    ranges: list[Ranges] = [[(0, len(s))] for s in sentences]
    if rules:
        for i in np.argsort(-scores, kind="stable")[:COMPRESSED]:
            ranges[i] = compress(sentences[i], rules=rules)
    return ranges


def word_budget(selection: Selection, count: int | None, max_words: int | None) -> int:
    """The word budget: the caller's, else the tuned one, widened when more bullets are asked."""
    if max_words is not None:
        return max_words
    if count is None:
        return selection.max_words
    return max(selection.max_words, selection.max_words * count // selection.count)


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
        title = story_title(analysis)
        norms = [c.norms for c in found]
        scores = model.score(norms, words(title) if title else None)
        kept = kept_ranges(norms, scores, model.selection.rules)
        sentences = [Sentence(n, c.joined, k) for n, c, k in zip(norms, found, kept, strict=True)]
        chosen = select(
            sentences,
            scores,
            count=count,
            max_words=word_budget(model.selection, count, max_words),
            selection=model.selection,
        )
        text = analysis.text
        return tuple(
            highlight_from_spans(text, _spans(found[i], ranges), float(scores[i]))
            for i, ranges in chosen
        )


def _spans(candidate: Candidate, ranges: Ranges) -> tuple[Span, ...]:
    tokens = candidate.tokens
    if ranges == [(0, len(tokens))]:
        return (candidate.span,)
    return tuple(Span(tokens[a].start, tokens[b - 1].end) for a, b in ranges)
