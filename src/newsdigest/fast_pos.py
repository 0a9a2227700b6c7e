"""Coarse part-of-speech tags from the fine ones, as the pipeline's attribute ruler sets them,
in a few array operations instead of one Python call per token.

spaCy's English pipelines set ``Token.pos`` with an ``attribute_ruler``: one pattern per
fine tag (``{"TAG": "NN"}`` gives ``NOUN``) and exceptions that also look at the word, the
dependency or the next word (``"that"`` tagged ``WDT`` is a ``PRON``). newsdigest reads only
``pos`` of what that component sets, so :class:`PosFromTags` applies the same patterns, in
the same order (a later pattern wins), to whole columns of the Doc at once. Patterns that
set no ``POS`` are skipped, and so are the ruler's ``MORPH`` and ``LEMMA`` values, which no
stage reads. ``nlp.load_pipeline`` swaps it in; a test checks that ``pos`` is the same as the
ruler's on every development document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

# The token attributes a pattern may test, with the Doc column that holds each.
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_ORDER = (TAG, LOWER, DEP, IS_SPACE)
# Distinct token columns whose verdict is kept (a few MB); the store starts again when full.
MAX_VERDICTS = 200_000


class UnsupportedPattern(ValueError):
    """A ruler pattern this component cannot apply column-wise (the ruler is kept then)."""


@Language.factory("newsdigest_pos", default_config={"patterns": []})
def make_pos_from_tags(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> PosFromTags:
    """The component, given the patterns of the attribute ruler it stands in for."""
    return PosFromTags(nlp.vocab, patterns)


class _Rule:
    """One pattern that sets POS: per token of the pattern, the values each column must have.

    order (int): its place among the patterns; of the rules that match a token, the last wins.
    """

    def __init__(
        self, vocab: Vocab, pattern: Sequence[Mapping[str, Any]], index: int, pos: str, order: int
    ):
        self.tests: list[list[tuple[int, np.ndarray, bool]]] = [
            [(_column_of(key), *_values(vocab, key, value)) for key, value in token.items()]
            for token in pattern
        ]
        self.index = index if index >= 0 else len(pattern) + index
        if not 0 <= self.index < len(pattern):
            raise UnsupportedPattern(f"index {index} outside a pattern of {len(pattern)}")
        self.pos = vocab.strings.add(pos)
        self.order = order
        self._first = [
            (_ORDER.index(column), frozenset(values.tolist()), inverted)
            for column, values, inverted in self.tests[0]
        ]

    def accepts(self, key: tuple[int, ...]) -> bool:
        """Whether the rule's first token matches a token whose columns (``_ORDER``) are ``key``."""
        return all((key[at] in values) != inverted for at, values, inverted in self._first)

    def may_accept_tag(self, tag: int) -> bool:
        """Whether a token with this fine tag can match the rule's first token."""
        return all((tag in values) != inverted for at, values, inverted in self._first if at == 0)

    def matches(self, columns: dict[int, np.ndarray], length: int) -> np.ndarray:
        """A mask of the tokens this rule sets: the tokens at ``index`` of every match."""
        width = len(self.tests)
        if length < width:
            return np.zeros(length, dtype=bool)
        found = np.ones(length - width + 1, dtype=bool)
        for offset, tests in enumerate(self.tests):
            for column, values, inverted in tests:
                window = columns[column][offset : length - width + 1 + offset]
                found &= np.isin(window, values, invert=inverted)
        mask = np.zeros(length, dtype=bool)
        mask[self.index : self.index + found.size] = found
        return mask


class PosFromTags:
    """Sets ``Token.pos`` from the fine tags (and exceptions) of an attribute ruler's patterns.

    A one-token pattern depends only on the token's own columns, so its verdict is kept per
    distinct combination of them (a story repeats a few hundred); the few patterns that span
    several tokens are matched over whole columns.

    vocab (Vocab): the pipeline's vocabulary.
    patterns (list[dict]): the ruler's patterns (``AttributeRuler.patterns``), in order.
    """

    def __init__(self, vocab: Vocab, patterns: Iterable[Mapping[str, Any]]) -> None:
        rules = [
            _Rule(vocab, alternative, int(entry.get("index", 0)), str(entry["attrs"]["POS"]), n)
            for n, entry in enumerate(patterns)
            if "POS" in entry["attrs"]
            for alternative in entry["patterns"]
        ]
        self.single = [rule for rule in rules if len(rule.tests) == 1]
        self.multi = [rule for rule in rules if len(rule.tests) > 1]
        self._verdicts: dict[tuple[int, ...], tuple[int, int]] = {}
        self._by_tag: dict[int, list[_Rule]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        table = doc.to_array(list(_ORDER))
        orders = np.full(len(doc), -1, dtype=np.int64)
        pos = doc.to_array([POS]).astype(np.uint64)
        for i, key in enumerate(map(tuple, table.tolist())):
            order, value = self._verdict(key)
            if order >= 0:
                orders[i], pos[i] = order, value
        columns = {attr: table[:, i] for i, attr in enumerate(_ORDER)}
        for rule in self.multi:
            chosen = rule.matches(columns, len(doc)) & (orders < rule.order)
            pos[chosen], orders[chosen] = rule.pos, rule.order
        doc.from_array([POS], pos.reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    def _verdict(self, key: tuple[int, ...]) -> tuple[int, int]:
        """The order and POS of the last one-token rule matching these columns ((-1, 0): none)."""
        found = self._verdicts.get(key)
        if found is None:
            if len(self._verdicts) >= MAX_VERDICTS:  # a long run meets ever new words
                self._verdicts.clear()
            tag = key[0]
            if tag not in self._by_tag:
                self._by_tag[tag] = [rule for rule in self.single if rule.may_accept_tag(tag)]
            matching = [rule for rule in self._by_tag[tag] if rule.accepts(key)]
            last = max(matching, key=lambda rule: rule.order, default=None)
            found = (last.order, last.pos) if last else (-1, 0)
            self._verdicts[key] = found
        return found

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _column_of(key: str) -> int:
    if key not in _COLUMNS:
        raise UnsupportedPattern(f"patterns on {key} are not supported")
    column: int = _COLUMNS[key]
    return column


def _values(vocab: Vocab, key: str, value: Any) -> tuple[np.ndarray, bool]:
    """The column values of a token's ``key`` that the pattern names, and whether the token
    must have one of them (``IN``, a plain value) or none of them (``NOT_IN``)."""
    inverted = False
    if isinstance(value, Mapping):
        if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN"):
            raise UnsupportedPattern(f"operator {sorted(value)} on {key} is not supported")
        inverted = "NOT_IN" in value
        options = list(next(iter(value.values())))
    else:
        options = [value]
    if key == "IS_SPACE":
        return np.array([int(bool(option)) for option in options], dtype=np.uint64), inverted
    ids = [vocab.strings.add(str(option)) if option != "" else 0 for option in options]
    return np.array(ids, dtype=np.uint64), inverted


def use_fast_pos(nlp: Language) -> bool:
    """Put :class:`PosFromTags` in place of the pipeline's attribute ruler where it can.

    RETURNS (bool): whether it was swapped in; a pipeline without an attribute ruler, or
        with a pattern this component cannot apply, is left as it is.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe("attribute_ruler")
    patterns = ruler.patterns
    try:
        PosFromTags(nlp.vocab, patterns)
    except UnsupportedPattern:
        return False
    nlp.replace_pipe("attribute_ruler", "newsdigest_pos", config={"patterns": patterns})
    return True
