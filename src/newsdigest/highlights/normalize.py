"""News text as the highlight model sees it: lower-cased, tokenized tokens with offsets.

The model is trained on the CNN/Daily Mail release of the pointer-generator work,
whose text is lower-cased and tokenized in the Penn Treebank manner (``( cnn )``,
``did n't``, ``ford 's``, ``-lrb-``). A story is normalised the same way before it
is scored, so the model sees the same kind of text at training and at run time.
Each token keeps the offsets of the characters it came from, so anything the model
chooses maps back to the exact input.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN = re.compile(
    r"""
      (?:[^\W\d_]\.){2,}            # initialisms: u.s., l.l.
    | \d+(?:[.,:]\d+)*              # numbers: 6,000  3.7  10:30
    | -l[rsc]b-|-r[rsc]b-           # bracket names of the tokenized release
    | \w+(?:['’]\w+)*               # words, with their clitics: didn't, ford's
    | ['’](?:s|re|ve|ll|d|m)\b      # clitics standing alone: 's 're
    | ``|''|--|\.\.\.
    | \S
    """,
    re.VERBOSE,
)
_CLITIC = re.compile(r"(?:n['’]t|['’](?:s|re|ve|ll|d|m))$", re.IGNORECASE)

_SPELLING = {
    "“": '"',
    "”": '"',
    "„": '"',
    "``": '"',
    "''": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "`": "'",
    "—": "--",
    "–": "--",
    "…": "...",
    "-lrb-": "(",
    "-rrb-": ")",
    "-lsb-": "[",
    "-rsb-": "]",
    "-lcb-": "{",
    "-rcb-": "}",
}

SENTENCE_END = frozenset({".", "!", "?", "..."})
QUOTES = frozenset({'"', "'"})


class Token(NamedTuple):
    """A normalised token and the characters of the input it came from.

    norm (str): the lower-cased, tokenized form.
    start (int): offset of its first character in the input.
    end (int): offset one past its last character.
    """

    norm: str
    start: int
    end: int


def normalise_token(raw: str) -> str:
    """The normalised form of one raw token: lower case, plain quotes, ``--`` dashes."""
    low = raw.lower()
    spelled = _SPELLING.get(low)
    if spelled is not None:
        return spelled
    return low.replace("’", "'") if "’" in low else low


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``, normalised, with offsets into ``text``."""
    stop = len(text) if end is None else end
    spelling = _SPELLING
    tokens: list[Token] = []
    append = tokens.append
    for m in _TOKEN.finditer(text, start, stop):
        raw = m.group()
        low = raw.lower()
        a, b = m.span()
        if "'" in low or "’" in low:
            clitic = _CLITIC.search(low)
            if clitic is not None and clitic.start() > 0:
                cut = clitic.start()
                append(Token(normalise_token(raw[:cut]), a, a + cut))
                append(Token(normalise_token(raw[cut:]), a + cut, b))
                continue
            low = normalise_token(raw)
        append(Token(spelling.get(low, low), a, b))
    return tokens


def words(text: str) -> list[str]:
    """The normalised tokens of a text, without offsets."""
    return [t.norm for t in tokenize(text)]


def split_tokenized(tokens: list[str]) -> list[list[str]]:
    """Sentences of an already tokenized text: a break after ``.``, ``!`` or ``?``.

    A quote mark or bracket right after the stop stays with the sentence when it closes
    one opened there.
    """
    sentences: list[list[str]] = []
    current: list[str] = []
    i = 0
    while i < len(tokens):
        current.append(tokens[i])
        if tokens[i] in SENTENCE_END:
            while i + 1 < len(tokens) and _closes(current, tokens[i + 1]):
                i += 1
                current.append(tokens[i])
            sentences.append(current)
            current = []
        i += 1
    if current:
        sentences.append(current)
    return sentences


def _closes(sentence: list[str], token: str) -> bool:
    if token == '"':
        return sentence.count('"') % 2 == 1
    if token == ")":
        return sentence.count("(") > sentence.count(")")
    if token == "'":
        return sentence.count("'") % 2 == 1
    return False
