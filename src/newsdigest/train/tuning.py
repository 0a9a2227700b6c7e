"""Tuning the highlights' selection settings on held-out stories, and reporting on others.

The settings (word budget, fourth bullet, compression rules, shortening by clauses,
whether a headline is used) are chosen by fast unstemmed ROUGE-1 + ROUGE-2 on the tuning
quarter; the report scores the other quarter with the reference scorer ``rouge-score``
(:mod:`newsdigest.evaluate.highlights`) against Lead-3.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from newsdigest.highlights.compress import ALL_RULES, RULES
from newsdigest.highlights.learned import HighlightModel, kept_ranges
from newsdigest.highlights.oracle import ngrams, rouge_f, scoring_tokens
from newsdigest.highlights.select import Selection, Sentence, select
from newsdigest.train.stories import Story

log = logging.getLogger(__name__)

BUDGETS = (45, 55, 65, 75, 90)
FOURTH_SCORES = (0.3, 0.45, 0.6, 2.0)
RULE_SETS: tuple[frozenset[str], ...] = (
    frozenset(),
    RULES,
    RULES | {"opener"},
    RULES | {"participle"},
    ALL_RULES,
)
Grams = Counter[tuple[str, ...]]


def story_scores(
    model: HighlightModel, stories: Sequence[Story], *, titles: bool
) -> list[np.ndarray]:
    """The model's sentence scores for each story, with its URL headline when ``titles``."""
    return [model.score(s.sentences, s.title if titles else None) for s in stories]


def candidate_sentences(story: Story, scores: np.ndarray, rules: frozenset[str]) -> list[Sentence]:
    """A training story's sentences as selection sees them, compressed by ``rules``."""
    kept = kept_ranges(story.sentences, scores, rules)
    return [Sentence(s, [False] * len(s), k) for s, k in zip(story.sentences, kept, strict=True)]


def extract(story: Story, scores: np.ndarray, selection: Selection) -> list[list[str]]:
    """The highlights the model makes of a training story: chosen and compressed tokens."""
    sentences = candidate_sentences(story, scores, selection.rules)
    chosen = select(
        sentences, scores, count=None, max_words=selection.max_words, selection=selection
    )
    return [[t for a, b in ranges for t in story.sentences[i][a:b]] for i, ranges in chosen]


def _grams(tokens: Sequence[str]) -> tuple[Grams, Grams]:
    kept = scoring_tokens(tokens)
    return ngrams(kept, 1), ngrams(kept, 2)


class TuningSet:
    """Held-out stories with their scores, references and compressed sentences, kept for
    the many selections a search tries on them.

    stories (Sequence[Story]): the stories.
    scores (Sequence[np.ndarray]): the model's sentence scores of each.
    """

    def __init__(self, stories: Sequence[Story], scores: Sequence[np.ndarray]) -> None:
        self.stories = stories
        self.scores = scores
        self._references = [_grams([t for line in s.reference for t in line]) for s in stories]
        self._sentences: dict[frozenset[str], list[list[Sentence]]] = {}

    def value(self, selection: Selection) -> float:
        """Mean ROUGE-1 + ROUGE-2 F1 (fast, unstemmed) of the highlights ``selection`` makes."""
        rules = selection.rules
        if rules not in self._sentences:
            self._sentences[rules] = [
                candidate_sentences(s, sc, rules)
                for s, sc in zip(self.stories, self.scores, strict=True)
            ]
        total = 0.0
        for story, sentences, scores, (ref1, ref2) in zip(
            self.stories, self._sentences[rules], self.scores, self._references, strict=True
        ):
            chosen = select(
                sentences, scores, count=None, max_words=selection.max_words, selection=selection
            )
            got1, got2 = _grams(
                [t for i, ranges in chosen for a, b in ranges for t in story.sentences[i][a:b]]
            )
            total += rouge_f(got1, ref1) + rouge_f(got2, ref2)
        return total / max(1, len(self.stories))

    def best(self, candidates: Sequence[Selection]) -> tuple[Selection, float]:
        """The candidate selection of highest :meth:`value`, and that value."""
        values = [self.value(c) for c in candidates]
        index = int(np.argmax(values))
        return candidates[index], values[index]


def tune_selection(model: HighlightModel, stories: Sequence[Story]) -> Selection:
    """The selection settings that score best on ``stories``, by coordinate search.

    Budget and fourth bullet are searched together, then the compression rules and
    shortening by clauses, then budget and fourth bullet again. The headline is used
    only when, with the settings found, it raises the score of the stories that have one.
    """
    plain = story_scores(model, stories, titles=False)
    data = TuningSet(stories, plain)

    def grid(base: Selection) -> list[Selection]:
        return [replace(base, max_words=b, fourth_score=f) for b in BUDGETS for f in FOURTH_SCORES]

    best, _ = data.best(grid(Selection(rules=RULES, use_title=False)))
    best, _ = data.best(
        [replace(best, rules=r, clauses=c) for r in RULE_SETS for c in (True, False)]
    )
    best, value = data.best(grid(best))
    titled = [s for s in stories if s.title]
    with_title = TuningSet(titled, story_scores(model, titled, titles=True))
    without = TuningSet(titled, [sc for s, sc in zip(stories, plain, strict=True) if s.title])
    gain = with_title.value(best) - without.value(best)
    best = replace(best, use_title=gain > 0)
    log.info(
        "selection %s: R1+R2 %.2f on the tuning quarter; the headline adds %+.2f on %d stories",
        best,
        100 * value,
        100 * gain,
        len(titled),
    )
    return best


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
