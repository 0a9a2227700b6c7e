"""``newsdigest corpus``: add stories to a corpus database, query it, export it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from newsdigest.batch.job import StopFlag
from newsdigest.batch.progress import make_progress
from newsdigest.cli.batch import engine_options
from newsdigest.cli.options import only_option, settings_from_options, settings_options
from newsdigest.corpus import digests, queries
from newsdigest.corpus.add import add_to_corpus, default_errors_path
from newsdigest.corpus.dates import parse_day
from newsdigest.corpus.errors import BadDatabaseURL
from newsdigest.corpus.export import FORMATS, export
from newsdigest.corpus.formats import ROW_FORMATS, render_rows
from newsdigest.corpus.migrations import SCHEMA_VERSION, migrate
from newsdigest.corpus.sources import SOURCES_BY
from newsdigest.corpus.store import Store, open_database, open_store
from newsdigest.corpus.url import DEFAULT_DB, ENV_VAR, DatabaseURL, parse_db_url
from newsdigest.errors import InputError
from newsdigest.model import Digest
from newsdigest.render import RENDERERS
from newsdigest.render.json import format_json

F = TypeVar("F", bound=Callable[..., Any])
EXIT_SOME_FAILED = 1
EXIT_INTERRUPTED = 130


def _db_url(ctx: click.Context, param: click.Parameter, value: str) -> DatabaseURL:
    try:
        return parse_db_url(value)
    except BadDatabaseURL as exc:
        raise click.BadParameter(str(exc)) from exc


def checked_db_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A ``--db`` value kept as given once checked (an unknown scheme is a usage error)."""
    if value is not None:
        _db_url(ctx, param, value)
    return value


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        parse_day(value)
    except InputError as exc:
        raise click.BadParameter(str(exc)) from exc
    return value


def db_option(func: F) -> F:
    """``--db URL``: the corpus (a SQLite file or postgresql://...), default $NEWSDIGEST_DB."""
    return click.option(
        "--db",
        "db",
        envvar=ENV_VAR,
        default=DEFAULT_DB,
        show_default=True,
        callback=_db_url,
        metavar="URL",
        help=f"The corpus: a SQLite file or postgresql://USER@HOST/DB (or ${ENV_VAR}).",
    )(func)


