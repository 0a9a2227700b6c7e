"""ROUGE on normalised tokens, and the greedy oracle that labels training sentences.

This fast n-gram overlap (no stemming) is what training needs: it scores tens of
thousands of candidate extracts a minute. Reported figures use the reference scorer
(``rouge-score``, see :mod:`newsdigest.evaluate.highlights`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Counts of the n-grams of a token list."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_f(candidate: Counter[tuple[str, ...]], reference: Counter[tuple[str, ...]]) -> float:
    """F1 of n-gram overlap between two n-gram counts."""
    if not candidate or not reference:
        return 0.0
    overlap = sum((candidate & reference).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(candidate.values())
    recall = overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def scoring_tokens(tokens: Sequence[str]) -> list[str]:
    """The tokens ROUGE compares: alphanumeric ones, as ``rouge-score`` keeps them."""
    return [t for t in tokens if any(c.isalnum() for c in t)]


def greedy_oracle(
    sentences: Sequence[Sequence[str]], reference: Sequence[str], limit: int = 4
) -> list[int]:
    """Indices of the sentences whose union best matches the reference, chosen greedily.

    Sentences are added one at a time while ROUGE-1 + ROUGE-2 F1 of the extract rises.

    sentences (Sequence[Sequence[str]]): normalised tokens of each sentence.
    reference (Sequence[str]): normalised tokens of the reference highlights.
    limit (int): most sentences to choose.
    RETURNS (list[int]): chosen indices, in story order.
    """
    ref = scoring_tokens(reference)
    ref1, ref2 = ngrams(ref, 1), ngrams(ref, 2)
    grams = [(ngrams(s, 1), ngrams(s, 2)) for s in (scoring_tokens(sent) for sent in sentences)]
    chosen: list[int] = []
    best = 0.0
    have1: Counter[tuple[str, ...]] = Counter()
    have2: Counter[tuple[str, ...]] = Counter()
    while len(chosen) < limit:
        pick, pick_score = -1, best
        for i, (g1, g2) in enumerate(grams):
            if i in chosen:
                continue
            score = rouge_f(have1 + g1, ref1) + rouge_f(have2 + g2, ref2)
            if score > pick_score:
                pick, pick_score = i, score
        if pick < 0:
            break
        chosen.append(pick)
        best = pick_score
        have1 += grams[pick][0]
        have2 += grams[pick][1]
    return sorted(chosen)


def sentence_gains(sentences: Sequence[Sequence[str]], reference: Sequence[str]) -> list[float]:
    """ROUGE-1 + ROUGE-2 F1 of each sentence alone against the reference."""
    ref = scoring_tokens(reference)
    ref1, ref2 = ngrams(ref, 1), ngrams(ref, 2)
    gains = []
    for sent in sentences:
        toks = scoring_tokens(sent)
        gains.append(rouge_f(ngrams(toks, 1), ref1) + rouge_f(ngrams(toks, 2), ref2))
    return gains
