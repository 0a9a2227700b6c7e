"""``newsdigest digest`` and ``newsdigest schema``."""

from __future__ import annotations

import json
import sys

import click

from newsdigest.cli.options import only_option, settings_from_options, settings_options
from newsdigest.ingest.text import article_from_text, decode_bytes, read_story_file
from newsdigest.pipeline import Pipeline
from newsdigest.render import RENDERERS
from newsdigest.schema import json_schema


@click.command("digest")
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--title", default=None, help="The headline; it informs the highlights.")
@click.option(
    "--published",
    default=None,
    metavar="YYYY-MM-DD",
    help="Publication date, the reference for relative dates.",
)
@click.option(
    "--url", "url", default=None, help="Where the story was published (kept in `article`)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(RENDERERS)),
    default="json",
    show_default=True,
    help="json is the newsdigest/1 contract; the others are for people.",
)
@click.option("--no-text", is_flag=True, help="Leave the story text out of the JSON.")
@only_option
@settings_options
def digest_command(
    source: str,
    title: str | None,
    published: str | None,
    url: str | None,
    fmt: str,
    no_text: bool,
    only: tuple[str, ...] | None,
    **settings: object,
) -> None:
    """Digest one story from FILE, or from standard input when FILE is - or absent."""
    options = settings_from_options(**settings)  # type: ignore[arg-type]
    text, encoding = _read_source(source)
    article = article_from_text(text, title=title, published=published, url=url, encoding=encoding)
    result = Pipeline(options)(article, only=only)
    click.echo(RENDERERS[fmt](result, not no_text), nl=False)


def _read_source(source: str) -> tuple[str, str]:
    if source == "-":
        if sys.stdin is None:
            from newsdigest.errors import NoInput

            raise NoInput("no story given: name a FILE or pipe one into standard input")
        return decode_bytes(sys.stdin.buffer.read())
    return read_story_file(source)


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the newsdigest/1 digest."""
    click.echo(json.dumps(json_schema(), indent=2))
