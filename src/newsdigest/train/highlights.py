"""Training the highlights' sentence ranker from CNN/Daily Mail articles and their highlights.

The recipe, reproducible with ``newsdigest train highlights``:

1. read the training release (``id``, ``split``, ``url``, ``article``, ``highlights``);
   hold out half of the ``val`` split (a stable hash of the id decides: one quarter
   tunes the selection settings, the other is only reported on) and any story that
   opens like a story of the development set, so that these stay unseen;
2. normalise every article (``highlights.normalize``), split it into sentences and label
   each sentence with the greedy ROUGE oracle (``highlights.oracle``);
3. count how many articles use each word (the ``idf`` table that ships with the model);
4. compute the ``highlights.features`` of every sentence, with the URL headline where
   there is one;
5. fit a LightGBM classifier of oracle sentences; tune the word budget, the fourth
   bullet and the compression rules on the tuning quarter; report ROUGE (``rouge-score``)
   of the model and of Lead-3 on the reported quarter; save ``ranker.lgb`` and
   ``ranker.json`` (idf table and selection settings).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsdigest.highlights.captions import is_story, leading_furniture
from newsdigest.highlights.compress import ALL_RULES, RULES
from newsdigest.highlights.features import FEATURE_NAMES, sentence_features
from newsdigest.highlights.learned import (
    HighlightModel,
    Lexicon,
    Selection,
    compressed_ranges,
    select,
)
from newsdigest.highlights.normalize import split_tokenized, words
from newsdigest.highlights.oracle import (
    greedy_oracle,
    ngrams,
    rouge_f,
    scoring_tokens,
    sentence_gains,
)
from newsdigest.highlights.titles import title_from_url
from newsdigest.train import DEFAULT_SEED, Steps

log = logging.getLogger(__name__)

MAX_SENTENCES = 60
IDF_MIN_DOCS = 3
IDF_MAX_WORDS = 60_000
MATCH_CHARS = 200


@dataclass(frozen=True, slots=True)
class Story:
    """A training story, normalised.

    id (str): its identifier in the release.
    split (str): ``train`` or ``val``.
    sentences (list[list[str]]): normalised tokens of each sentence.
    reference (list[list[str]]): normalised tokens of each reference highlight.
    title (list[str] | None): normalised headline words from the URL, if any.
    """

    id: str
    split: str
    sentences: list[list[str]]
    reference: list[list[str]]
    title: list[str] | None


def opening_key(text: str) -> str:
    """The first characters of a story's alphanumeric normalised words: a match key."""
    joined = " ".join(w for w in words(text) if w.isalnum())
    return joined[:MATCH_CHARS]