def window_options(func: F) -> F:
    """``--since``, ``--until`` and ``--outlet``: which stories a query reads."""
    options = [
        click.option("--since", callback=_day, metavar="DATE", help="From this YYYY[-MM[-DD]] on."),
        click.option("--until", callback=_day, metavar="DATE", help="Up to this YYYY[-MM[-DD]]."),
        click.option("--outlet", default=None, help="Only stories of this outlet."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(ROW_FORMATS),
    default="table",
    show_default=True,
    help="table for people; json (a list of objects) and csv for programs.",
)


def rows_options(func: F) -> F:
    """``--limit`` and ``--format table|json|csv``."""
    limit = click.option(
        "--limit",
        type=click.IntRange(1, None),
        default=queries.DEFAULT_LIMIT,
        show_default=True,
        help="At most this many rows.",
    )
    return limit(format_option(func))


def _print_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    click.echo(render_rows(rows, fmt), nl=False)  # type: ignore[arg-type]
    if not rows and fmt == "table":
        click.echo("newsdigest: nothing found", err=True)


def _reader(db: DatabaseURL) -> Store:
    return open_store(db)


@click.group("corpus")
def corpus_group() -> None:
    """A corpus of digests in SQLite or PostgreSQL: add stories, query them, export them.

    Every verb takes --db (default newsdigest.db, or $NEWSDIGEST_DB): a SQLite file, or
    postgresql://USER@HOST/DB (pip install 'newsdigest[postgres]').
    """


@corpus_group.command("add")
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@db_option
@click.option(
    "--from-digests",
    "digest_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE.jsonl",
    help="Add the digests newsdigest batch wrote (repeatable); nothing is digested again.",
)
@click.option(
    "--errors",
    type=click.Path(dir_okay=False),
    default=None,
    help="JSONL file of failed records (default: beside the database, .errors.jsonl).",
)
@engine_options
@only_option
@settings_options
def add_command(
    inputs: tuple[str, ...],
    db: DatabaseURL,
    digest_files: tuple[str, ...],
    errors: str | None,
    workers: int | None,
    timeout: float,
    engine: str,
    address: str | None,
    show_bar: bool | None,
    only: tuple[str, ...] | None,
    **settings: object,
) -> None:
    """Digest every story of INPUT... into the corpus; unchanged stories are skipped.

    INPUT is what newsdigest batch reads: JSONL or CSV files (fields id, text/article/html,
    title, published, url, outlet), directories of .txt, .html and .story files, or - for
    JSONL on standard input. A story whose id is stored with other content becomes a new
    version. Run the same command again after an interruption: it resumes. With --engine
    ray the Ray actors store the digests themselves, in a postgresql:// --db. The exit
    status is 1 when any record failed.
    """
    if not inputs and not digest_files:
        raise click.UsageError("give INPUT files or --from-digests FILE")
    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    if engine == "ray" and db.kind != "postgresql":
        raise click.UsageError("--engine ray stores from the workers: it needs --db postgresql://")
    options = settings_from_options(**settings)  # type: ignore[arg-type]
    errors_path = Path(errors) if errors else default_errors_path(db)
    with open_store(db, write=True) as store, StopFlag() as stop:
        summary = add_to_corpus(
            store,
            inputs,
            digests=digest_files,
            errors=errors_path,
            settings=options,
            only=only,
            workers=workers,
            timeout=timeout,
            progress=make_progress(show_bar),
            stop=stop,
            engine="ray" if engine == "ray" else "local",
            address=address,
        )
    click.echo(summary.line(db.display(), errors_path), err=True)
    if summary.interrupted:
        click.echo("newsdigest: interrupted; run the same command again to resume", err=True)
        raise click.exceptions.Exit(EXIT_INTERRUPTED)
    if summary.failed:
        raise click.exceptions.Exit(EXIT_SOME_FAILED)


@corpus_group.command("migrate")
@db_option
def migrate_command(db: DatabaseURL) -> None:
    """Bring the corpus database's schema up to this newsdigest's (back it up first)."""
    with open_database(db, create=True) as database:
        done = migrate(database)
    for line in done:
        click.echo(f"newsdigest: applied {line}", err=True)
    state = "migrated to" if done else "already at"
    click.echo(f"newsdigest: {db.display()} {state} corpus schema {SCHEMA_VERSION}", err=True)


@corpus_group.command("stories")
@db_option
@window_options
@click.option("--search", default=None, help='Words, "a phrase", OR, -word.')
@rows_options
def stories_command(
    db: DatabaseURL,
    since: str | None,
    until: str | None,
    outlet: str | None,
    search: str | None,
    limit: int,
    fmt: str,
) -> None:
    """List stories, newest first (best match first with --search)."""
    window = queries.Window(since, until, outlet)
    with _reader(db) as store:
        rows = queries.stories(store, window=window, search=search, limit=limit)
    _print_rows(rows, fmt)


@corpus_group.command("show")
@click.argument("story_id", metavar="ID")
@db_option
@click.option("--version", type=click.IntRange(1, None), default=None, help="Version number.")
@click.option("--changes", is_flag=True, help="List what changed from each version to the next.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown", "text", "table", "csv"]),
    default=None,
    help="json (default), markdown or text for the digest; table (default), json or csv "
    "with --changes.",
)
def show_command(
    story_id: str, db: DatabaseURL, version: int | None, changes: bool, fmt: str | None
) -> None:
    """Print a stored digest: newsdigest/1 with the corpus fields."""
    if changes and version is not None:
        raise click.UsageError("--changes lists every version; leave out --version")
    if changes and fmt in ("markdown", "text"):
        raise click.UsageError("--changes prints table, json or csv")
    if not changes and fmt in ("table", "csv"):
        raise click.UsageError("a digest prints as json, markdown or text")
    with _reader(db) as store:
        if changes:
            _print_rows(digests.changes(store, story_id), fmt or "table")
            return
        data = digests.show(store, story_id, version=version)
    if fmt in (None, "json"):
        click.echo(format_json(data), nl=False)
        return
    digest = Digest.from_dict(data, text=data.get("text") or "")
    click.echo(RENDERERS[fmt](digest, True), nl=False)


@corpus_group.command("people")
@db_option
@window_options
@click.option(
    "--type",
    "kind",
    default="PERSON",
    show_default=True,
    help="Entity type counted: PERSON, ORG, GPE, ...",
)
@rows_options
def people_command(
    db: DatabaseURL,
    since: str | None,
    until: str | None,
    outlet: str | None,
    kind: str,
    limit: int,
    fmt: str,
) -> None:
    """The most quoted, then most mentioned, people of the stories."""
    window = queries.Window(since, until, outlet)
    with _reader(db) as store:
        rows = queries.people(store, window=window, type=kind.upper(), limit=limit)
    _print_rows(rows, fmt)


