"""Named-entity scores: exact span and type against CoNLL-style gold, next to spaCy alone.

The gold file is JSON lines with ``text`` and ``entities`` [{``start``, ``end``,
``label``}] (PER, ORG, LOC, MISC). newsdigest's names are the name mentions of its
cast (pronouns and descriptions such as "the mayor" are not names); spaCy's are its
own entities. Both map PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC and the other name
types (NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE) -> MISC.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.errors import InputError
from newsdigest.evaluate._gold import in_split, prf, read_jsonl
from newsdigest.model import Article
from newsdigest.settings import Settings

GOLD_LABELS = ("PER", "ORG", "LOC", "MISC")
GOLD_TO_CLASS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
TO_GOLD = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
MISC_LABELS = frozenset({"NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE", "MISC"})

Labelled = set[tuple[int, int, str]]


def gold_label(label: str) -> str | None:
    """The CoNLL type of a spaCy/newsdigest label, or None for what is not a name (dates...)."""
    if label in TO_GOLD:
        return TO_GOLD[label]
    return "MISC" if label in MISC_LABELS else None


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives per label."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, predicted: Labelled, gold: Labelled) -> None:
        """Count one document: a prediction is right when span and label both match."""
        for item in predicted:
            (self.tp if item in gold else self.fp)[item[2]] += 1
        for item in gold - predicted:
            self.fn[item[2]] += 1

    def prf(self, label: str) -> tuple[float, float, float]:
        """Precision, recall and F1 (x100) of one label."""
        tp, fp, fn = self.tp[label], self.fp[label], self.fn[label]
        return prf(tp, tp + fp, tp + fn)

    def support(self, label: str) -> int:
        """Number of gold entities of this label."""
        return self.tp[label] + self.fn[label]


@dataclass(slots=True)
class EntityReport:
    """Scores of newsdigest and of spaCy alone on the same documents."""

    documents: int
    split: str
    newsdigest: Counts
    spacy: Counts


def read_gold(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a gold JSONL file; a malformed line raises ``InputError`` naming it.

    path (Path): the file; a missing one raises ``NoInput`` (exit 66).
    """
    for number, record in read_jsonl(path):
        try:
            if not isinstance(record["text"], str) or not isinstance(record["entities"], list):
                raise TypeError("text must be a string and entities a list")
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not an entity gold record ({exc})") from exc
        yield record


def newsdigest_names(analysis: Analysis) -> Labelled:
    """The name mentions of newsdigest's cast, with CoNLL labels."""
    from newsdigest.cast import name_mentions_of

    labelled: Labelled = set()
    for span, label in name_mentions_of(analysis):
        mapped = gold_label(label)
        if mapped is not None:
            labelled.add((span.start, span.end, mapped))
    return labelled


def spacy_names(analysis: Analysis) -> Labelled:
    """spaCy's own entities, with CoNLL labels."""
    labelled: Labelled = set()
    for span, label in analysis.ner:
        mapped = gold_label(label)
        if mapped is not None:
            labelled.add((span.start, span.end, mapped))
    return labelled


def evaluate_entities(
    records: Iterable[dict[str, Any]],
    *,
    splits: Sequence[str] = ("even", "odd", "all"),
    settings: Settings | None = None,
) -> list[EntityReport]:
    """Score newsdigest and spaCy alone on each split, parsing every document once.

    records (Iterable[dict]): gold records (``text``, ``entities``).
    splits (Sequence[str]): of ``all``, ``even`` (the documents the name-type classifier
        was trained on) and ``odd`` (held out).
    settings (Settings | None): names the spaCy pipeline.
    RETURNS (list[EntityReport]): one report per split, in the order asked.
    """
    reports = {split: EntityReport(0, split, Counts(), Counts()) for split in splits}
    for index, record in enumerate(records):
        chosen = [reports[split] for split in splits if in_split(index, split)]
        if not chosen:
            continue
        analysis = Analysis(Article(text=record["text"]), settings)
        gold = {(e["start"], e["end"], e["label"]) for e in record["entities"]}
        ours, base = newsdigest_names(analysis), spacy_names(analysis)
        for report in chosen:
            report.newsdigest.add(ours, gold)
            report.spacy.add(base, gold)
            report.documents += 1
    return [reports[split] for split in splits]


def report_rows(reports: Iterable[EntityReport]) -> list[dict[str, Any]]:
    """The reports as JSON-ready rows: one per split and system, P/R/F1 per label."""
    rows = []
    for report in reports:
        for system, counts in (("newsdigest", report.newsdigest), ("spacy", report.spacy)):
            scores = {}
            for label in GOLD_LABELS:
                p, r, f = counts.prf(label)
                scores[label] = {
                    "p": round(p, 1),
                    "r": round(r, 1),
                    "f1": round(f, 1),
                    "support": counts.support(label),
                }
            rows.append(
                {
                    "split": report.split,
                    "documents": report.documents,
                    "system": system,
                    "scores": scores,
                }
            )
    return rows


def render_report(reports: Iterable[EntityReport], *, source: str) -> str:
    """A plain-text table: F1 (precision/recall) per label, newsdigest beside spaCy alone."""
    lines = [
        f"entities: {source} (exact span and label; PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, "
        "other name types->MISC)",
        f"{'split':<6}{'docs':>5}  {'system':<11}"
        + "".join(f"{label + ' F1 (P/R)':>21}" for label in GOLD_LABELS),
    ]
    for row in report_rows(reports):
        cells = "".join(f"{_cell(row['scores'][label]):>21}" for label in GOLD_LABELS)
        lines.append(f"{row['split']:<6}{row['documents']:>5}  {row['system']:<11}{cells}")
    lines.append(
        "even: the documents the name-type classifier was trained on; odd: held out; "
        "MISC is reported, not a target"
    )
    return "\n".join(lines) + "\n"


def _cell(score: dict[str, float]) -> str:
    return f"{score['f1']:.1f} ({score['p']:.1f}/{score['r']:.1f})"
