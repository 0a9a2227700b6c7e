"""``newsdigest batch``: digest a corpus into JSONL, resumably, on every core or on Ray."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from newsdigest.batch.job import StopFlag, default_errors_path, run_batch
from newsdigest.batch.local import DEFAULT_TIMEOUT
from newsdigest.batch.progress import make_progress
from newsdigest.cli.options import only_option, settings_from_options, settings_options

EXIT_SOME_FAILED = 1
EXIT_INTERRUPTED = 130
F = TypeVar("F", bound=Callable[..., Any])


def engine_options(func: F) -> F:
    """``--workers``, ``--engine``, ``--address``, ``--timeout`` and ``--progress``: how the
    records are digested (shared by ``batch`` and ``corpus add``)."""
    options = [
        click.option(
            "--workers",
            type=click.IntRange(1, None),
            default=None,
            help="Worker processes (Ray actors with --engine ray); default: one per core.",
        ),
        click.option(
            "--engine",
            type=click.Choice(["local", "ray"]),
            default="local",
            show_default=True,
            help="local: processes on this machine; ray: Ray Data (pip install newsdigest[ray]).",
        ),
        click.option(
            "--address",
            default=None,
            help="With --engine ray: the cluster to join (e.g. auto or ray://head:10001).",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(0, None, min_open=True),
            default=DEFAULT_TIMEOUT,
            show_default=True,
            help="Seconds one record may take; a slower one fails and its worker is replaced.",
        ),
        click.option(
            "--progress/--no-progress",
            "show_bar",
            default=None,
            help="Force the progress bar on or off (default: on when stderr is a terminal).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(),
    help="JSONL file of digests (a directory with --shards); run the same command again to resume.",
)
@click.option(
    "--errors",
    "errors",
    default=None,
    type=click.Path(dir_okay=False),
    help="JSONL file of failed records (default: OUT with .errors.jsonl).",
)
@click.option("--ordered", is_flag=True, help="Write digests in input order (holds some back).")
@click.option("--no-text", is_flag=True, help="Leave the story text out of each digest.")
@click.option(
    "--shards",
    is_flag=True,
    help="With --engine ray: OUT is a directory, and the Ray actors write the digests "
    "there themselves as Parquet files (pip install newsdigest[parquet]).",
)
@click.option(
    "--shard-rows",
    type=click.IntRange(1, None),
    default=None,
    help="With --shards: records per Parquet file, at most (default: 256).",
)
@engine_options
@only_option
@settings_options
def batch_command(
    inputs: tuple[str, ...],
    out: str,
    errors: str | None,
    workers: int | None,
    ordered: bool,
    no_text: bool,
    shards: bool,
    shard_rows: int | None,
    engine: str,
    address: str | None,
    timeout: float,
    show_bar: bool | None,
    only: tuple[str, ...] | None,
    **settings: object,
) -> None:
    """Digest every story of INPUT... into OUT, one newsdigest/1 digest per line.

    INPUT is a JSONL or CSV file (fields id, text/article/html, title, published, url),
    a directory of .txt, .html and .story files, or - for JSONL on standard input.
    Records that fail go to the errors file; the exit status is 1 when any failed.
    With --engine ray --shards, OUT is a directory of Parquet files (id, source, digest)
    that the Ray actors write themselves.
    """
    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    if shard_rows is not None and not shards:
        raise click.UsageError("--shard-rows needs --shards")
    _check_out(Path(out), shards=shards, engine=engine, ordered=ordered)
    options = settings_from_options(**settings)  # type: ignore[arg-type]
    with StopFlag() as stop:
        summary = run_batch(
            list(inputs),
            out,
            errors=errors,
            settings=options,
            only=only,
            include_text=not no_text,
            workers=workers,
            ordered=ordered,
            engine="ray" if engine == "ray" else "local",
            address=address,
            timeout=timeout,
            progress=make_progress(show_bar),
            stop=stop,
            shards=shards,
            shard_rows=shard_rows,
        )
    errors_path = Path(errors) if errors else default_errors_path(Path(out))
    click.echo(summary.line(Path(out), errors_path), err=True)
    if summary.interrupted:
        click.echo(
            "newsdigest: interrupted; run the same command again to resume "
            f"(the {summary.digested + summary.skipped:,} records in {out} will be skipped)",
            err=True,
        )
        raise click.exceptions.Exit(EXIT_INTERRUPTED)
    if summary.failed:
        raise click.exceptions.Exit(EXIT_SOME_FAILED)


def _check_out(out: Path, *, shards: bool, engine: str, ordered: bool) -> None:
    """Refuse an OUT of the wrong kind, and --shards where the actors do not write."""
    if not shards:
        if out.is_dir():
            raise click.BadParameter(f"{out} is a directory", param_hint="'--out'")
        return
    if engine != "ray":
        raise click.UsageError(
            "--shards needs --engine ray: the shards are written by the Ray actors "
            "(the local engine writes one JSONL file)"
        )
    if ordered:
        raise click.UsageError("--ordered does not go with --shards: shards come as batches end")