@corpus_group.command("quotes")
@db_option
@click.option("--person", default=None, metavar="ID|NAME", help="Only this person's quotes.")
@window_options
@click.option("--search", default=None, help='Words, "a phrase", OR, -word.')
@rows_options
def quotes_command(
    db: DatabaseURL,
    person: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    search: str | None,
    limit: int,
    fmt: str,
) -> None:
    """Quotes with their speakers, newest story first (best match first with --search)."""
    window = queries.Window(since, until, outlet)
    with _reader(db) as store:
        rows = queries.quotes(store, window=window, person=person, search=search, limit=limit)
    _print_rows(rows, fmt)


@corpus_group.command("timeline")
@db_option
@click.option("--person", default=None, metavar="ID|NAME", help="Events naming this person.")
@click.option("--cluster", default=None, metavar="ID", help="Events of this story cluster.")
@window_options
@rows_options
def timeline_command(
    db: DatabaseURL,
    person: str | None,
    cluster: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    limit: int,
    fmt: str,
) -> None:
    """Dated events across stories in date order, each with its story and spans.

    --since and --until apply to the events' dates.
    """
    window = queries.Window(since, until, outlet)
    with _reader(db) as store:
        rows = queries.timeline(store, window=window, person=person, cluster=cluster, limit=limit)
    _print_rows(rows, fmt)


@corpus_group.command("sources")
@db_option
@click.option(
    "--by",
    type=click.Choice(SOURCES_BY),
    default="outlet",
    show_default=True,
    help="Count per outlet, event cluster, month of publication or role class.",
)
@window_options
@click.option(
    "--limit",
    type=click.IntRange(1, None),
    default=None,
    help="At most this many groups (default: all).",
)
@format_option
def sources_command(
    db: DatabaseURL,
    by: str,
    since: str | None,
    until: str | None,
    outlet: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """Who gets quoted: the quoted people by gender and role class, per group.

    Each story's quoted people are the distinct speakers of its quotes; their gender is the
    one the story states (else unknown). female_share is female / (female + male). Groups
    with the most quoted people come first (months in time order). JSON gives the role
    classes as an object "roles"; table and csv as one column each.
    """
    window = queries.Window(since, until, outlet)
    with _reader(db) as store:
        rows = queries.sources(store, window=window, by=by, limit=limit)  # type: ignore[arg-type]
    _print_rows(rows if fmt == "json" else [_roles_flat(row) for row in rows], fmt)


def _roles_flat(row: dict[str, Any]) -> dict[str, Any]:
    """A sources row with its role classes as columns of their own."""
    flat = {name: value for name, value in row.items() if name != "roles"}
    return {**flat, **row["roles"]}


@corpus_group.command("search")
@click.argument("text")
@db_option
@window_options
@rows_options
def search_command(
    text: str,
    db: DatabaseURL,
    since: str | None,
    until: str | None,
    outlet: str | None,
    limit: int,
    fmt: str,
) -> None:
    """Full-text search of story texts, highlights and quotes, best hits first.

    TEXT holds words (all required), "a phrase", OR between two terms, -word to exclude.
    """
    window = queries.Window(since, until, outlet)
    with _reader(db) as store:
        rows = queries.search(store, text, window=window, limit=limit)
    _print_rows(rows, fmt)


@corpus_group.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option(
    "--out",
    required=True,
    type=click.Path(),
    help="The JSONL file (- for standard output), or the folder of CSV or Parquet tables.",
)
@window_options
def export_command(
    db: DatabaseURL,
    fmt: str,
    out: str,
    since: str | None,
    until: str | None,
    outlet: str | None,
) -> None:
    """Export the current version of every story.

    jsonl: one stored digest per line. csv, parquet: a folder with one table per section
    (one row per item, with story id, version, outlet, published and spans), stories,
    clusters and people.
    """
    window = queries.Window(since, until, outlet)
    with _reader(db) as store:
        counts = export(store, fmt, out, window=window)  # type: ignore[arg-type]
    summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
    where = "standard output" if out == "-" else out
    click.echo(f"newsdigest: exported {summary} to {where}", err=True)
    sys.stdout.flush()
