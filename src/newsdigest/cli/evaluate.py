"""``newsdigest eval``: score a component against gold data, next to its baseline."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from newsdigest.cli.options import settings_from_options
from newsdigest.extras import require
from newsdigest.settings import DEFAULT_MAX_CHARS, DEFAULT_SPACY_PIPELINE, Settings

F = TypeVar("F", bound=Callable[..., Any])


@click.group("eval")
def eval_group() -> None:
    """Score highlights, entities, quotes or dates against a gold JSONL file."""


def _split_eval_options(func: F) -> F:
    """``--split``, ``--format`` and ``--pipeline``, shared by the split-scored evaluations."""
    options = [
        click.option(
            "--split",
            type=click.Choice(("each", "all", "even", "odd")),
            default="each",
            show_default=True,
            help="Documents to score: even (tuned on), odd (held out), all, or each of them.",
        ),
        click.option(
            "--format",
            "output",
            type=click.Choice(("text", "json")),
            default="text",
            show_default=True,
            help="A table, or JSON rows.",
        ),
        click.option(
            "--pipeline",
            "spacy_pipeline",
            default=DEFAULT_SPACY_PIPELINE,
            show_default=True,
            help="spaCy pipeline to parse with.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _gold_set_option(example: str) -> Callable[[F], F]:
    return click.option(
        "--set",
        "gold_set",
        required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Gold JSONL (e.g. ../shared/data/{example}).",
    )


def _chosen_splits(split: str) -> tuple[str, ...]:
    return ("even", "odd", "all") if split == "each" else (split,)


def _print_report(output: str, rows: Callable[[], Any], table: Callable[[], str]) -> None:
    """Print a report as JSON rows or as a table, as ``--format`` asks."""
    click.echo(json.dumps(rows(), indent=2) if output == "json" else table())


def _pipeline_settings(spacy_pipeline: str) -> Settings:
    return settings_from_options(
        highlights=None, max_words=None, max_chars=DEFAULT_MAX_CHARS, spacy_pipeline=spacy_pipeline
    )


@eval_group.command("dates")
@_gold_set_option("tbaq_timex.jsonl")
@click.option(
    "--baseline/--no-baseline",
    default=True,
    show_default=True,
    help="Also score spaCy DATE/TIME entities resolved by dateparser.",
)
@_split_eval_options
def eval_dates_command(
    gold_set: Path, split: str, baseline: bool, output: str, spacy_pipeline: str
) -> None:
    """Time expressions: extent and TIMEX3 value F1 (TempEval-3 style), beside the baseline."""
    if baseline:
        require("dateparser", purpose="the baseline of newsdigest eval dates (--no-baseline)")
    from newsdigest.evaluate.dates import evaluate_dates, read_gold, render_report, report_rows

    report = evaluate_dates(
        read_gold(gold_set),
        splits=_chosen_splits(split),
        baseline=baseline,
        settings=_pipeline_settings(spacy_pipeline),
    )
    _print_report(
        output, lambda: report_rows(report), lambda: render_report(report, source=gold_set.name)
    )


@eval_group.command("quotes")
@_gold_set_option("polnear_dev.jsonl")
@_split_eval_options
def eval_quotes_command(gold_set: Path, split: str, output: str, spacy_pipeline: str) -> None:
    """Quotes against GGT gold (quote F1, speaker names, sources' gender) or PolNeAR gold
    (direct F1, speaker overlap, indirect recall); baselines: marks + nearest PERSON, textacy."""
    from newsdigest.evaluate.quotes import evaluate_quotes, read_gold, render_report, report_rows

    reports = evaluate_quotes(
        read_gold(gold_set),
        splits=_chosen_splits(split),
        settings=_pipeline_settings(spacy_pipeline),
    )
    _print_report(
        output, lambda: report_rows(reports), lambda: render_report(reports, source=gold_set.name)
    )


@eval_group.command("entities")
@_gold_set_option("conll2003_dev.jsonl")
@_split_eval_options
def eval_entities_command(gold_set: Path, split: str, output: str, spacy_pipeline: str) -> None:
    """Names: exact span and type F1 per PER/ORG/LOC/MISC, beside spaCy's entities alone."""
    from newsdigest.evaluate.entities import (
        evaluate_entities,
        read_gold,
        render_report,
        report_rows,
    )

    reports = evaluate_entities(
        read_gold(gold_set),
        splits=_chosen_splits(split),
        settings=_pipeline_settings(spacy_pipeline),
    )
    _print_report(
        output, lambda: report_rows(reports), lambda: render_report(reports, source=gold_set.name)
    )


@eval_group.command("highlights")
@click.option(
    "--set",
    "gold_set",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Gold JSONL with id, article, reference (e.g. ../shared/data/cnndm_dev.jsonl).",
)
@click.option(
    "--out",
    "out_path",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write one {id, highlights} JSON line per article here.",
)
@click.option(
    "--title-from-url", is_flag=True, help="Use the URL slug as headline where there is no title."
)
@click.option(
    "--highlights",
    "count",
    type=click.IntRange(1, 10),
    default=None,
    help="Number of highlights (default: chosen per story, 3-4).",
)
@click.option(
    "--max-words",
    type=click.IntRange(5, None),
    default=None,
    help="Word budget of all highlights together (default tuned for news).",
)
@click.option(
    "--highlighter",
    type=click.Choice(("learned", "lead")),
    default=None,
    help="Score another highlighter than the default.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="A table, or JSON.",
)
def eval_highlights_command(
    gold_set: Path,
    out_path: Path | None,
    title_from_url: bool,
    count: int | None,
    max_words: int | None,
    highlighter: str | None,
    output: str,
) -> None:
    """Highlights: ROUGE-1/2/Lsum F1 and words, beside Lead-3 with a bootstrap interval."""
    require("rouge_score", purpose="newsdigest eval highlights")
    from newsdigest.evaluate.highlights import (
        evaluate_highlights,
        read_gold,
        render_report,
        report_json,
    )

    settings = settings_from_options(
        highlights=count,
        max_words=max_words,
        max_chars=DEFAULT_MAX_CHARS,
        spacy_pipeline=DEFAULT_SPACY_PIPELINE,
    )
    records = read_gold(gold_set)
    if out_path is None:
        report = evaluate_highlights(
            records, settings=settings, title_from_address=title_from_url, highlighter=highlighter
        )
    else:
        with out_path.open("w", encoding="utf-8") as out:
            report = evaluate_highlights(
                records,
                settings=settings,
                title_from_address=title_from_url,
                out=out,
                highlighter=highlighter,
            )
    _print_report(
        output, lambda: report_json(report), lambda: render_report(report, source=gold_set.name)
    )


_cv_option = click.option(
    "--cv/--no-cv",
    default=True,
    show_default=True,
    help="Also fit on all topics but a group and score each held-out group (slow).",
)
_format_option = click.option(
    "--format",
    "output",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="A table, or JSON rows.",
)


@eval_group.command("clusters")
@_gold_set_option("ecbplus_dev.jsonl")
@_cv_option
@_format_option
def eval_clusters_command(gold_set: Path, cv: bool, output: str) -> None:
    """Story clusters: B-cubed F1 against the event, beside TF-IDF + average link."""
    from newsdigest.evaluate.clusters import (
        digest_records,
        evaluate_clusters,
        read_gold,
        render_report,
        report_rows,
    )

    records = read_gold(gold_set)
    digests = digest_records(records, _pipeline_settings(DEFAULT_SPACY_PIPELINE))
    report = evaluate_clusters(records, digests, cv=cv)
    _print_report(
        output, lambda: report_rows(report), lambda: render_report(report, source=gold_set.name)
    )


@eval_group.command("people")
@_gold_set_option("ecbplus_dev.jsonl")
@_cv_option
@_format_option
def eval_people_command(gold_set: Path, cv: bool, output: str) -> None:
    """People across stories: pairwise F1 of named mentions, beside exact name match."""
    from newsdigest.evaluate.clusters import digest_records, read_gold
    from newsdigest.evaluate.people import evaluate_people, render
    from newsdigest.nlp import load_pipeline

    settings = _pipeline_settings(DEFAULT_SPACY_PIPELINE)
    records = read_gold(gold_set)
    digests = digest_records(records, settings)
    table = evaluate_people(records, digests, load_pipeline(settings.spacy_pipeline), cv=cv)
    _print_report(output, lambda: table, lambda: render(table, source=gold_set.name))


@eval_group.command("sources")
@_gold_set_option("ggt_dev.jsonl")
@click.option(
    "--split",
    type=click.Choice(("each", "all", "even", "odd")),
    default="each",
    show_default=True,
    help="Articles to score: even, odd, all, or each of them.",
)
@_format_option
def eval_sources_command(gold_set: Path, split: str, output: str) -> None:
    """Who gets quoted: per-outlet share of women, error against gold, beside the cast."""
    from newsdigest.evaluate.sources import (
        digest_records,
        evaluate_sources,
        read_gold,
        render_report,
        report_rows,
    )

    records = read_gold(gold_set)
    digests = digest_records(records, _pipeline_settings(DEFAULT_SPACY_PIPELINE))
    by_split = {s: evaluate_sources(records, digests, s) for s in _chosen_splits(split)}
    _print_report(
        output, lambda: report_rows(by_split), lambda: render_report(by_split, source=gold_set.name)
    )
