"""Paragraphs and sentences of news text, as spans, without a statistical model.

A rule splitter is used rather than spaCy's parser because the highlights need
sentences at hundreds of stories a second, and because news punctuation has
regular habits a rule can follow: quotes closed after the full stop (``."``),
``?" he said`` continuing the sentence, titles and initialisms (``Gov.``,
``U.S.``, ``3 p.m.``), backtick quotes and headlines without a full stop.

Letter case is the strongest clue (a stop before a capital), so text without it
(all lower case or ALL CAPS) is recognised first and split by rules that do without.
When it is also tokenized (``he said . the``, ``did n't``, `` `` `` and ``''``, as in
the CNN/Daily Mail training release), a stop that stands as a token of its own ends a
sentence, one attached to a word (``mr.``, ``u.s.``) never does, and a closing quote or
bracket standing after the stop stays with its sentence. Cased text, tokenized or not,
is split by the case rules.
``benchmarks/sentences.py`` compares it with spaCy and sentencex, in every casing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdigest.lexicon import verb_forms, words
from newsdigest.model import Span

NEVER_FINAL = words("abbreviations")
AMBIGUOUS_FINAL = words("ambiguous_abbreviations")
SENTENCE_STARTERS = words("sentence_starters")
# '?" he said' goes on after the quote; without letter case only these words tell so.
_SPEECH = verb_forms("speech_verbs")
_SPEAKERS = frozenset("he she they i we you it".split())

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«([`"
# A run of sentence punctuation, optional closing quotes/brackets, then white space.
_CANDIDATE = re.compile(r"(?:[.!?]+|…)[\"'”’»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)\W*$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_SPACED_STOP = re.compile(r"(?<=\w) [.,;:?!](?=\s|$)")
_ATTACHED_STOP = re.compile(r"(?<=\w)[.,;:?!](?=\s|$)")
_STYLE_SAMPLE = 20_000
MIN_CASE_LETTERS = 40


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
    """Sentence spans of a whole text, in order, trimmed, never crossing a line break.

    text (str): the story, in any casing, tokenized or not.
    RETURNS (list[Span]): the sentences.
    """
    caseless, tokenized = text_style(text)
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        if caseless:
            pieces = _split_line_without_case(text, line.start(), line.end(), tokenized)
        else:
            pieces = _split_line(text, line.start(), line.end())
        for start, end in pieces:
            _append_trimmed(spans, text, start, end)
    return spans


def text_style(text: str) -> tuple[bool, bool]:
    """Whether a text lacks letter case (all lower or ALL CAPS), and whether it is tokenized.

    text (str): the story.
    RETURNS (tuple[bool, bool]): (caseless, tokenized). A text with too few letters to
        tell counts as cased; tokenized text has more stops and commas standing alone
        (``said . the``) than attached to a word.
    """
    sample = text[:_STYLE_SAMPLE]
    upper = len(_UPPER.findall(sample))
    lower = len(_LOWER.findall(sample))
    letters = upper + lower
    caseless = letters >= MIN_CASE_LETTERS and (upper * 200 <= letters or lower * 20 <= letters)
    spaced = len(_SPACED_STOP.findall(sample))
    tokenized = spaced >= 2 and spaced > len(_ATTACHED_STOP.findall(sample))
    return caseless, tokenized


def _split_line(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for match in _CANDIDATE.finditer(text, start, end):
        if _is_boundary(text, match.start(), match.end(), end):
            yield start, match.end()
            start = match.end()
    yield start, end


def _split_line_without_case(
    text: str, start: int, end: int, tokenized: bool
) -> Iterator[tuple[int, int]]:
    line_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        if match.start() < start:
            continue  # inside closers already taken into the sentence before
        stop = _after_closers(text, line_start, match.end(), end) if tokenized else match.end()
        if _is_caseless_boundary(text, match.start(), match.end(), stop, end, tokenized):
            yield start, stop
            start = stop
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


def _is_caseless_boundary(
    text: str, punct_start: int, punct_end: int, stop: int, line_end: int, tokenized: bool
) -> bool:
    """Whether a stop ends a sentence where letter case cannot tell.

    ``stop`` is where the sentence would end: after the punctuation and, in tokenized
    text, after the closing quotes and brackets standing as tokens after it.
    """
    nxt = _next_word(text, stop, line_end)
    if nxt is None:
        return True
    if nxt[0] in ",;:)" or nxt.rstrip("-–—") == "":
        return False  # '. , and', '. -- and'
    punct = text[punct_start:punct_end]
    core = punct.rstrip(_CLOSERS)
    quoted = core != punct or stop > punct_end
    if quoted and _attribution_at(text, stop, line_end):
        return False  # '?" he said'
    if not core.startswith("."):
        return True  # '!' and '?'
    if len(core) > 1:
        return False  # '...' trails off inside a sentence as often as it ends one
    if tokenized:
        # A stop of its own ends the sentence; "mr." and "u.s." keep theirs attached.
        return punct_start == 0 or text[punct_start - 1].isspace()
    if quoted:
        return True  # '."' closes a quoted sentence
    word_match = _WORD_BEFORE.search(text, max(0, punct_start - 40), punct_start)
    word = word_match.group(1) if word_match else ""
    if word.isdigit() and _starts_line(text, punct_start - len(word)):
        return False  # a list number: "8. jack pierce"
    bare = word.lower().strip(".'’-")
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: "john f. kennedy"
    if not any(c.isalpha() for c in bare):
        return True  # a number: "rose to 51.9. traders said"
    return _ends_sentence_after(word, nxt)


_CLOSING_TOKENS = frozenset({"''", "”", "’", "»", "-rrb-", "-rsb-", "-rcb-"})
_PAIRED = {")": "(", "]": "[", "-rrb-": "-lrb-", "-rsb-": "-lsb-"}


def _after_closers(text: str, line_start: int, pos: int, line_end: int) -> int:
    """Past the closing quotes and brackets that stand as tokens after a stop.

    A quote mark closes when one is open on the line: a quote often runs over sentences.
    """
    while True:
        nxt = _next_word(text, pos, line_end)
        if nxt is None:
            return pos
        sentence = text[line_start:pos].split()
        if nxt in _PAIRED:
            closes = sentence.count(_PAIRED[nxt]) > sentence.count(nxt)
        elif nxt in ('"', "'"):
            closes = sentence.count(nxt) % 2 == 1
        else:
            closes = nxt in _CLOSING_TOKENS
        if not closes:
            return pos
        pos = text.index(nxt, pos) + len(nxt)


def _attribution_at(text: str, pos: int, line_end: int) -> bool:
    """Whether the words at ``pos`` attribute what came before: 'said the officer', 'he said'."""
    first = _next_word(text, pos, line_end)
    if first is None:
        return False
    if first.lower() in _SPEECH:
        return True
    if first.lower() not in _SPEAKERS:
        return False
    after = text.index(first, pos) + len(first)
    second = _next_word(text, after, line_end)
    return second is not None and second.lower().rstrip(".,") in _SPEECH


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
    span = trimmed_span(text, start, end)
    if span is not None:
        spans.append(span)


def trimmed_span(text: str, start: int, end: int) -> Span | None:
    """The span of ``text[start:end]`` without white space at either end, or None if blank."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None
