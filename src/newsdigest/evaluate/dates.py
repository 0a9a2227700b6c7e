"""Time-expression scores in the manner of TempEval-3, next to spaCy + dateparser.

The gold file is JSON lines with ``text``, ``dct`` (the document creation date, the
reference for relative expressions) and ``timexes`` [{``start``, ``end``, ``type``,
``value``}] (TimeBank + AQUAINT). Each document is digested with its ``dct`` as the
publication date.

What is computed, per system, over all documents of a split:

- system and gold expressions are paired one to one, each gold expression with the
  overlapping system expression that shares the most characters (greedy, largest
  overlap first);
- relaxed extent P/R/F1: a pair counts as a hit (TempEval-3 "relaxed match");
- strict extent P/R/F1: only pairs with exactly the same offsets count;
- value P/R/F1: a pair counts only when its value equals the gold value too, so
  P = right values / system expressions, R = right values / gold expressions. This is
  TempEval-3's value F1 (relaxed F1 times value accuracy over matched pairs);
- type F1 likewise, and value accuracy over the matched pairs.

The baseline is spaCy's DATE and TIME entities, each resolved by dateparser's
``DateDataParser.get_date_data`` against the document date (its ``period`` gives the
grain: day, month or year), as :mod:`newsdigest` did before its own rules.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.errors import InputError
from newsdigest.evaluate._gold import in_split, prf, read_jsonl
from newsdigest.ingest.text import parse_published
from newsdigest.model import Article, DateMention
from newsdigest.settings import Settings

Timex = tuple[int, int, str, str | None]  # start, end, type, value


def read_gold(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a TIMEX3 gold JSONL file; a malformed line raises ``InputError`` naming it."""
    for number, record in read_jsonl(path):
        try:
            record["text"], record["timexes"]
            dct = record.get("dct")
            if dct is not None and not isinstance(dct, str):
                raise TypeError(f"dct is a {type(dct).__name__}, not a date")
            # the document creation time is the publication date, read as the API reads one
            record["published"] = parse_published(dct)
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a TIMEX3 gold record ({exc})") from exc
        yield record


@dataclass(slots=True)
class Scores:
    """Counts of one system over a set of documents."""

    system: int = 0
    gold: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type: int = 0
    seconds: float = 0.0

    def add(self, predicted: list[Timex], gold: list[Timex]) -> None:
        """Pair one document's expressions with the gold ones and count."""
        self.system += len(predicted)
        self.gold += len(gold)
        for p, g in pair_overlapping(predicted, gold):
            self.relaxed += 1
            self.strict += p[:2] == g[:2]
            self.value += p[3] == g[3]
            self.type += p[2] == g[2]

    def f1(self, hits: int) -> tuple[float, float, float]:
        """Precision, recall and F1 (x100) for a number of hits."""
        return prf(hits, self.system, self.gold)

    def value_accuracy(self) -> float:
        """Right values over matched pairs (x100)."""
        return 100 * self.value / self.relaxed if self.relaxed else 0.0


def pair_overlapping(
    predicted: Sequence[Timex], gold: Sequence[Timex]
) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping expressions, largest shared extent first."""
    options = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = min(p[1], g[1]) - max(p[0], g[0])
            if shared > 0:
                options.append((-shared, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(options):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((predicted[i], gold[j]))
    return pairs


@dataclass(slots=True)
class DateReport:
    """Scores of newsdigest and of the baseline on each split."""

    documents: dict[str, int] = field(default_factory=dict)
    newsdigest: dict[str, Scores] = field(default_factory=dict)
    baseline: dict[str, Scores] = field(default_factory=dict)


def newsdigest_timexes(analysis: Analysis) -> list[Timex]:
    """newsdigest's time expressions."""
    from newsdigest.dates import find_dates

    return [_timex(m) for m in find_dates(analysis)]


def baseline_timexes(analysis: Analysis) -> list[Timex]:
    """spaCy's DATE and TIME entities resolved by dateparser."""
    from newsdigest.dates.baseline import spacy_dateparser_dates

    return [_timex(m) for m in spacy_dateparser_dates(analysis)]


def _timex(mention: DateMention) -> Timex:
    return (mention.span.start, mention.span.end, mention.type, mention.value)


