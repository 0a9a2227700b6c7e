"""``newsdigest train``: rebuild a shipped model from its training data."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from newsdigest.errors import InputError
from newsdigest.train import DEFAULT_SEED

F = TypeVar("F", bound=Callable[..., Any])


@click.group("train")
def train_group() -> None:
    """Rebuild a model that ships with newsdigest from its training data."""


def _out_option(files: str, ship_to: str) -> Callable[[F], F]:
    return click.option(
        "--out",
        "out_dir",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=f"Directory for {files} ({ship_to} to ship it).",
    )


_seed_option = click.option(
    "--seed",
    type=int,
    default=DEFAULT_SEED,
    show_default=True,
    help="Seed of every random choice: the same data and seed give the same model.",
)


def _existing(paths: list[Path], what: str) -> list[Path]:
    for path in paths:
        if not path.is_file():
            raise InputError(f"no {what} at {path}")
    return paths


def _print_report(train: Callable[[], dict[str, Any]]) -> None:
    """Run a trainer with its steps logged at INFO, and print its report as JSON."""
    logger = logging.getLogger("newsdigest")
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
    click.echo(json.dumps(train(), indent=2))


@train_group.command("highlights")
@click.option(
    "--data",
    required=True,
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Gzipped JSONL training release; repeat for several "
    "(e.g. ../shared/data/cnndm_train.jsonl.gz and cnndm_train_more.jsonl.gz).",
)
@_out_option("ranker.lgb.gz and ranker.json.gz", "src/newsdigest/highlights")
@click.option(
    "--exclude",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSONL of stories to keep out of training (default: cnndm_dev.jsonl beside --data).",
)
@click.option(
    "--rounds",
    type=click.IntRange(10, 5000),
    default=400,
    show_default=True,
    help="Boosting rounds of the sentence model.",
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
@click.option(
    "--heldout",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the held-out stories reported on here, as a gold file for `eval highlights`.",
)
@_seed_option
def train_highlights_command(
    data: tuple[Path, ...],
    out_dir: Path,
    exclude: tuple[Path, ...],
    rounds: int,
    workers: int,
    limit: int | None,
    heldout: Path | None,
    seed: int,
) -> None:
    """Train the highlight model; print counts, tuned selection and held-out ROUGE as JSON."""
    from newsdigest.train.highlights import train_highlights

    sources = _existing(list(data), "training data")
    excluded = list(exclude)
    beside = sources[0].parent / "cnndm_dev.jsonl"
    if not excluded and beside.is_file():
        excluded = [beside]
    _existing(excluded, "file to exclude")
    _print_report(
        lambda: train_highlights(
            sources,
            out_dir,
            exclude=excluded,
            rounds=rounds,
            workers=workers,
            limit=limit,
            seed=seed,
            heldout=heldout,
        )
    )


@train_group.command("cast")
@click.option(
    "--data",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CoNLL-style JSONL with text and entities (e.g. ../shared/data/conll2003_dev.jsonl).",
)
@_out_option("labeller.lgb and labeller.json", "src/newsdigest/cast/model")
@click.option(
    "--split",
    type=click.Choice(("even", "odd", "all")),
    default="even",
    show_default=True,
    help="Documents to train on (odd ones are what `eval entities --split odd` holds out).",
)
@_seed_option
def train_cast_command(data: Path, out_dir: Path, split: str, seed: int) -> None:
    """Train the cast's name-type classifier; print what it was trained on as JSON."""
    from newsdigest.train.cast import train_cast

    _existing([data], "training data")
    _print_report(lambda: train_cast(data, out_dir, split=split, seed=seed))
