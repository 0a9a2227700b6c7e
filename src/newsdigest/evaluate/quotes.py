"""Quote scores against attribution gold, next to two baselines.

Two gold forms are read, told apart by their first record: the Gender Gap Tracker's
(:mod:`.quotes_ggt`: quotes, speaker names, the sources' gender) and PolNeAR's
(:mod:`.quotes_polnear`: direct quotes, speaker spans, indirect speech). The baselines
(:mod:`.quote_baselines`) are quote-mark pairs given the nearest spaCy PERSON, and textacy's
``direct_quotations``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.errors import InputError
from newsdigest.evaluate._gold import in_split, read_jsonl
from newsdigest.evaluate._spans import MIN_OVERLAP, match, overlap
from newsdigest.evaluate.quote_baselines import baseline_quotes, textacy_quotes
from newsdigest.evaluate.quotes_ggt import (
    GgtCounts,
    GgtDocument,
    ggt_document,
    ggt_row,
    ggt_table_lines,
    is_ggt,
    score_ggt,
)
from newsdigest.evaluate.quotes_polnear import (
    GoldDocument,
    GoldQuote,
    QuoteCounts,
    gold_document,
    polnear_row,
    polnear_table_lines,
    score_document,
)
from newsdigest.model import Article, Entity, Quote
from newsdigest.settings import Settings

__all__ = [
    "MIN_OVERLAP",
    "GoldDocument",
    "GoldQuote",
    "QuoteCounts",
    "QuoteReport",
    "evaluate_quotes",
    "gold_document",
    "match",
    "overlap",
    "read_gold",
    "render_report",
    "report_rows",
    "score_document",
]

SYSTEMS = ("newsdigest", "baseline", "textacy")


@dataclass(slots=True)
class QuoteReport:
    """Scores of newsdigest and of the baselines on the same documents.

    form (str): ``polnear`` (counts are :class:`QuoteCounts`) or ``ggt`` (:class:`GgtCounts`).
    systems (dict): counts per system name (``newsdigest``, ``baseline``, ``textacy``).
    """

    documents: int
    split: str
    form: str
    systems: dict[str, Any]


def read_gold(path: Path) -> Iterator[GoldDocument | GgtDocument]:
    """Gold documents of a JSONL file, in the GGT or the PolNeAR form (decided by the first
    record); a malformed line, or one of the other form, raises ``InputError`` naming it."""
    form: bool | None = None
    for number, record in read_jsonl(path):
        try:
            ggt = is_ggt(record)
            if form is not None and ggt != form:
                raise ValueError("GGT and PolNeAR records mixed in one file")
            form = ggt
            yield ggt_document(record, number) if ggt else gold_document(record, number)
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a quote gold record ({exc})") from exc


def evaluate_quotes(
    documents: Iterable[GoldDocument | GgtDocument],
    *,
    splits: Sequence[str] = ("all",),
    settings: Settings | None = None,
) -> list[QuoteReport]:
    """Score newsdigest and the baselines on the gold documents, once per split.

    documents (Iterable[GoldDocument | GgtDocument]): the gold stories, all of one form.
    splits (Sequence[str]): any of ``all``, ``even`` (0-based record index even) and ``odd``;
        each story is parsed once.
    settings (Settings | None): names the spaCy pipeline.
    RETURNS (list[QuoteReport]): one report per split, in the order asked.
    """
    from newsdigest.cast import find_cast
    from newsdigest.quotes import find_quotes

    reports: dict[str, QuoteReport] = {}
    for index, gold in enumerate(documents):
        wanted = [name for name in splits if in_split(index, name)]
        if not wanted:
            continue
        form = "ggt" if isinstance(gold, GgtDocument) else "polnear"
        analysis = Analysis(Article(text=gold.text, id=gold.id), settings)
        cast = find_cast(analysis)
        found: dict[str, tuple[Sequence[Quote], Sequence[Entity]]] = {
            "newsdigest": (find_quotes(analysis, cast), cast),
            "baseline": (baseline_quotes(analysis), ()),
            "textacy": (textacy_quotes(analysis), ()),
        }
        for name in wanted:
            report = reports.setdefault(name, _empty_report(name, form))
            for system, (quotes, people) in found.items():
                counts = report.systems[system]
                if isinstance(gold, GgtDocument):
                    score_ggt(counts, gold, quotes, people, gives_gender=bool(people))
                else:
                    score_document(counts, gold, quotes, tuple(people))
            report.documents += 1
    return [reports.get(name) or _empty_report(name, "polnear") for name in splits]


def _empty_report(split: str, form: str) -> QuoteReport:
    counts: Callable[[], Any] = GgtCounts if form == "ggt" else QuoteCounts
    return QuoteReport(0, split, form, {system: counts() for system in SYSTEMS})


def report_rows(reports: Iterable[QuoteReport]) -> list[dict[str, Any]]:
    """The reports as JSON-ready rows, one per split and system."""
    rows: list[dict[str, Any]] = []
    for report in reports:
        for system, counts in report.systems.items():
            row = {"split": report.split, "documents": report.documents, "system": system}
            if report.form == "ggt":
                rows.append({**row, **ggt_row(counts)})
            else:
                rows.append({**row, **polnear_row(counts)})
    return rows


def render_report(reports: Iterable[QuoteReport], *, source: str) -> str:
    """A plain-text table of the reports."""
    reports = list(reports)
    rows = report_rows(reports)
    if reports and reports[0].form == "ggt":
        lines = [f"quotes: {source} (GGT form)", *ggt_table_lines(rows)]
    else:
        header = f"quotes: {source} (match at character overlap >= {MIN_OVERLAP})"
        lines = [header, *polnear_table_lines(rows)]
    return "\n".join(lines) + "\n"
