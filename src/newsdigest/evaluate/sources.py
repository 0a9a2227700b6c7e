"""Who gets quoted: per-outlet share of women among quoted people, against the gold counts.

The gold file (Gender Gap Tracker) holds per article its ``outlet`` and the names of the
quoted people by gender (``sources_female``, ``sources_male``). An outlet's gold share is
its women over its women and men, summed over its articles; newsdigest's is the same
count over its own quoted people (:mod:`newsdigest.corpus.sources`), whose gender is what
the story states. The figure is the mean absolute error of the shares, in points, over the
outlets both give a share for.

The baseline counts every person of the cast whose story states a gender, quoted or not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdigest.corpus.sources import count_sources, source_rows, speakers
from newsdigest.errors import InputError
from newsdigest.evaluate._gold import in_split, read_jsonl
from newsdigest.model import Article, Digest
from newsdigest.settings import Settings


@dataclass(frozen=True, slots=True)
class OutletShare:
    """One outlet: gold and predicted share of women (x100, None when no gender is known)."""

    outlet: str
    articles: int
    gold: float | None
    newsdigest: float | None
    baseline: float | None
    quoted: int
    gold_quoted: int
    unknown: int


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The records of a GGT-style file; one without ``id``/``outlet``/``text`` fails."""
    records = []
    for number, record in read_jsonl(path):
        if not all(isinstance(record.get(k), str) for k in ("id", "outlet", "text")):
            raise InputError(f"{path}:{number}: a record needs id, outlet and text strings")
        records.append(record)
    return records


def digest_records(records: Sequence[dict[str, Any]], settings: Settings) -> dict[str, Digest]:
    """Each record's digest (cast and quotes), by id."""
    from newsdigest.ingest.text import article_from_text
    from newsdigest.pipeline import Pipeline

    pipeline = Pipeline(settings)
    articles: list[Article | Exception] = [
        article_from_text(r["text"], published=_day(r)) for r in records
    ]
    digests = pipeline.pipe(articles, only=("entities", "quotes"))
    return {r["id"]: d for r, d in zip(records, digests, strict=True)}


def _day(record: Mapping[str, Any]) -> str | None:
    stamp = record.get("objectid_time_utc")
    return str(stamp)[:10] if stamp else None


def _share(female: int, male: int) -> float | None:
    return 100 * female / (female + male) if female + male else None


def outlet_shares(
    records: Sequence[dict[str, Any]], digests: Mapping[str, Digest]
) -> list[OutletShare]:
    """Gold, newsdigest and baseline shares of women among the quoted, per outlet."""
    rows = []
    gold: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    base: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in records:
        outlet = r["outlet"]
        g = gold[outlet]
        g[0] += len(r.get("sources_female") or [])
        g[1] += len(r.get("sources_male") or [])
        g[2] += 1
        digest = digests[r["id"]]
        rows += source_rows(
            speakers(digest),
            story_id=r["id"],
            corpus_ids={},
            cluster_id="",
            outlet=outlet,
            published=None,
        )
        for e in digest.entities:
            if e.type == "PERSON" and e.gender:
                base[outlet][0 if e.gender == "female" else 1] += 1
    counted = {row["outlet"]: row for row in count_sources(rows, by="outlet")}
    out = []
    for outlet in sorted(gold):
        ours = counted.get(outlet)
        f, m, n = gold[outlet]
        out.append(
            OutletShare(
                outlet=outlet,
                articles=n,
                gold=_share(f, m),
                newsdigest=_share(ours["female"], ours["male"]) if ours else None,
                baseline=_share(*base[outlet]),
                quoted=ours["quoted_people"] if ours else 0,
                gold_quoted=f + m,
                unknown=ours["unknown"] if ours else 0,
            )
        )
    return out


def mean_error(shares: Iterable[OutletShare], system: str) -> tuple[float | None, int]:
    """Mean absolute error (points) of a system's shares, and the outlets it could be taken on.

    An outlet the system gives no share for (no gender known) counts at the gold share:
    as if it had said 0%.
    """
    errors = []
    for s in shares:
        if s.gold is None:
            continue
        mine = getattr(s, system)
        errors.append(abs((mine if mine is not None else 0.0) - s.gold))
    return (sum(errors) / len(errors) if errors else None), len(errors)


def evaluate_sources(
    records: Sequence[dict[str, Any]], digests: Mapping[str, Digest], split: str = "all"
) -> list[OutletShare]:
    """Per-outlet shares over the records of one split (even, odd or all)."""
    chosen = [r for i, r in enumerate(records) if in_split(i, split)]
    return outlet_shares(chosen, digests)


def report_rows(by_split: Mapping[str, list[OutletShare]]) -> list[dict[str, Any]]:
    """JSON rows: one per split and outlet, then the errors."""
    out: list[dict[str, Any]] = []
    for split, shares in by_split.items():
        for s in shares:
            out.append(
                {
                    "split": split,
                    "outlet": s.outlet,
                    "articles": s.articles,
                    "gold_share": _round(s.gold),
                    "newsdigest_share": _round(s.newsdigest),
                    "baseline_share": _round(s.baseline),
                    "quoted": s.quoted,
                    "unknown_gender": s.unknown,
                    "gold_quoted": s.gold_quoted,
                }
            )
        for system in ("newsdigest", "baseline"):
            mae, n = mean_error(shares, system)
            out.append({"split": split, "system": system, "mae": _round(mae), "outlets": n})
    return out


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def render_report(by_split: Mapping[str, list[OutletShare]], *, source: str) -> str:
    """A table per split: each outlet's shares, then each system's mean absolute error."""
    lines = [f"Who gets quoted: share of women among quoted people, per outlet ({source})"]
    for split, shares in by_split.items():
        lines += [
            "",
            f"[{split}]",
            f"{'outlet':<18} {'art':>4} {'gold':>6} {'ours':>6} {'base':>6} "
            f"{'quoted':>7} {'unknown':>8}",
        ]
        for s in shares:
            lines.append(
                f"{s.outlet:<18} {s.articles:>4} {_fmt(s.gold)} {_fmt(s.newsdigest)} "
                f"{_fmt(s.baseline)} {s.quoted:>7} {s.unknown:>8}"
            )
        for system in ("newsdigest", "baseline"):
            mae, n = mean_error(shares, system)
            lines.append(
                f"{system}: mean absolute error {_fmt(mae).strip()} points over {n} outlets"
            )
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return f"{value:>6.1f}" if value is not None else f"{'-':>6}"