def is_held_out(story_id: str, split: str, fraction: float) -> bool:
    """Whether a ``val`` story belongs to the held-out part (stable, by a hash of its id)."""
    if split != "val":
        return False
    digest = hashlib.sha1(story_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < fraction


def read_release(path: Path) -> Iterator[dict[str, Any]]:
    """Records of the gzipped JSONL training release."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def normalise_record(record: dict[str, Any]) -> Story:
    """A release record as a normalised :class:`Story`."""
    sentences = [s for s in split_tokenized(words(record["article"])) if is_story(s)]
    sentences = sentences[leading_furniture(sentences) :][:MAX_SENTENCES]
    reference = [words(line) for line in str(record["highlights"]).splitlines() if line.strip()]
    url = record.get("url")
    headline = title_from_url(url) if url else None
    return Story(
        id=str(record["id"]),
        split=str(record.get("split", "train")),
        sentences=sentences,
        reference=reference,
        title=words(headline) if headline else None,
    )


def document_frequencies(stories: Sequence[Story]) -> tuple[dict[str, float], float]:
    """Smoothed idf of the words used by at least a few stories, and the idf of the rest."""
    df: Counter[str] = Counter()
    for story in stories:
        df.update({w for s in story.sentences for w in s if w.isalnum()})
    total = len(stories)
    common = [(w, c) for w, c in df.most_common(IDF_MAX_WORDS) if c >= IDF_MIN_DOCS]
    idf = {w: round(math.log((total + 1) / (c + 1)), 3) for w, c in common}
    return idf, round(math.log((total + 1) / 2), 3)


@dataclass
class Matrix:
    """Features and labels of every sentence of a set of stories.

    features (np.ndarray): one row of :data:`FEATURE_NAMES` per sentence.
    oracle (np.ndarray): 1 for sentences the greedy oracle chose, else 0.
    gains (np.ndarray): ROUGE-1 + ROUGE-2 F1 of the sentence alone.
    groups (np.ndarray): number of sentences of each story, in order.
    """

    features: np.ndarray
    oracle: np.ndarray
    gains: np.ndarray
    groups: np.ndarray


SALIENCE_SMOOTHING = 5.0


def word_salience(
    stories: Sequence[Story], vocabulary: Iterable[str]
) -> tuple[dict[str, float], float]:
    """For each word, the smoothed share of stories using it whose highlights use it too."""
    used: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    for story in stories:
        article = {w for s in story.sentences for w in s if w.isalnum()}
        reference = {w for line in story.reference for w in line}
        used.update(article)
        kept.update(article & reference)
    prior = sum(kept.values()) / max(1, sum(used.values()))
    table = {
        w: round((kept[w] + SALIENCE_SMOOTHING * prior) / (used[w] + SALIENCE_SMOOTHING), 4)
        for w in vocabulary
    }
    return table, round(prior, 4)


def build_matrix(stories: Sequence[Story], lexicon: Lexicon, *, titles: bool) -> Matrix:
    """Features and oracle labels of every sentence of ``stories``."""
    blocks: list[np.ndarray] = []
    oracle: list[float] = []
    gains: list[float] = []
    groups: list[int] = []
    lex = lexicon
    for story in stories:
        if not story.sentences:
            continue
        reference = [t for line in story.reference for t in line]
        title = story.title if titles else None
        blocks.append(
            sentence_features(
                story.sentences, lex.idf, lex.default_idf, title, lex.salience, lex.default_salience
            )
        )
        chosen = set(greedy_oracle(story.sentences, reference))
        oracle.extend(1.0 if i in chosen else 0.0 for i in range(len(story.sentences)))
        gains.extend(sentence_gains(story.sentences, reference))
        groups.append(len(story.sentences))
    return Matrix(
        features=np.vstack(blocks),
        oracle=np.asarray(oracle, dtype=np.float32),
        gains=np.asarray(gains, dtype=np.float32),
        groups=np.asarray(groups, dtype=np.int32),
    )


LGB_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 50,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 2,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
DEFAULT_ROUNDS = 300
TUNE_FRACTION = 0.25
HOLDOUT_FRACTION = 0.5


def fit_classifier(matrix: Matrix, rounds: int, threads: int, seed: int = DEFAULT_SEED) -> Any:
    """A LightGBM classifier of oracle sentences fitted to ``matrix``."""
    import lightgbm as lgb

    params = dict(LGB_PARAMS, num_threads=threads, seed=seed)
    dataset = lgb.Dataset(matrix.features, label=matrix.oracle, feature_name=list(FEATURE_NAMES))
    return lgb.train(params, dataset, num_boost_round=rounds)


def _features_job(args: tuple[list[Story], Lexicon]) -> Matrix:
    stories, lexicon = args
    return build_matrix(stories, lexicon, titles=True)


def build_matrices(jobs: Sequence[tuple[list[Story], Lexicon]], workers: int) -> Matrix:
    """:func:`build_matrix` over chunks of stories (each with its lexicon), in processes."""
    if workers > 1:
        from multiprocessing import Pool

        with Pool(workers) as pool:
            parts = pool.map(_features_job, jobs)
    else:
        parts = [_features_job(job) for job in jobs]
    return Matrix(
        features=np.vstack([m.features for m in parts]),
        oracle=np.concatenate([m.oracle for m in parts]),
        gains=np.concatenate([m.gains for m in parts]),
        groups=np.concatenate([m.groups for m in parts]),
    )


def normalise_all(records: Sequence[dict[str, Any]], workers: int) -> list[Story]:
    """:func:`normalise_record` over every record, with ``workers`` processes."""
    if workers > 1:
        from multiprocessing import Pool

        with Pool(workers) as pool:
            return pool.map(normalise_record, records, chunksize=200)
    return [normalise_record(r) for r in records]


def excluded_openings(paths: Sequence[Path]) -> set[str]:
    """Opening keys of the stories in JSONL files (``article`` field) kept out of training."""
    keys: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                keys.add(opening_key(json.loads(line)["article"]))
    return keys


@dataclass(frozen=True)
class Split:
    """The stories of the release, parted for training, tuning and reporting."""

    train: list[Story]
    tune: list[Story]
    test: list[Story]
    excluded: list[str]


def build_lexicon(stories: Sequence[Story], salience_from: Sequence[Story]) -> Lexicon:
    """The idf table of ``stories`` with word salience counted on ``salience_from``."""
    idf, default_idf = document_frequencies(stories)
    salience, default_salience = word_salience(salience_from, idf)
    return Lexicon(idf, default_idf, salience, default_salience)


def cross_fitted_jobs(
    stories: Sequence[Story], lexicon: Lexicon, chunk: int = 500
) -> list[tuple[list[Story], Lexicon]]:
    """Chunks of stories, each with a lexicon whose salience was counted on the other half.

    A story's own highlights never inform the salience its features read, as at run time.
    """
    folds: tuple[list[Story], list[Story]] = ([], [])
    for story in stories:
        folds[int(hashlib.sha1(story.id.encode("utf-8")).digest()[0] % 2)].append(story)
    jobs: list[tuple[list[Story], Lexicon]] = []
    for fold, other in ((folds[0], folds[1]), (folds[1], folds[0])):
        salience, default_salience = word_salience(other, lexicon.idf)
        fold_lexicon = Lexicon(lexicon.idf, lexicon.default_idf, salience, default_salience)
        jobs.extend((fold[i : i + chunk], fold_lexicon) for i in range(0, len(fold), chunk))
    return jobs


def part_stories(stories: Sequence[Story], openings: dict[str, str], keys: set[str]) -> Split:
    """Part stories: half of ``val`` held out (tune and test quarters), the rest trained on.

    openings (dict[str, str]): each story id's opening key.
    keys (set[str]): opening keys of stories that must not be trained on.
    """
    train, tune, test, excluded = [], [], [], []
    for story in stories:
        if not story.sentences:
            continue
        if openings.get(story.id) in keys:
            excluded.append(story.id)
        elif is_held_out(story.id, story.split, TUNE_FRACTION):
            tune.append(story)
        elif is_held_out(story.id, story.split, HOLDOUT_FRACTION):
            test.append(story)
        else:
            train.append(story)
    return Split(train, tune, test, excluded)


def extract(
    story: Story, scores: np.ndarray, selection: Selection, count: int | None = None
) -> list[list[str]]:
    """The highlights the model makes of a training story: chosen and compressed tokens."""
    ranges = compressed_ranges(story.sentences, scores, selection.rules)
    shortened = [
        [t for a, b in r for t in s[a:b]] for s, r in zip(story.sentences, ranges, strict=True)
    ]
    chosen = select(
        shortened, scores, count=count, max_words=selection.max_words, selection=selection
    )
    return [shortened[i] for i in chosen]


def fast_rouge(extracts: Sequence[Sequence[Sequence[str]]], stories: Sequence[Story]) -> float:
    """Mean ROUGE-1 + ROUGE-2 F1 (fast, unstemmed) of extracts against their references."""
    total = 0.0
    for sentences, story in zip(extracts, stories, strict=True):
        candidate = scoring_tokens([t for s in sentences for t in s])
        reference = scoring_tokens([t for line in story.reference for t in line])
        total += rouge_f(ngrams(candidate, 1), ngrams(reference, 1))
        total += rouge_f(ngrams(candidate, 2), ngrams(reference, 2))
    return total / max(1, len(stories))


BUDGETS = (50, 55, 60, 65, 70, 75, 80, 90)
FOURTH_SCORES = (0.3, 0.4, 0.5, 0.6, 2.0)
RULE_SETS: tuple[frozenset[str], ...] = (
    frozenset(),
    RULES,
    RULES | {"opener"},
    RULES | {"participle"},
    ALL_RULES,
)


def tune_selection(model: HighlightModel, stories: Sequence[Story]) -> Selection:
    """The word budget, fourth-bullet score and compression rules that score best on
    ``stories``, with their headlines read (a headline, when given, informs the choice)."""
    best, best_score = Selection(), -1.0
    scores = story_scores(HighlightModel(model.booster, model.lexicon, Selection()), stories)
    for rules in RULE_SETS:
        for budget in BUDGETS:
            for fourth in FOURTH_SCORES:
                selection = Selection(max_words=budget, fourth_score=fourth, rules=rules)
                extracts = [
                    extract(s, sc, selection) for s, sc in zip(stories, scores, strict=True)
                ]
                value = fast_rouge(extracts, stories)
                if value > best_score:
                    best, best_score = selection, value
    log.info("selection %s: R1+R2 %.2f on the tuning quarter", best, 100 * best_score)
    return best


def story_scores(model: HighlightModel, stories: Sequence[Story]) -> list[np.ndarray]:
    """The model's sentence scores for each story (its URL headline as title)."""
    return [model.score(s.sentences, s.title) for s in stories]


def report_on(
    stories: Sequence[Story], scores: Sequence[np.ndarray], selection: Selection
) -> dict[str, Any]:
    """ROUGE (``rouge-score``) of the model's and Lead-3's highlights on held-out stories."""
    from newsdigest.evaluate.highlights import METRICS, paired_bootstrap, rouge_scores

    references = ["\n".join(" ".join(line) for line in s.reference) for s in stories]
    ours = [
        "\n".join(" ".join(x) for x in extract(s, sc, selection))
        for s, sc in zip(stories, scores, strict=True)
    ]
    lead = ["\n".join(" ".join(x) for x in s.sentences[:3]) for s in stories]
    mine, base = rouge_scores(references, ours), rouge_scores(references, lead)
    n = len(stories)
    report: dict[str, Any] = {"articles": n}
    for metric in METRICS:
        a, b = [r[metric] for r in mine], [r[metric] for r in base]
        d = paired_bootstrap(a, b)
        report[metric] = {
            "model": sum(a) / n,
            "lead3": sum(b) / n,
            "difference": [d.mean, d.low, d.high],
        }
    report["words"] = sum(len(o.split()) for o in ours) / n
    report["lead3_words"] = sum(len(o.split()) for o in lead) / n
    return report


def train_highlights(
    data: Sequence[Path],
    out: Path,
    *,
    exclude: Sequence[Path] = (),
    rounds: int = DEFAULT_ROUNDS,
    workers: int = 2,
    limit: int | None = None,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    """Train, tune and save the highlight model; return a report of what was done.

    data (Sequence[Path]): the gzipped JSONL training release, in one file or several.
    out (Path): directory to write ``ranker.lgb`` and ``ranker.json`` to.
    exclude (Sequence[Path]): JSONL files whose stories must stay out of training.
    rounds (int): boosting rounds.
    workers (int): processes for normalising and features.
    limit (int | None): read only this many records (for quick trials).
    seed (int): LightGBM's seed (bagging and feature sampling).
    RETURNS (dict): counts, the tuned selection and held-out ROUGE against Lead-3.
    """
    steps = Steps()
    records = [r for path in data for r in read_release(path)][:limit]
    openings = {str(r["id"]): opening_key(r["article"]) for r in records}
    stories = normalise_all(records, workers)
    del records
    steps.done(f"{len(stories)} stories normalised")
    parts = part_stories(stories, openings, excluded_openings(exclude))
    lexicon = build_lexicon(parts.train, parts.train)
    matrix = build_matrices(cross_fitted_jobs(parts.train, lexicon), workers)
    steps.done(f"features of {len(matrix.oracle)} sentences")
    booster = fit_classifier(matrix, rounds, workers, seed)
    steps.done(f"model fitted ({rounds} rounds)")
    model = HighlightModel(booster, lexicon, Selection())
    selection = tune_selection(model, parts.tune)
    model = HighlightModel(booster, lexicon, selection)
    model.save(out)
    steps.done(f"model saved to {out}")
    report = report_on(parts.test, story_scores(model, parts.test), selection)
    steps.done("held-out quarter scored")
    return {
        "stories": {
            "train": len(parts.train),
            "tune": len(parts.tune),
            "test": len(parts.test),
            "excluded": parts.excluded,
        },
        "sentences": len(matrix.oracle),
        "selection": {
            "max_words": selection.max_words,
            "fourth_score": selection.fourth_score,
            "rules": sorted(selection.rules),
        },
        "heldout_val": report,
        "seconds": round(steps.seconds()),
    }
