"""Highlight scores: ROUGE against reference highlights, next to Lead-3 on the same stories.

The gold file is JSON lines with ``id``, ``article`` (raw text), ``reference`` (one
highlight per line) and optional ``url`` and ``title``. Each article is digested with
only the highlights computed; its bullets, one per line, are scored with the reference
scorer ``rouge-score`` (ROUGE-1, ROUGE-2 and ROUGE-Lsum F1, Porter stemming, Lsum over
newline-separated highlights), as are the story's first three sentences (Lead-3).
The difference to Lead-3 comes with a paired bootstrap 95% interval: articles are
resampled with replacement and the mean difference recomputed each time.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from newsdigest.analysis import Analysis
from newsdigest.errors import InputError
from newsdigest.evaluate._gold import read_jsonl
from newsdigest.highlights import HIGHLIGHTERS
from newsdigest.highlights.titles import title_from_url
from newsdigest.ingest.text import article_from_text
from newsdigest.model import Highlight
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings

METRICS = ("rouge1", "rouge2", "rougeLsum")
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 2013


@dataclass(frozen=True, slots=True)
class Interval:
    """A mean difference with its bootstrap 95% interval, in ROUGE points (x100)."""

    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class HighlightReport:
    """Scores of a system and of Lead-3 on the same articles.

    articles (int): number of articles scored.
    system (dict[str, float]): mean F1 x100 of each metric.
    lead (dict[str, float]): the same for Lead-3.
    difference (dict[str, Interval]): system minus Lead-3, with its interval.
    words (float): mean words per system summary.
    lead_words (float): mean words per Lead-3 summary.
    """

    articles: int
    system: dict[str, float]
    lead: dict[str, float]
    difference: dict[str, Interval]
    words: float
    lead_words: float


def read_gold(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a highlights JSONL file; a malformed line raises ``InputError`` naming it."""
    for number, record in read_jsonl(path):
        if not isinstance(record.get("article"), str):
            raise InputError(f"{path}:{number}: a record needs an 'article' string")
        if not isinstance(record.get("reference"), str):
            raise InputError(f"{path}:{number}: a record needs a 'reference' string")
        yield record


def record_title(record: dict[str, Any], title_from_address: bool) -> str | None:
    """The headline of a record: its ``title``, or the slug of its ``url`` when asked."""
    title = record.get("title")
    if isinstance(title, str) and title.strip():
        return title
    url = record.get("url")
    if title_from_address and isinstance(url, str):
        return title_from_url(url)
    return None


def summarise(
    records: Iterable[dict[str, Any]],
    *,
    settings: Settings,
    title_from_address: bool,
    highlighter: str | None = None,
) -> Iterator[tuple[dict[str, Any], tuple[Highlight, ...], tuple[Highlight, ...]]]:
    """Each record with the system's highlights and Lead-3's, computed in one process."""
    pipeline = Pipeline(settings)
    lead = HIGHLIGHTERS["lead"]()
    chosen = HIGHLIGHTERS[highlighter]() if highlighter else None
    for record in records:
        article = article_from_text(
            record["article"],
            title=record_title(record, title_from_address),
            url=record.get("url") if isinstance(record.get("url"), str) else None,
        )
        if chosen is None:
            system = pipeline(article, only=["highlights"]).highlights
        else:
            system = chosen(
                Analysis(article, settings), count=settings.highlights, max_words=settings.max_words
            )
        baseline = lead(Analysis(article, settings), count=3, max_words=None)
        yield record, system, baseline


