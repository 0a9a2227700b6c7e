"""``newsdigest digest`` and ``newsdigest schema``."""

from __future__ import annotations

import json
import sys

import click

from newsdigest.cli.options import only_option, settings_from_options, settings_options
from newsdigest.errors import NoInput
from newsdigest.ingest.load import load, load_url
from newsdigest.ingest.text import read_bytes
from newsdigest.pipeline import Pipeline
from newsdigest.render import RENDERERS
from newsdigest.schema import json_schema


@click.command("digest")
@click.argument("source", default=None, required=False, metavar="[FILE|-]")
@click.option("--title", default=None, help="The headline; it informs the highlights.")
@click.option(
    "--published",
    default=None,
    metavar="YYYY-MM-DD",
    help="Publication date, the reference for relative dates.",
)
@click.option(
    "--url",
    "url",
    default=None,
    help="Without FILE: fetch this page and digest it. With FILE (or -): where the story "
    "was published.",
)
@click.option("--html", "force_html", is_flag=True, help="Read the input as an HTML page.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let --url fetch from loopback, private, link-local and multicast addresses.",
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
    source: str | None,
    title: str | None,
    published: str | None,
    url: str | None,
    force_html: bool,
    allow_private: bool,
    fmt: str,
    no_text: bool,
    only: tuple[str, ...] | None,
    **settings: object,
) -> None:
    """Digest one story from FILE, from the page at --url, or from standard input.

    An HTML page (recognised by its content, or forced with --html) is digested as a web
    page: its article is extracted and every item also points into the page.
    """
    options = settings_from_options(**settings)  # type: ignore[arg-type]
    if source is None and url:
        article = load_url(url, title=title, published=published, allow_private=allow_private)
    else:
        data = _read_bytes(source or "-")
        html = True if force_html else None
        article = load(data, title=title, published=published, url=url, html=html)
    result = Pipeline(options)(article, only=only)
    output = RENDERERS[fmt](result, not no_text)
    if fmt == "html" and article.source_map is not None and article.encoding:
        # The page goes back in its own encoding, which its meta tag may declare.
        click.echo(output.encode(article.encoding, "xmlcharrefreplace"), nl=False)
    else:
        click.echo(output, nl=False)


def _read_bytes(source: str) -> bytes:
    if source != "-":
        return read_bytes(source)
    if sys.stdin is None:
        raise NoInput("no story given: name a FILE or pipe one into standard input")
    return sys.stdin.buffer.read()


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the newsdigest/1 digest."""
    click.echo(json.dumps(json_schema(), indent=2))
