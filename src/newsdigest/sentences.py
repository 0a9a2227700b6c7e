"""Paragraphs and sentences of news text, as spans, without a statistical model.

A rule splitter is used rather than spaCy's parser because the highlights need
sentences at hundreds of stories a second, and because news punctuation has
regular habits a rule can follow: quotes closed after the full stop (``."``),
``?" he said`` continuing the sentence, titles and initialisms (``Gov.``,
``U.S.``, ``3 p.m.``), backtick quotes and headlines without a full stop.
``benchmarks/sentences.py`` compares it with spaCy and sentencex.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdigest.lexicon import words
from newsdigest.model import Span

NEVER_FINAL = words("abbreviations")
AMBIGUOUS_FINAL = words("ambiguous_abbreviations")
SENTENCE_STARTERS = words("sentence_starters")

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«([`"
# A run of sentence punctuation, optional closing quotes/brackets, then white space.
_CANDIDATE = re.compile(r"(?:[.!?]+|…)[\"'”’»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)\W*$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans: blocks separated by blank lines, trimmed of white space."""
    spans: list[Span] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        _append_trimmed(spans, text, start, match.start())
        start = match.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of a whole text, in order, trimmed, never crossing a line break."""
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        for start, end in _split_line(text, line.start(), line.end()):
            _append_trimmed(spans, text, start, end)
    return spans


def _split_line(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for match in _CANDIDATE.finditer(text, start, end):
        if _is_boundary(text, match.start(), match.end(), end):
            yield start, match.end()
            start = match.end()
    yield start, end


def _is_boundary(text: str, punct_start: int, punct_end: int, line_end: int) -> bool:
    nxt = _next_word(text, punct_end, line_end)
    if nxt is None:
        return True
    first = nxt[0]
    if first.islower() or first in ",;:-–—)":
        return False  # '?" he said', '... and', 'p.m. today'
    punct = text[punct_start:punct_end]
    if not punct.startswith(".") or len(punct.rstrip(_CLOSERS)) > 1:
        return True  # '!' and '?' and '...' end sentences before a capital
    if punct.rstrip(_CLOSERS) != punct:
        return True  # '."' closes a quoted sentence
    word_match = _WORD_BEFORE.search(text, max(0, punct_start - 40), punct_start)
    word = word_match.group(1) if word_match else ""
    if word.isdigit() and _starts_line(text, punct_start - len(word)):
        return False  # a list number: "8. Jack Pierce"
    return _ends_sentence_after(word, nxt)


def _starts_line(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n"


def _ends_sentence_after(word: str, next_word: str) -> bool:
    """Whether a full stop after ``word`` ends the sentence, given the next word."""
    bare = word.lower().strip(".'’-")
    if bare in NEVER_FINAL:
        return False
    if len(bare) == 1 and word[:1].isupper():
        return False  # an initial: "John F. Kennedy"
    is_initialism = "." in bare or (bare in {"am", "pm"} and "." in word)
    if is_initialism or bare in AMBIGUOUS_FINAL:
        return _starter(next_word)
    return True


def _starter(word: str) -> bool:
    cleaned = word.strip(_OPENERS).lower()
    return cleaned in SENTENCE_STARTERS or word[:1] in _OPENERS


def _next_word(text: str, pos: int, line_end: int) -> str | None:
    i = pos
    while i < line_end and text[i].isspace():
        i += 1
    if i >= line_end:
        return None
    j = i
    while j < line_end and not text[j].isspace():
        j += 1
    return text[i:j]


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