def evaluate_dates(
    records: Iterable[dict[str, Any]],
    *,
    splits: tuple[str, ...] = ("even", "odd", "all"),
    baseline: bool = True,
    settings: Settings | None = None,
) -> DateReport:
    """Score newsdigest (and the baseline) on every split of the records.

    records (Iterable[dict]): gold records as :func:`read_gold` gives them.
    splits (tuple[str, ...]): which of ``all``, ``even`` (tuned on), ``odd`` (held out).
    baseline (bool): also score spaCy + dateparser (needs spaCy; slower).
    settings (Settings | None): names the spaCy pipeline of the baseline.
    RETURNS (DateReport): the counts per split and system.
    """
    report = DateReport()
    systems: list[tuple[dict[str, Scores], Callable[[Analysis], list[Timex]]]] = [
        (report.newsdigest, newsdigest_timexes)
    ]
    if baseline:
        systems.append((report.baseline, baseline_timexes))
    for split in splits:
        report.documents[split] = 0
        for scores, _ in systems:
            scores[split] = Scores()
    for index, record in enumerate(records):
        article = Article(text=record["text"], published=record["published"])
        gold = [(t["start"], t["end"], t["type"], t["value"]) for t in record["timexes"]]
        analysis = Analysis(article, settings)
        found = []
        for scores, run in systems:
            started = time.perf_counter()
            predicted = run(analysis)
            found.append((scores, predicted, time.perf_counter() - started))
        for split in splits:
            if not in_split(index, split):
                continue
            report.documents[split] += 1
            for scores, predicted, seconds in found:
                scores[split].add(predicted, gold)
                scores[split].seconds += seconds
    return report


SYSTEM_NAMES = {"newsdigest": "newsdigest", "baseline": "spaCy DATE/TIME + dateparser"}
SPLIT_NOTES = {
    "even": "even (documents 0, 2, 4, ...: the rules were tuned on these)",
    "odd": "odd (documents 1, 3, 5, ...: held out)",
    "all": "all",
}


def report_rows(report: DateReport) -> list[dict[str, Any]]:
    """One row of figures per split and system, as plain data (for JSON output)."""
    rows = []
    for split, documents in report.documents.items():
        for key, scores in (("newsdigest", report.newsdigest), ("baseline", report.baseline)):
            if split not in scores:
                continue
            s = scores[split]
            rows.append(
                {
                    "split": split,
                    "system": SYSTEM_NAMES[key],
                    "documents": documents,
                    "gold": s.gold,
                    "found": s.system,
                    "relaxed": _rounded(s.f1(s.relaxed)),
                    "strict": _rounded(s.f1(s.strict)),
                    "value": _rounded(s.f1(s.value)),
                    "type": _rounded(s.f1(s.type)),
                    "value_accuracy": round(s.value_accuracy(), 1),
                    "ms_per_document": round(1000 * s.seconds / documents, 2) if documents else 0,
                }
            )
    return rows


def _rounded(prf: tuple[float, float, float]) -> dict[str, float]:
    return {"p": round(prf[0], 1), "r": round(prf[1], 1), "f1": round(prf[2], 1)}


def render_report(report: DateReport, *, source: str) -> str:
    """The scores as a plain-text table, with the split and what each column means."""
    lines = [
        f"TIMEX3 scores on {source} (TempEval-3 style, x100)",
        "relaxed/strict: extent overlap/exact match P R F1; value: P R F1 counting a match"
        " only when the value is right too (TempEval-3 value F1); acc: value accuracy over"
        " matched; ms/doc: time per document (the baseline's includes spaCy).",
        "",
        f"{'split':6} {'docs':>4} {'system':29} {'relaxed P/R/F1':>17} {'strict':>6} "
        f"{'value P/R/F1':>17} {'acc':>5} {'type':>5} {'ms/doc':>7}",
    ]
    for row in report_rows(report):
        relaxed, value = row["relaxed"], row["value"]
        lines.append(
            f"{row['split']:6} {row['documents']:>4} {row['system']:29} "
            f"{relaxed['p']:5.1f} {relaxed['r']:5.1f} {relaxed['f1']:5.1f} "
            f"{row['strict']['f1']:6.1f} "
            f"{value['p']:5.1f} {value['r']:5.1f} {value['f1']:5.1f} "
            f"{row['value_accuracy']:5.1f} {row['type']['f1']:5.1f} {row['ms_per_document']:7.2f}"
        )
    lines.append("")
    lines.extend(f"split {SPLIT_NOTES[s]}" for s in report.documents)
    return "\n".join(lines)
