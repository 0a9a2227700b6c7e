"""Training the highlights' sentence ranker from CNN/Daily Mail articles and their highlights.

The recipe, reproducible with ``newsdigest train highlights``:

1. read the training release, normalise and label every story, and part them
   (:mod:`.stories`): half of the ``val`` split is held out, one quarter to tune the
   selection settings and one only to report on;
2. count, on the ``train`` split, how many stories use each word (the ``idf`` table),
   how often a story's word is a word of its highlights (salience) and how often a
   sentence holding it is an oracle sentence (cue); a story's features read the
   salience and cue counted on the other half of the stories, never on its own;
3. fit a LightGBM classifier of oracle sentences on the ``train`` split's features;
4. fit the headline model on the ``val`` stories trained on (the only ones whose URL
   gives a headline): it re-scores a sentence from the first model's score and the
   headline's words;
5. tune the word budget, the fourth bullet, the compression rules, shortening by
   clauses and whether the headline is used, on the tuning quarter; report ROUGE
   (``rouge-score``) against Lead-3 on the reported quarter, with and without the
   headline; save ``ranker.lgb.gz``, ``ranker-title.lgb.gz`` and ``ranker.json.gz``.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from newsdigest.highlights.features import (
    FEATURE_NAMES,
    TITLE_FEATURE_NAMES,
    StoryVectors,
    WordStats,
    sentence_features,
    title_features,
)
from newsdigest.highlights.learned import HighlightModel
from newsdigest.highlights.select import Selection
from newsdigest.train import DEFAULT_SEED, Steps
from newsdigest.train.stories import (
    Story,
    excluded_openings,
    normalise_all,
    part_stories,
    read_release,
    write_heldout,
)
from newsdigest.train.tuning import report_on, story_scores, tune_selection

log = logging.getLogger(__name__)

IDF_MIN_DOCS = 3
IDF_MAX_WORDS = 60_000
SALIENCE_SMOOTHING = 5.0
CUE_SMOOTHING = 20.0

LGB_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 63,
    "min_data_in_leaf": 100,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
TITLE_PARAMS: dict[str, Any] = dict(LGB_PARAMS, num_leaves=15, min_data_in_leaf=200)
DEFAULT_ROUNDS = 400
TITLE_ROUNDS = 150


def _alnum_words(story: Story) -> set[str]:
    return {w for s in story.sentences for w in s if w.isalnum()}


def document_frequencies(stories: Sequence[Story]) -> tuple[dict[str, float], float]:
    """Smoothed idf of the words used by at least a few stories, and the idf of the rest."""
    df: Counter[str] = Counter()
    for story in stories:
        df.update(_alnum_words(story))
    total = len(stories)
    common = [(w, c) for w, c in df.most_common(IDF_MAX_WORDS) if c >= IDF_MIN_DOCS]
    idf = {w: round(math.log((total + 1) / (c + 1)), 3) for w, c in common}
    return idf, round(math.log((total + 1) / 2), 3)


def word_salience(
    stories: Sequence[Story], vocabulary: Iterable[str]
) -> tuple[dict[str, float], float]:
    """For each word, the smoothed share of stories using it whose highlights use it too."""
    used: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    for story in stories:
        article = _alnum_words(story)
        reference = {w for line in story.reference for w in line}
        used.update(article)
        kept.update(article & reference)
    prior = sum(kept.values()) / max(1, sum(used.values()))
    table = {
        w: round((kept[w] + SALIENCE_SMOOTHING * prior) / (used[w] + SALIENCE_SMOOTHING), 4)
        for w in vocabulary
    }
    return table, round(prior, 4)


def word_cues(
    stories: Sequence[Story], vocabulary: Iterable[str]
) -> tuple[dict[str, float], float]:
    """For each word, the smoothed log-odds that a sentence holding it is an oracle sentence,
    relative to the odds of any sentence."""
    chosen: Counter[str] = Counter()
    other: Counter[str] = Counter()
    picked = total = 0
    for story in stories:
        for i, sentence in enumerate(story.sentences):
            present = {w for w in sentence if w[:1].isalnum() or w[-1:].isalnum()}
            if i in story.oracle:
                chosen.update(present)
                picked += 1
            else:
                other.update(present)
            total += 1
    prior = picked / max(1, total)
    if not 0 < prior < 1:
        return dict.fromkeys(vocabulary, 0.0), 0.0
    base = math.log(prior / (1 - prior))
    k = CUE_SMOOTHING
    table = {
        w: round(math.log((chosen[w] + k * prior) / (other[w] + k * (1 - prior))) - base, 3)
        for w in vocabulary
    }
    return table, 0.0


def word_stats(stories: Sequence[Story], idf_from: Sequence[Story]) -> WordStats:
    """Word statistics: idf counted on ``idf_from``, salience and cue on ``stories``."""
    idf, default_idf = document_frequencies(idf_from)
    salience, default_salience = word_salience(stories, idf)
    cue, default_cue = word_cues(stories, idf)
    return WordStats(idf, default_idf, salience, default_salience, cue, default_cue)


def cross_fitted(stories: Sequence[Story], stats: WordStats) -> list[tuple[Story, WordStats]]:
    """Each story with word statistics whose salience and cue were counted on the other half.

    A story's own highlights never inform the statistics its features read, as at run time.
    """
    folds: tuple[list[Story], list[Story]] = ([], [])
    for story in stories:
        folds[hashlib.sha1(story.id.encode("utf-8")).digest()[0] % 2].append(story)
    paired: list[tuple[Story, WordStats]] = []
    for fold, other in ((folds[0], folds[1]), (folds[1], folds[0])):
        salience, default_salience = word_salience(other, stats.idf)
        cue, default_cue = word_cues(other, stats.idf)
        fold_stats = replace(
            stats,
            salience=salience,
            default_salience=default_salience,
            cue=cue,
            default_cue=default_cue,
        )
        paired.extend((story, fold_stats) for story in fold)
    return paired


def _features_job(job: list[tuple[Story, WordStats]]) -> np.ndarray:
    return np.vstack([sentence_features(StoryVectors(s.sentences, st)) for s, st in job])


def feature_rows(jobs: Sequence[tuple[Story, WordStats]], workers: int) -> np.ndarray:
    """The feature rows of every sentence of the stories, in order, with ``workers`` processes."""
    chunks = [list(jobs[i : i + 500]) for i in range(0, len(jobs), 500)]
    if workers > 1:
        from multiprocessing import Pool

        with Pool(workers) as pool:
            parts = pool.map(_features_job, chunks)
    else:
        parts = [_features_job(chunk) for chunk in chunks]
    return np.vstack(parts)


def oracle_labels(stories: Iterable[Story]) -> np.ndarray:
    """1 for each sentence the greedy oracle chose, else 0, story after story."""
    return np.asarray(
        [float(i in s.oracle) for s in stories for i in range(len(s.sentences))], dtype=np.float32
    )


def fit(rows: np.ndarray, labels: np.ndarray, params: dict[str, Any], rounds: int) -> Any:
    """A LightGBM classifier fitted to ``rows`` and ``labels``."""
    # Threads that spin while they wait burn a shared machine's cores for nothing: with
    # two threads and other work running, fitting took ten times as long as with one.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import lightgbm as lgb

    return lgb.train(params, lgb.Dataset(rows, label=labels), num_boost_round=rounds)


def title_rows(stories: Sequence[Story], model: HighlightModel) -> np.ndarray:
    """The headline model's rows for stories with a headline (the first model's margins)."""
    blocks = []
    for story in stories:
        assert story.title is not None
        vectors = StoryVectors(story.sentences, model.stats)
        margins = model.booster.predict(sentence_features(vectors), raw_score=True, num_threads=1)
        blocks.append(title_features(vectors, story.title, np.asarray(margins)))
    return np.vstack(blocks) if blocks else np.zeros((0, len(TITLE_FEATURE_NAMES)))


def train_highlights(
    data: Sequence[Path],
    out: Path,
    *,
    exclude: Sequence[Path] = (),
    rounds: int = DEFAULT_ROUNDS,
    workers: int = 2,
    limit: int | None = None,
    seed: int = DEFAULT_SEED,
    heldout: Path | None = None,
) -> dict[str, Any]:
    """Train, tune and save the highlight model; return a report of what was done.

    data (Sequence[Path]): the gzipped JSONL training release, in one file or several.
    out (Path): directory to write the model files to.
    exclude (Sequence[Path]): JSONL files whose stories must stay out of training.
    rounds (int): boosting rounds of the sentence model.
    workers (int): processes for normalising and features.
    limit (int | None): read only this many records (for quick trials).
    seed (int): LightGBM's seed (bagging and feature sampling).
    heldout (Path | None): where to write the reported quarter as a gold file for
        ``newsdigest eval highlights``.
    RETURNS (dict): counts, the tuned selection and held-out ROUGE against Lead-3.
    """
    steps = Steps()
    records = [r for path in data for r in read_release(path)][:limit]
    stories = normalise_all(records, workers)
    del records
    steps.done(f"{len(stories)} stories normalised and labelled")
    parts = part_stories(stories, excluded_openings(exclude))
    stats = word_stats(parts.train, parts.train + parts.titled)
    jobs = cross_fitted(parts.train, stats)
    rows = feature_rows(jobs, workers)
    labels = oracle_labels(story for story, _ in jobs)
    steps.done(f"features of {len(labels)} sentences")
    params = dict(LGB_PARAMS, num_threads=workers, seed=seed)
    booster = fit(rows, labels, params, rounds)
    del rows
    steps.done(f"sentence model fitted ({rounds} rounds)")
    model = HighlightModel(booster, stats, Selection())
    titled = [s for s in parts.titled if s.title]
    title_booster = fit(
        title_rows(titled, model),
        oracle_labels(titled),
        dict(TITLE_PARAMS, num_threads=workers, seed=seed),
        TITLE_ROUNDS,
    )
    model = replace(model, title_booster=title_booster)
    steps.done(f"headline model fitted on {len(titled)} stories")
    selection = tune_selection(model, parts.tune)
    model = replace(model, selection=selection)
    model.save(out)
    steps.done(f"model saved to {out}")
    report = {
        "headline": report_on(parts.test, story_scores(model, parts.test, titles=True), selection),
        "no_headline": report_on(
            parts.test, story_scores(model, parts.test, titles=False), selection
        ),
    }
    steps.done("held-out quarter scored")
    if heldout is not None:
        write_heldout(data, parts.test, heldout)
    return {
        "stories": {
            "train": len(parts.train),
            "titled": len(parts.titled),
            "tune": len(parts.tune),
            "test": len(parts.test),
            "excluded": parts.excluded,
        },
        "sentences": len(labels),
        "features": len(FEATURE_NAMES),
        "selection": {
            "max_words": selection.max_words,
            "fourth_score": selection.fourth_score,
            "rules": sorted(selection.rules),
            "clauses": selection.clauses,
            "use_title": selection.use_title,
        },
        "heldout_val": report,
        "seconds": round(steps.seconds()),
    }
