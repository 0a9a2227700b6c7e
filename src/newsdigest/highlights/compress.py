"""Sentence compression by deletion: what a highlight may leave out of its sentence.

Highlights are short, so a chosen sentence sheds the words a reader does not need:
a dateline (``WASHINGTON (CNN) --``), a leading connective (``But``, ``Meanwhile,``),
a trailing attribution (``, police said``, ``, according to the survey``) and short
parenthetical asides (``(pictured)``, ``(left)``). Only deletions of whole pieces
are made, so every remaining word is a word of the story, in order. Each rule works
on normalised tokens, so it was measured on the training release exactly as it runs
(see ``docs/highlights.md``); rules that did not raise ROUGE there are not applied.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdigest.lexicon import verb_forms, words

CONNECTIVES = words("connectives")
SPEECH_VERBS = verb_forms("speech_verbs")
OPENERS = words("phrase_openers")
AGENCIES = words("wire_services")
WORD_LISTS = (
    "connectives",
    "speech_verbs",
    "irregular_verbs",
    "doubling_verbs",
    "phrase_openers",
    "wire_services",
)
MAX_OPENER = 8
MIN_LEFT = 8
MAX_ATTRIBUTION = 7
MAX_ACCORDING = 10
MAX_ASIDE = 8
_STOPS = frozenset({".", "!", "?", "..."})
_CLOSERS = frozenset({'"', "'", ")"})

Ranges = list[tuple[int, int]]


def compress(tokens: Sequence[str], *, rules: frozenset[str] | None = None) -> Ranges:
    """The token ranges of a sentence a highlight keeps, in order.

    tokens (Sequence[str]): the sentence's normalised tokens.
    rules (frozenset[str] | None): the rules to apply, of ``dateline``, ``connective``,
        ``attribution``, ``aside``, ``opener``, ``participle``; None applies :data:`RULES`.
    RETURNS (list[tuple[int, int]]): ``[start, end)`` token index ranges, never empty
        when the sentence has a word.
    """
    active = RULES if rules is None else rules
    start, end = 0, len(tokens)
    if "dateline" in active:
        start = _after_dateline(tokens, start, end)
    if "connective" in active:
        start = _after_connective(tokens, start, end)
    if "opener" in active:
        start = _after_opener(tokens, start, end)
    if "attribution" in active:
        end = _before_attribution(tokens, start, end)
    if "participle" in active:
        end = _before_participle(tokens, start, end)
    ranges: Ranges = [(start, end)]
    if "aside" in active:
        ranges = _without_asides(tokens, start, end)
    kept = [(a, b) for a, b in ranges if b > a]
    if not any(_has_word(tokens[a:b]) for a, b in kept):
        return [(0, len(tokens))]
    return kept


RULES = frozenset({"dateline", "connective", "attribution", "aside"})
CLAUSE_RULES = frozenset({"opener", "participle"})
ALL_RULES = RULES | CLAUSE_RULES


def _has_word(tokens: Sequence[str]) -> bool:
    return any(any(c.isalnum() for c in t) for t in tokens)


def _after_dateline(tokens: Sequence[str], start: int, end: int) -> int:
    """Past ``city ( cnn ) --`` or ``( cnn ) --`` at the start of a sentence."""
    head = list(tokens[start : min(end, start + 14)])
    for i in range(len(head) - 2):
        if head[i] == "(" and head[i + 2] == ")" and head[i + 1] in AGENCIES:
            j = i + 3
            while j < len(head) and head[j] in {"--", "-", ":", ","}:
                j += 1
            if j < len(head) and _has_word(head[j:]):
                return start + j
    return start


def _after_connective(tokens: Sequence[str], start: int, end: int) -> int:
    if end - start > 4 and tokens[start] in CONNECTIVES:
        j = start + 1
        if tokens[j] == ",":
            j += 1
        return j
    return start


def _words_in(tokens: Sequence[str]) -> int:
    return sum(1 for t in tokens if t[:1].isalnum() or t[-1:].isalnum())


def _after_opener(tokens: Sequence[str], start: int, end: int) -> int:
    """Past a short opening phrase and its comma: ``After months of talks,``, ``Facing a
    deadline,``."""
    first = tokens[start] if start < end else ""
    if first not in OPENERS and not (first.endswith("ing") and len(first) > 4):
        return start
    for i in range(start + 1, min(end, start + MAX_OPENER + 1)):
        if tokens[i] in {'"', "'", "(", ":", ";"}:
            return start
        if tokens[i] == ",":
            if _words_in(tokens[i + 1 : end]) >= MIN_LEFT:
                return i + 1
            return start
    return start


def _before_participle(tokens: Sequence[str], start: int, end: int) -> int:
    """Before a final ``, ending a strike that ...`` clause."""
    for i in range(start + 1, end - 1):
        word = tokens[i + 1]
        if tokens[i] == "," and word.endswith("ing") and len(word) > 4 and word != "according":
            rest = tokens[i + 1 : end]
            if '"' in rest or "'" in rest:
                return end
            if _words_in(tokens[start:i]) >= MIN_LEFT:
                return i
            return end
    return end


def _before_attribution(tokens: Sequence[str], start: int, end: int) -> int:
    """Before a final ``, police said`` or ``, according to ...`` clause."""
    stop = end
    while stop > start and (tokens[stop - 1] in _STOPS or tokens[stop - 1] in _CLOSERS):
        stop -= 1
    if stop < end and tokens[stop] in _CLOSERS:
        return end  # the sentence ends inside a quote: leave it whole
    comma = stop - 1
    while comma > start and tokens[comma] != ",":
        comma -= 1
    if comma <= start + 4:
        return end
    clause = tokens[comma + 1 : stop]
    if '"' in clause or "'" in clause:
        return end
    if clause and clause[0] == "according" and len(clause) <= MAX_ACCORDING:
        return comma
    if 0 < len(clause) <= MAX_ATTRIBUTION and any(t in SPEECH_VERBS for t in clause):
        return comma
    return end


def _without_asides(tokens: Sequence[str], start: int, end: int) -> Ranges:
    """The range split around short ``( ... )`` asides that are not at its start."""
    ranges: Ranges = []
    piece = start
    i = start + 1
    while i < end:
        if tokens[i] == "(":
            close = i + 1
            while close < end and close - i <= MAX_ASIDE + 1 and tokens[close] != ")":
                close += 1
            if close < end and tokens[close] == ")" and close - i <= MAX_ASIDE + 1:
                ranges.append((piece, i))
                piece = close + 1
                i = close + 1
                continue
        i += 1
    ranges.append((piece, end))
    return ranges
