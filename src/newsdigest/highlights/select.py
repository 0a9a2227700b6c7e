"""Choosing the bullets: best sentences first, no repeats, and never over the word budget.

Sentences are taken in score order. One that repeats a word trigram of a sentence
already taken is skipped (no two bullets say the same thing). One that does not fit in
what is left of the word budget is shortened by whole clauses: it may end before a
comma that opens another clause (``, but ...``, ``, which ...``), a semicolon, a dash or
a bracket, provided what is left has at least :data:`MIN_CLAUSE_WORDS` words and no
quote or bracket left open. A sentence with no such shorter form that fits is skipped,
so the budget holds whatever the sentences look like; a story whose every sentence is
one unbroken run longer than the budget gets no bullet at all.

Words are counted as a reader sees them: pieces of the bullet between white space that
hold a letter or a digit (``didn't`` and ``35-year-old`` are one word each).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsdigest.lexicon import words

CLAUSE_OPENERS = words("clause_openers")
WORD_LISTS = ("clause_openers",)
MIN_CLAUSE_WORDS = 5
_BREAKS = frozenset({";", "--", "(", "["})
_OPEN_CLOSE = (("(", ")"), ("[", "]"))

Ranges = list[tuple[int, int]]


@dataclass(frozen=True)
class Selection:
    """How many sentences to take and how long the highlights may be.

    count (int): bullets when the caller does not choose (a fourth is added when it fits).
    max_count (int): most bullets chosen per story.
    max_words (int): word budget of all bullets together.
    fourth_score (float): least model score for a fourth bullet.
    rules (frozenset[str]): compression rules applied to chosen sentences.
    use_title (bool): whether a headline, when given, informs the choice.
    clauses (bool): whether a sentence may be shortened by clauses to fit the budget when
        a whole one does not (it always may for the first bullet).
    """

    count: int = 3
    max_count: int = 4
    max_words: int = 80
    fourth_score: float = 0.5
    rules: frozenset[str] = field(default_factory=frozenset)
    use_title: bool = True
    clauses: bool = True


@dataclass(frozen=True, slots=True)
class Sentence:
    """A candidate sentence as selection sees it.

    norms (Sequence[str]): its normalised tokens.
    joined (Sequence[bool]): per token, whether it follows the one before without white
        space (``n't`` after ``did``); it then belongs to the same word.
    kept (Ranges): the token ranges its compression keeps.
    """

    norms: Sequence[str]
    joined: Sequence[bool]
    kept: Ranges


def word_count(sentence: Sentence, ranges: Ranges) -> int:
    """The words a reader counts in the pieces ``ranges`` of a sentence."""
    norms, joined = sentence.norms, sentence.joined
    count = 0
    for a, b in ranges:
        counted = False
        for i in range(a, b):
            if i > a and joined[i]:
                if not counted and _has_alnum(norms[i]):
                    count += 1
                    counted = True
                continue
            counted = _has_alnum(norms[i])
            count += counted
    return count


def _has_alnum(token: str) -> bool:
    return any(c.isalnum() for c in token)


def trigrams(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    """The word trigrams of a token list."""
    kept = [t for t in tokens if _has_alnum(t)]
    return {tuple(kept[i : i + 3]) for i in range(len(kept) - 2)}


def clause_cuts(sentence: Sentence) -> list[Ranges]:
    """Shorter forms of a sentence's kept ranges that end where a clause ends, longest first."""
    norms = sentence.norms
    forms: list[Ranges] = []
    kept = sentence.kept
    for r, (a, b) in enumerate(kept):
        for i in range(a + 1, b):
            if not _clause_ends_before(norms, i, b):
                continue
            form = [*kept[:r], (a, i)]
            if _balanced([t for x, y in form for t in norms[x:y]]):
                forms.append(form)
    forms.reverse()
    return forms


def _clause_ends_before(norms: Sequence[str], i: int, end: int) -> bool:
    token = norms[i]
    if token in _BREAKS:
        return True
    return token == "," and i + 1 < end and norms[i + 1] in CLAUSE_OPENERS


def _balanced(tokens: Sequence[str]) -> bool:
    if tokens.count('"') % 2:
        return False
    return all(tokens.count(o) == tokens.count(c) for o, c in _OPEN_CLOSE)


def fitting_form(sentence: Sentence, room: int, *, cut: bool) -> tuple[Ranges, int] | None:
    """The longest form of a sentence within ``room`` words: whole, else cut by clauses.

    sentence (Sentence): the candidate.
    room (int): words left in the budget.
    cut (bool): whether a form cut by clauses may be used.
    RETURNS (tuple[Ranges, int] | None): its ranges and word count, or None when none fits.
    """
    n = word_count(sentence, sentence.kept)
    if n <= room:
        return sentence.kept, n
    if not cut:
        return None
    for form in clause_cuts(sentence):
        n = word_count(sentence, form)
        if MIN_CLAUSE_WORDS <= n <= room:
            return form, n
    return None


def select(
    sentences: Sequence[Sentence],
    scores: np.ndarray,
    *,
    count: int | None,
    max_words: int,
    selection: Selection,
) -> list[tuple[int, Ranges]]:
    """The sentences to use, each with the ranges of its tokens kept, in story order.

    sentences (Sequence[Sentence]): the candidates.
    scores (np.ndarray): the model's score of each.
    count (int | None): bullets asked for; None takes three, and a fourth that scores at
        least ``selection.fourth_score``.
    max_words (int): the word budget of all bullets together, never exceeded.
    selection (Selection): the tuned settings.
    RETURNS (list[tuple[int, Ranges]]): (sentence index, kept ranges), in story order.
    """
    limit = count or selection.max_count
    chosen: list[tuple[int, Ranges]] = []
    seen: set[tuple[str, ...]] = set()
    used = 0
    for i in np.argsort(-scores, kind="stable"):
        if len(chosen) >= limit or used >= max_words:
            break
        if count is None and len(chosen) >= selection.count and scores[i] < selection.fourth_score:
            break
        sentence = sentences[i]
        grams = trigrams([t for a, b in sentence.kept for t in sentence.norms[a:b]])
        if grams & seen:
            continue
        form = fitting_form(sentence, max_words - used, cut=selection.clauses or not chosen)
        if form is None:
            continue
        chosen.append((int(i), form[0]))
        seen |= grams
        used += form[1]
    return sorted(chosen)