def rouge_scores(references: list[str], predictions: list[str]) -> list[dict[str, float]]:
    """ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (x100) of each prediction against its reference."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    rows = []
    for reference, prediction in zip(references, predictions, strict=True):
        scores = scorer.score(reference, prediction)
        rows.append({m: 100 * scores[m].fmeasure for m in METRICS})
    return rows


def paired_bootstrap(
    system: list[float], baseline: list[float], samples: int = BOOTSTRAP_SAMPLES
) -> Interval:
    """Mean of ``system - baseline`` with the 2.5th and 97.5th percentiles of resampled means."""
    diffs = [a - b for a, b in zip(system, baseline, strict=True)]
    n = len(diffs)
    if n == 0:
        return Interval(0.0, 0.0, 0.0)
    rng = random.Random(BOOTSTRAP_SEED)
    means = sorted(sum(diffs[rng.randrange(n)] for _ in range(n)) / n for _ in range(samples))
    return Interval(
        sum(diffs) / n, means[int(0.025 * samples)], means[min(samples - 1, int(0.975 * samples))]
    )


def as_lines(highlights: tuple[Highlight, ...]) -> str:
    """Highlights one per line, as ROUGE-Lsum reads them."""
    return "\n".join(h.text for h in highlights)


def evaluate_highlights(
    records: Iterable[dict[str, Any]],
    *,
    settings: Settings,
    title_from_address: bool = False,
    out: TextIO | None = None,
    highlighter: str | None = None,
) -> HighlightReport:
    """Score the highlights of every record, and Lead-3 beside them.

    records (Iterable[dict]): gold records (``id``, ``article``, ``reference``, ...).
    settings (Settings): the options the highlights are made with.
    title_from_address (bool): use the URL slug as headline where there is no ``title``.
    out (TextIO | None): where to write one ``{"id", "highlights"}`` JSON line per record.
    highlighter (str | None): a registered highlighter to use instead of the default.
    RETURNS (HighlightReport): the mean scores and the difference to Lead-3.
    """
    references, predictions, leads = [], [], []
    for record, system, baseline in summarise(
        records, settings=settings, title_from_address=title_from_address, highlighter=highlighter
    ):
        references.append(record["reference"])
        predictions.append(as_lines(system))
        leads.append(as_lines(baseline))
        if out is not None:
            line = {"id": record.get("id"), "highlights": [h.text for h in system]}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    ours = rouge_scores(references, predictions)
    lead = rouge_scores(references, leads)
    n = len(references)
    if n == 0:
        raise InputError("no records to score")
    return HighlightReport(
        articles=n,
        system={m: sum(r[m] for r in ours) / n for m in METRICS},
        lead={m: sum(r[m] for r in lead) / n for m in METRICS},
        difference={
            m: paired_bootstrap([r[m] for r in ours], [r[m] for r in lead]) for m in METRICS
        },
        words=sum(len(p.split()) for p in predictions) / n,
        lead_words=sum(len(p.split()) for p in leads) / n,
    )


def render_report(report: HighlightReport, *, source: str) -> str:
    """The report as a table for people."""
    lines = [
        f"highlights on {source}: {report.articles} articles, ROUGE F1 x100 (rouge-score, stemmed)",
        f"{'system':<12}{'R1':>8}{'R2':>8}{'RLsum':>8}{'words':>8}",
        _row("newsdigest", report.system, report.words),
        _row("Lead-3", report.lead, report.lead_words),
        "difference to Lead-3, paired bootstrap 95% interval:",
    ]
    for metric, label in zip(METRICS, ("R1", "R2", "RLsum"), strict=True):
        d = report.difference[metric]
        lines.append(f"  {label:<6}{d.mean:+7.2f}  [{d.low:+.2f}, {d.high:+.2f}]")
    return "\n".join(lines)


def report_json(report: HighlightReport) -> dict[str, Any]:
    """The report as JSON-ready data."""
    return {
        "articles": report.articles,
        "system": report.system,
        "lead3": report.lead,
        "words": report.words,
        "lead3_words": report.lead_words,
        "difference": {
            m: {"mean": d.mean, "low": d.low, "high": d.high} for m, d in report.difference.items()
        },
    }


def _row(name: str, scores: dict[str, float], words: float) -> str:
    return f"{name:<12}" + "".join(f"{scores[m]:8.2f}" for m in METRICS) + f"{words:8.1f}"
