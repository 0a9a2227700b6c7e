"""The type of each name, learned: person, organisation, place, other, or no name at all.

spaCy's small model types a name from a few words around it; a story says more.
This gradient-boosted classifier reads, for each candidate name, spaCy's label
and how spaCy labelled the same name elsewhere in the story, whether it is the
surname of a person named in full, its shape (capitals, initials), the words
around it and the line it stands in (a results table, a headline). It is trained
by ``newsdigest train cast`` (:mod:`newsdigest.train.cast`) on part of CoNLL-2003 dev
and shipped with the package; the features are cheap walks over the Doc.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsdigest.cast._mention import Mention, name_key, word_key
from newsdigest.cast.headlines import cut_to_known, headline_tokens
from newsdigest.cast.roles import is_title_word

CLASSES = ("NONE", "PERSON", "ORG", "LOC", "MISC")
SPACY_LABELS = (
    "",
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "FAC",
    "NORP",
    "EVENT",
    "PRODUCT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)
GROUPS = {"PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 2, "FAC": 2}
POS_TAGS = (
    "PROPN",
    "NOUN",
    "ADJ",
    "VERB",
    "AUX",
    "ADP",
    "DET",
    "NUM",
    "PUNCT",
    "SPACE",
    "CCONJ",
    "PRON",
    "ADV",
    "X",
    "SYM",
    "PART",
    "INTJ",
    "SCONJ",
)
MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_FILE = MODEL_DIR / "labeller.lgb"
VOCAB_FILE = MODEL_DIR / "labeller.json"
MAX_RUN = 5
# Context words kept as features: the most frequent ones in the training stories.
VOCAB_SIZE = 150


@dataclass(frozen=True, slots=True)
class Vocab:
    """Frequent context words, each mapped to a small integer (0 = any other word)."""

    words: dict[str, int]

    def id(self, word: str) -> int:
        return self.words.get(word, 0)

    @classmethod
    def build(cls, counts: Counter[str]) -> Vocab:
        """The ``VOCAB_SIZE`` most common words of the training candidates' contexts."""
        common = [w for w, _ in counts.most_common(VOCAB_SIZE)]
        return cls({w: i for i, w in enumerate(common, start=1)})


