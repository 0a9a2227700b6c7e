"""``newsdigest eval``: score a component against gold data, next to its baseline."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsdigest.cli.options import settings_from_options
from newsdigest.settings import DEFAULT_MAX_CHARS, DEFAULT_SPACY_PIPELINE


@click.group("eval")
def eval_group() -> None:
    """Score highlights, entities, quotes or dates against a gold JSONL file."""


@eval_group.command("quotes")
@click.option(
    "--set",
    "gold_set",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Gold attribution JSONL (e.g. ../shared/data/polnear_dev.jsonl).",
)
@click.option(
    "--split",
    type=click.Choice(("each", "all", "even", "odd")),
    default="each",
    show_default=True,
    help="Documents to score: even (tuned on), odd (held out), all, or each of them.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="A table, or JSON rows.",
)
@click.option(
    "--pipeline",
    "spacy_pipeline",
    default=DEFAULT_SPACY_PIPELINE,
    show_default=True,
    help="spaCy pipeline to parse with.",
)
def eval_quotes_command(gold_set: Path, split: str, output: str, spacy_pipeline: str) -> None:
    """Quotes: direct F1, speaker overlap, indirect recall; baseline: marks + nearest PERSON."""
    from newsdigest.evaluate.quotes import evaluate_quotes, read_gold, render_report, report_rows

    settings = settings_from_options(
        highlights=None, max_words=None, max_chars=DEFAULT_MAX_CHARS, spacy_pipeline=spacy_pipeline
    )
    splits = ("even", "odd", "all") if split == "each" else (split,)
    reports = evaluate_quotes(read_gold(gold_set), splits=splits, settings=settings)
    if output == "json":
        click.echo(json.dumps(report_rows(reports), indent=2))
    else:
        click.echo(render_report(reports, source=gold_set.name))
