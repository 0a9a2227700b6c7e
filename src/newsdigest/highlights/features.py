"""Sentence features for the learned highlighter, computed from normalised tokens alone.

The same function serves training (sentences of the tokenized training release) and
run time (sentences of a raw story, normalised by :mod:`.normalize`), so the model
meets the same numbers in both places. No parser is needed: position, length, how
central a sentence's words are to the story, how rare they are in news at large
(the shipped document-frequency table), overlap with the headline, quotes, numbers
and the words that mark captions, attributions and boilerplate.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from newsdigest.highlights.normalize import QUOTES, SENTENCE_END
from newsdigest.lexicon import verb_forms, words

STOPWORDS = words("stopwords")
CONNECTIVES = words("connectives")
REFERRING = words("referring_words")
SPEECH = verb_forms("speech_verbs")
FIRST_PERSON = words("first_person")
CAPTION_WORDS = words("caption_words")
# The word lists the features read, recorded with the model (see newsdigest.lexicon).
WORD_LISTS = (
    "stopwords",
    "connectives",
    "referring_words",
    "speech_verbs",
    "irregular_verbs",
    "doubling_verbs",
    "first_person",
    "caption_words",
)

FEATURE_NAMES: tuple[str, ...] = (
    "position",
    "relative_position",
    "sentences",
    "words",
    "story_words",
    "words_before",
    "content_words",
    "mean_idf",
    "sum_tfidf",
    "centroid_cosine",
    "centroid_rank",
    "first_sentence_cosine",
    "lead_cosine",
    "previous_cosine",
    "next_cosine",
    "max_earlier_cosine",
    "word_centrality",
    "linked_sentences",
    "quoted_fraction",
    "starts_with_quote",
    "quote_marks",
    "numbers",
    "ends_with_stop",
    "question",
    "colon",
    "starts_with_connective",
    "starts_with_pronoun",
    "speech_words",
    "first_person",
    "caption_words",
    "length_rank",
    "title_recall",
    "title_overlap",
    "title_cosine",
    "title_rank",
    "salience_mean",
    "salience_max",
    "salience_sum",
    "salience_rank",
    "salience_top_words",
    "cnn_story",
)


def content_words(tokens: Sequence[str]) -> list[str]:
    """The tokens that carry meaning: alphanumeric and not a stop word."""
    stop = STOPWORDS
    return [t for t in tokens if t not in stop and (t[:1].isalnum() or t[-1:].isalnum())]


def sentence_features(
    sentences: Sequence[Sequence[str]],
    idf: Mapping[str, float],
    default_idf: float,
    title: Sequence[str] | None = None,
    salience: Mapping[str, float] | None = None,
    default_salience: float = 0.0,
) -> np.ndarray:
    """One row of :data:`FEATURE_NAMES` per sentence.

    sentences (Sequence[Sequence[str]]): normalised tokens of each sentence, in story order.
    idf (Mapping[str, float]): inverse document frequency of words in news.
    default_idf (float): the idf of a word missing from ``idf``.
    title (Sequence[str] | None): normalised headline tokens; None leaves its features missing.
    salience (Mapping[str, float] | None): how often a word of a story is also a word of its
        highlights, learned from training stories.
    default_salience (float): the salience of a word missing from ``salience``.
    RETURNS (np.ndarray): float32 array of shape ``(len(sentences), len(FEATURE_NAMES))``.
    """
    n = len(sentences)
    rows = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float32)
    if n == 0:
        return rows
    contents = [content_words(s) for s in sentences]
    vocabulary: dict[str, int] = {}
    for content in contents:
        for w in content:
            vocabulary.setdefault(w, len(vocabulary))
    tf = np.zeros((n, max(1, len(vocabulary))), dtype=np.float64)
    for i, content in enumerate(contents):
        for w in content:
            tf[i, vocabulary[w]] += 1.0
    table = salience or {}
    idf_of = np.array([idf.get(w, default_idf) for w in vocabulary] or [0.0])
    salience_of = np.array([table.get(w, default_salience) for w in vocabulary] or [0.0])
    weights = tf * idf_of
    unit = _unit_rows(weights)
    cosines = unit @ unit.T
    present = (tf > 0).astype(np.float64)
    sizes = present.sum(axis=1)
    counts = tf.sum(axis=1)
    in_sentences = present.sum(axis=0)
    bags = [Counter(s) for s in sentences]
    word_counts = np.array(
        [sum(c for t, c in bag.items() if _is_word(t)) for bag in bags], dtype=np.float64
    )

    index = np.arange(n, dtype=np.float64)
    rows[:, 0] = index
    rows[:, 1] = index / n
    rows[:, 2] = n
    rows[:, 3] = word_counts
    rows[:, 4] = word_counts.sum()
    rows[:, 5] = np.cumsum(word_counts) - word_counts
    rows[:, 6] = counts
    rows[:, 7] = np.divide(weights.sum(axis=1), counts, out=np.zeros(n), where=counts > 0)
    rows[:, 8] = weights.sum(axis=1)
    centroid_cos = unit @ _unit(weights.sum(axis=0))
    rows[:, 9] = centroid_cos
    rows[:, 10] = _rank(centroid_cos) / n
    rows[:, 11] = cosines[:, 0]
    rows[:, 12] = unit @ _unit(weights[:3].sum(axis=0))
    rows[1:, 13] = np.diagonal(cosines, offset=-1)
    rows[:-1, 14] = np.diagonal(cosines, offset=1)
    rows[1:, 15] = np.tril(cosines, -1)[1:].max(axis=1)
    rows[:, 16] = np.divide(
        present @ (in_sentences - 1), sizes * n, out=np.zeros(n), where=sizes > 0
    )
    shared = present @ present.T
    rows[:, 17] = (shared >= 2).sum(axis=1) - (np.diagonal(shared) >= 2)
    for i, tokens in enumerate(sentences):
        row = rows[i]
        bag = bags[i]
        row[18] = _quoted_fraction(tokens) if '"' in bag else 0.0
        row[19] = float(bool(tokens) and tokens[0] in QUOTES)
        row[20] = bag['"']
        row[21] = sum(c for t, c in bag.items() if t[:1].isdigit())
        row[22] = float(_ends_with_stop(tokens))
        row[23] = float("?" in bag)
        row[24] = float(":" in bag)
        first = _first_word(tokens)
        row[25] = float(first in CONNECTIVES)
        row[26] = float(first in REFERRING)
        row[27] = sum(bag[t] for t in SPEECH.intersection(bag))
        row[28] = sum(bag[t] for t in FIRST_PERSON.intersection(bag))
        row[29] = sum(bag[t] for t in CAPTION_WORDS.intersection(bag))
    rows[:, 30] = _rank(word_counts) / n
    if title is None:
        rows[:, 31:35] = np.nan
    else:
        title_set = set(content_words(title))
        in_title = np.array([float(w in title_set) for w in vocabulary] or [0.0])
        overlap = present @ in_title
        rows[:, 31] = overlap / len(title_set) if title_set else 0.0
        rows[:, 32] = overlap
        title_norm = math.sqrt(sum(idf.get(w, default_idf) ** 2 for w in title_set))
        title_cos = (unit @ (in_title * idf_of)) / title_norm if title_norm else np.zeros(n)
        rows[:, 33] = title_cos
        rows[:, 34] = _rank(title_cos) / n
    salience_sums = present @ salience_of
    rows[:, 35] = np.divide(salience_sums, sizes, out=np.zeros(n), where=sizes > 0)
    rows[:, 36] = (present * salience_of).max(axis=1)
    rows[:, 37] = salience_sums
    rows[:, 38] = _rank(salience_sums) / n
    top = np.argsort(-(salience_of * in_sentences), kind="stable")[:10]
    rows[:, 39] = present[:, top].sum(axis=1) if len(vocabulary) else 0.0
    rows[:, 40] = float("cnn" in sentences[0][:12])
    return rows


def _is_word(token: str) -> bool:
    return token[:1].isalnum() or token[-1:].isalnum()


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.sqrt(vector @ vector))
    return vector / norm if norm else vector


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.sqrt((matrix * matrix).sum(axis=1))
    return matrix / np.where(norms > 0, norms, 1.0)[:, None]


def _rank(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Rank of each value, 0 for the largest."""
    order = np.argsort(-np.asarray(values, dtype=np.float64), kind="stable")
    ranks = np.empty(len(values), dtype=np.float32)
    ranks[order] = np.arange(len(values), dtype=np.float32)
    return ranks


def _quoted_fraction(tokens: Sequence[str]) -> float:
    inside = False
    quoted = 0
    for t in tokens:
        if t == '"':
            inside = not inside
        elif inside:
            quoted += 1
    return quoted / len(tokens) if tokens else 0.0


def _ends_with_stop(tokens: Sequence[str]) -> bool:
    for t in reversed(tokens):
        if t in QUOTES or t == ")":
            continue
        return t in SENTENCE_END
    return False


def _first_word(tokens: Sequence[str]) -> str:
    for t in tokens:
        if any(c.isalnum() for c in t):
            return t
    return ""