def candidates(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """The repaired mentions, and runs of capitalised words that spaCy left untyped.

    A run stops at a title word ("City Councilor Denzil Minnan-Wong" gives "City" and
    "Denzil Minnan-Wong"), joins words linked by an unspaced hyphen, and ends with a
    name of its own when its last two words are a given name and a known surname. In a
    headline, a candidate is cut to the names of the body it holds (:mod:`.headlines`).
    """
    covered = [False] * len(doc)
    for m in mentions:
        if m.found:
            for i in range(m.start, m.end):
                covered[i] = True
    surnames = {
        word_key(doc[m.end - 1]) for m in mentions if m.found == "PERSON" and m.end - m.start > 1
    }
    runs: list[Mention] = []
    i = 0
    while i < len(doc):
        if covered[i] or not _may_start_name(doc[i]) or is_title_word(doc[i]):
            i += 1
            continue
        end = _run_end(doc, i, covered)
        if end - i > 2 and word_key(doc[end - 1]) in surnames:
            # "Public Prosecutions Alison Saunders": a known surname and its given name.
            runs.append(Mention(i, end - 2, "", found=""))
            i = end - 2
        runs.append(Mention(i, end, "", found=""))
        i = end
    return cut_to_known(doc, _merged(mentions, runs), headline_tokens(doc))


def _merged(mentions: list[Mention], runs: list[Mention]) -> list[Mention]:
    """Runs and mentions, without overlaps: a run that holds recovered names and more wins."""
    owner = {i: m for m in mentions for i in range(m.start, m.end)}
    dropped: set[int] = set()
    kept = [m for m in runs if not any(i in owner for i in range(m.start, m.end))]
    for run in runs:
        inside = {id(owner[i]): owner[i] for i in range(run.start, run.end) if i in owner}
        if not inside:
            continue
        contained = all(run.start <= m.start and m.end <= run.end for m in inside.values())
        longer = run.end - run.start > sum(m.end - m.start for m in inside.values())
        if contained and longer:
            kept.append(run)
            dropped.update(inside)
    return sorted([*(m for m in mentions if id(m) not in dropped), *kept], key=lambda m: m.start)


def _run_end(doc: Any, i: int, covered: list[bool]) -> int:
    end = i + 1
    while end < len(doc) and end - i < MAX_RUN and not covered[end]:
        token = doc[end]
        if _continues(token) and not is_title_word(token):
            end += 1
        elif _joins(doc, end) and not covered[end + 1]:
            end += 2
        else:
            break
    return end


def _joins(doc: Any, i: int) -> bool:
    """An unspaced hyphen between two capitalised words ("Minnan-Wong")."""
    return (
        doc[i].text == "-"
        and i + 1 < len(doc)
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and _continues(doc[i + 1])
    )


def _may_start_name(token: Any) -> bool:
    return (
        bool(token.text[:1].isupper())
        and token.is_alpha
        and not (token.is_sent_start and (token.is_stop or token.pos_ in ("ADV", "VERB", "AUX")))
    )


def _continues(token: Any) -> bool:
    return bool(token.text[:1].isupper()) and (token.is_alpha or token.text.endswith("."))


class _DocFacts:
    """What the whole story says about names: spaCy's votes per name, surnames, lines."""

    def __init__(self, doc: Any, mentions: list[Mention]) -> None:
        self.votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        self.counts: Counter[tuple[str, ...]] = Counter()
        self.surnames: set[str] = set()
        self.given: set[str] = set()
        for m in mentions:
            key = name_key(doc, m)
            self.counts[key] += 1
            if m.found:
                self.votes[key][m.found] += 1
            if m.found == "PERSON" and len(key) > 1:
                self.surnames.add(key[-1])
                self.given.add(key[0])
        self.line_of: list[int] = []
        lines: list[list[Any]] = [[]]
        for token in doc:
            self.line_of.append(len(lines) - 1)
            lines[-1].append(token)
            if "\n" in token.text or "\n" in token.whitespace_:
                lines.append([])
        self.lines = [_line_stats(line) for line in lines]
        words = [t for t in doc if not t.is_space]
        self.digit_share = sum(t.like_num for t in words) / max(1, len(words))


def _line_stats(line: list[Any]) -> tuple[float, float, int]:
    words = [t for t in line if not t.is_space]
    if not words:
        return 0.0, 0.0, 0
    digits = sum(t.like_num for t in words) / len(words)
    alpha = [t for t in words if t.is_alpha]
    caps = sum(t.is_upper for t in alpha) / max(1, len(alpha))
    return digits, caps, len(words)


def context_words(doc: Any, m: Mention) -> tuple[str, str, str]:
    """The word before, the word after, and the syntactic head of a candidate (lower case)."""
    prev = doc[m.start - 1].lower_ if m.start > 0 else "<s>"
    nxt = doc[m.end].lower_ if m.end < len(doc) else "</s>"
    root = doc.span(m.start, m.end).root
    head = root.head.lower_ if root.head.i != root.i else "<root>"
    return prev, nxt, head


def features(doc: Any, cands: list[Mention], vocab: Vocab, facts: _DocFacts) -> list[list[float]]:
    """One row of numbers per candidate (see the module docstring)."""
    return [_row(doc, m, vocab, facts) for m in cands]


def doc_facts(doc: Any, cands: list[Mention]) -> _DocFacts:
    """The story-wide facts the features read."""
    return _DocFacts(doc, cands)


def _row(doc: Any, m: Mention, vocab: Vocab, facts: _DocFacts) -> list[float]:
    words = doc[m.start : m.end]
    key = name_key(doc, m)
    votes = facts.votes.get(key, Counter())
    total = sum(votes.values())
    grouped = [0.0, 0.0, 0.0, 0.0]
    for label, n in votes.items():
        grouped[GROUPS.get(label, 3)] += n / total
    first, last = words[0], words[-1]
    prev, nxt, head = context_words(doc, m)
    line = facts.line_of[m.start]
    digits, caps, length = facts.lines[line]
    before = doc[m.start - 1] if m.start > 0 else None
    after = doc[m.end] if m.end < len(doc) else None
    alpha = [t for t in words if t.is_alpha]
    return [
        float(SPACY_LABELS.index(m.found) if m.found in SPACY_LABELS else 0),
        *grouped,
        float(total),
        float(facts.counts[key]),
        float(len(key) == 1 and key[0] in facts.surnames),
        float(len(key) == 1 and key[0] in facts.given),
        float(len(key) > 1 and key[-1] in facts.surnames),
        float(len(words)),
        float(bool(alpha) and all(t.is_upper for t in alpha)),
        float(all(t.is_title or not t.is_alpha for t in words)),
        float(any(len(t.text) == 2 and t.text.endswith(".") for t in words)),
        float(sum(t.is_lower for t in words)),
        float(any("-" in t.text for t in words)),
        float(first.is_sent_start),
        float(before is None or "\n" in before.text or "\n" in before.whitespace_),
        float(after is not None and after.like_num),
        float(before is not None and before.like_num),
        digits,
        caps,
        float(min(length, 40)),
        facts.digit_share,
        float(POS_TAGS.index(first.pos_) if first.pos_ in POS_TAGS else len(POS_TAGS)),
        float(POS_TAGS.index(last.pos_) if last.pos_ in POS_TAGS else len(POS_TAGS)),
        float(vocab.id(prev)),
        float(vocab.id(nxt)),
        float(vocab.id(head)),
        float(vocab.id(last.lower_[-3:])),
        float(len(last.text)),
    ]


# Columns LightGBM treats as categories rather than quantities.
CATEGORICAL = (0, 23, 24, 25, 26, 27, 28)


@lru_cache(maxsize=1)
def _load() -> tuple[Any, Vocab]:
    import lightgbm

    booster = lightgbm.Booster(model_file=str(MODEL_FILE))
    words = json.loads(VOCAB_FILE.read_text(encoding="utf-8"))["words"]
    return booster, Vocab({w: int(i) for w, i in words.items()})


def label_candidates(doc: Any, cands: list[Mention]) -> None:
    """Type every candidate with the shipped model; ``""`` marks one judged not a name.

    doc (spacy.tokens.Doc): the parsed story.
    cands (list[Mention]): from :func:`candidates`; each keeps spaCy's label in ``found``.
    """
    if not cands:
        return
    import numpy as np

    booster, vocab = _load()
    rows = np.array(features(doc, cands, vocab, doc_facts(doc, cands)))
    probs = booster.predict(rows, num_threads=1)
    for m, p in zip(cands, probs, strict=True):
        k = int(np.argmax(p))
        best = CLASSES[k]
        m.label = "" if best == "NONE" else _spacy_label(best, m.found)
        m.confidence = float(p[k])


def _spacy_label(cls: str, found: str) -> str:
    if cls == "PERSON" or cls == "ORG":
        return cls
    if cls == "LOC":
        return found if found in ("GPE", "LOC", "FAC") else "GPE"
    return found if found and GROUPS.get(found) is None else "MISC"
