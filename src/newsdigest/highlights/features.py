"""Sentence features for the learned highlighter, computed from normalised tokens alone.

The same functions serve training (sentences of the tokenized training release) and
run time (sentences of a raw story, normalised by :mod:`.normalize`), so the model
meets the same numbers in both places. No parser is needed: position, length, how
central a sentence's words are to the story, how rare they are in news at large
(the shipped document-frequency table), how often its words are a highlight's words
(salience) or in a sentence chosen as one (cue) in training stories, quotes, numbers
and the words that mark captions, attributions and boilerplate. The headline's
features are apart (:func:`title_features`): they feed a second model that reads the
first one's score, so a headline can only shift a choice the story alone supports.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

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
    "salience_mean",
    "salience_max",
    "salience_sum",
    "salience_rank",
    "salience_top_words",
    "cnn_story",
    "cue_mean",
    "cue_max",
    "cue_min",
    "cue_sum",
    "cue_rank",
    "cue_content_mean",
)
TITLE_FEATURE_NAMES: tuple[str, ...] = (
    "score",
    "score_rank",
    "position",
    "relative_position",
    "sentences",
    "words",
    "title_words",
    "title_recall",
    "title_overlap",
    "title_cosine",
    "title_rank",
    "title_best_cosine",
)


@dataclass(frozen=True)
class WordStats:
    """Word statistics of news the features read, counted on training stories.

    idf (dict[str, float]): inverse document frequency of news words.
    default_idf (float): idf of a word missing from ``idf``.
    salience (dict[str, float]): share of stories using a word whose highlights use it too.
    default_salience (float): salience of a word missing from ``salience``.
    cue (dict[str, float]): log-odds that a sentence holding the word is one the greedy
        oracle chose, against sentences at large.
    default_cue (float): cue of a word missing from ``cue``.
    """

    idf: dict[str, float]
    default_idf: float
    salience: dict[str, float]
    default_salience: float
    cue: dict[str, float]
    default_cue: float


def content_words(tokens: Sequence[str]) -> list[str]:
    """The tokens that carry meaning: alphanumeric and not a stop word."""
    stop = STOPWORDS
    return [t for t in tokens if t not in stop and (t[:1].isalnum() or t[-1:].isalnum())]


class StoryVectors:
    """The tf-idf vectors of a story's sentences, shared by its sentence and title features.

    sentences (Sequence[Sequence[str]]): normalised tokens of each sentence, in story order.
    stats (WordStats): the word statistics to weigh words by.
    """

    def __init__(self, sentences: Sequence[Sequence[str]], stats: WordStats) -> None:
        self.sentences = sentences
        self.stats = stats
        n = len(sentences)
        contents = [content_words(s) for s in sentences]
        vocabulary: dict[str, int] = {}
        for content in contents:
            for w in content:
                vocabulary.setdefault(w, len(vocabulary))
        tf = np.zeros((n, max(1, len(vocabulary))), dtype=np.float64)
        for i, content in enumerate(contents):
            for w in content:
                tf[i, vocabulary[w]] += 1.0
        self.vocabulary = vocabulary
        self.tf = tf
        self.idf_of = np.array([stats.idf.get(w, stats.default_idf) for w in vocabulary] or [0.0])
        self.weights = tf * self.idf_of
        self.unit = _unit_rows(self.weights)
        self.present = (tf > 0).astype(np.float64)
        self.word_counts = np.array(
            [sum(1 for t in s if _is_word(t)) for s in sentences], dtype=np.float64
        )


def sentence_features(vectors: StoryVectors) -> np.ndarray:
    """One row of :data:`FEATURE_NAMES` per sentence of a story.

    vectors (StoryVectors): the story's sentences and their vectors.
    RETURNS (np.ndarray): float32 array of shape ``(sentences, len(FEATURE_NAMES))``.
    """
    sentences = vectors.sentences
    stats = vectors.stats
    n = len(sentences)
    rows = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float32)
    if n == 0:
        return rows
    vocabulary = vectors.vocabulary
    tf, weights, unit, present = vectors.tf, vectors.weights, vectors.unit, vectors.present
    salience = stats.salience
    salience_of = np.array([salience.get(w, stats.default_salience) for w in vocabulary] or [0.0])
    cosines = unit @ unit.T
    sizes = present.sum(axis=1)
    counts = tf.sum(axis=1)
    in_sentences = present.sum(axis=0)
    bags = [Counter(s) for s in sentences]
    word_counts = vectors.word_counts

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
    cue = stats.cue
    default_cue = stats.default_cue
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
        cues = [cue.get(t, default_cue) for t in tokens if _is_word(t)]
        if cues:
            row[37] = sum(cues) / len(cues)
            row[38] = max(cues)
            row[39] = min(cues)
            row[40] = sum(cues)
        content_cues = [cue.get(t, default_cue) for t in tokens if t in vocabulary]
        row[42] = sum(content_cues) / len(content_cues) if content_cues else 0.0
    rows[:, 30] = _rank(word_counts) / n
    salience_sums = present @ salience_of
    rows[:, 31] = np.divide(salience_sums, sizes, out=np.zeros(n), where=sizes > 0)
    rows[:, 32] = (present * salience_of).max(axis=1)
    rows[:, 33] = salience_sums
    rows[:, 34] = _rank(salience_sums) / n
    top = np.argsort(-(salience_of * in_sentences), kind="stable")[:10]
    rows[:, 35] = present[:, top].sum(axis=1) if len(vocabulary) else 0.0
    rows[:, 36] = float("cnn" in sentences[0][:12])
    rows[:, 41] = _rank(rows[:, 37]) / n
    return rows


def title_features(vectors: StoryVectors, title: Sequence[str], scores: np.ndarray) -> np.ndarray:
    """One row of :data:`TITLE_FEATURE_NAMES` per sentence: its score and the headline.

    vectors (StoryVectors): the story's sentences and their vectors.
    title (Sequence[str]): the headline's normalised tokens.
    scores (np.ndarray): the sentence model's score of each sentence (log-odds).
    RETURNS (np.ndarray): float32 array of shape ``(sentences, len(TITLE_FEATURE_NAMES))``.
    """
    n = len(vectors.sentences)
    rows = np.zeros((n, len(TITLE_FEATURE_NAMES)), dtype=np.float32)
    if n == 0:
        return rows
    stats = vectors.stats
    index = np.arange(n, dtype=np.float64)
    rows[:, 0] = scores
    rows[:, 1] = _rank(scores)
    rows[:, 2] = index
    rows[:, 3] = index / n
    rows[:, 4] = n
    rows[:, 5] = vectors.word_counts
    title_set = set(content_words(title))
    rows[:, 6] = len(title_set)
    in_title = np.array([float(w in title_set) for w in vectors.vocabulary] or [0.0])
    overlap = vectors.present @ in_title
    rows[:, 7] = overlap / len(title_set) if title_set else 0.0
    rows[:, 8] = overlap
    title_norm = math.sqrt(sum(stats.idf.get(w, stats.default_idf) ** 2 for w in title_set))
    title_cos = (
        (vectors.unit @ (in_title * vectors.idf_of)) / title_norm if title_norm else np.zeros(n)
    )
    rows[:, 9] = title_cos
    rows[:, 10] = _rank(title_cos)
    rows[:, 11] = title_cos.max() - title_cos
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
