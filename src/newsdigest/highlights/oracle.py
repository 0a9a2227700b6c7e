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
    Only the n-grams a sentence shares with the reference can change the overlap, so each
    trial adds those alone to the running counts.

    sentences (Sequence[Sequence[str]]): normalised tokens of each sentence.
    reference (Sequence[str]): normalised tokens of the reference highlights.
    limit (int): most sentences to choose.
    RETURNS (list[int]): chosen indices, in story order.
    """
    ref = scoring_tokens(reference)
    refs = (ngrams(ref, 1), ngrams(ref, 2))
    ref_sizes = (sum(refs[0].values()), sum(refs[1].values()))
    trials = []
    for sent in sentences:
        toks = scoring_tokens(sent)
        grams = (ngrams(toks, 1), ngrams(toks, 2))
        shared = tuple(
            [(g, c, refs[n][g]) for g, c in grams[n].items() if g in refs[n]] for n in (0, 1)
        )
        trials.append((shared, (sum(grams[0].values()), sum(grams[1].values()))))
    chosen: list[int] = []
    best = 0.0
    have: tuple[Counter[tuple[str, ...]], ...] = (Counter(), Counter())
    overlaps = [0, 0]
    sizes = [0, 0]
    while len(chosen) < limit:
        pick, pick_score = -1, best
        for i, (shared, own) in enumerate(trials):
            if i in chosen:
                continue
            score = 0.0
            for n in (0, 1):
                held = have[n]
                gained = sum(min(held[g] + c, r) - min(held[g], r) for g, c, r in shared[n])
                score += _f1(overlaps[n] + gained, sizes[n] + own[n], ref_sizes[n])
            if score > pick_score:
                pick, pick_score = i, score
        if pick < 0:
            break
        chosen.append(pick)
        best = pick_score
        shared, own = trials[pick]
        for n in (0, 1):
            for g, c, r in shared[n]:
                overlaps[n] += min(have[n][g] + c, r) - min(have[n][g], r)
                have[n][g] += c
            sizes[n] += own[n]
    return sorted(chosen)


def _f1(overlap: int, candidate: int, reference: int) -> float:
    """F1 of an n-gram overlap, computed as :func:`rouge_f` does."""
    if not candidate or not reference or not overlap:
        return 0.0
    precision = overlap / candidate
    recall = overlap / reference
    return 2 * precision * recall / (precision + recall)
