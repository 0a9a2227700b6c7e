"""``newsdigest train``: rebuild a shipped model from its training data."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import click

from newsdigest.errors import InputError

log = logging.getLogger("newsdigest")


@click.group("train")
def train_group() -> None:
    """Rebuild a model that ships with newsdigest from its training data."""


@train_group.command("highlights")
@click.option(
    "--data",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Gzipped JSONL training release (e.g. ../shared/data/cnndm_train.jsonl.gz).",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for ranker.lgb and ranker.json (src/newsdigest/highlights to ship it).",
)
@click.option(
    "--exclude",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSONL of stories to keep out of training (default: cnndm_dev.jsonl beside --data).",
)
@click.option(
    "--rounds",
    type=click.IntRange(10, 5000),
    default=300,
    show_default=True,
    help="Boosting rounds.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Processes for normalising and features.",
)
@click.option(
    "--limit",
    type=click.IntRange(100, None),
    default=None,
    help="Read only this many records (a quick trial).",
)
def train_highlights_command(
    data: Path,
    out_dir: Path,
    exclude: tuple[Path, ...],
    rounds: int,
    workers: int,
    limit: int | None,
) -> None:
    """Train the highlight model; print counts, tuned selection and held-out ROUGE as JSON."""
    from newsdigest.highlights.training import train_highlights

    if not data.is_file():
        raise InputError(f"no training data at {data}")
    excluded = list(exclude)
    if not excluded and (data.parent / "cnndm_dev.jsonl").is_file():
        excluded = [data.parent / "cnndm_dev.jsonl"]
    for path in excluded:
        if not path.is_file():
            raise InputError(f"no file to exclude at {path}")
    if not logging.getLogger().handlers or logging.getLogger().level > logging.INFO:
        logging.getLogger("newsdigest").setLevel(logging.INFO)
    report = train_highlights(
        data, out_dir, exclude=excluded, rounds=rounds, workers=workers, limit=limit
    )
    click.echo(json.dumps(report, indent=2))
