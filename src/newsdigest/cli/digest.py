"""``newsdigest digest`` and ``newsdigest schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsdigest.cli.options import only_option, settings_from_options, settings_options
from newsdigest.errors import NoInput
from newsdigest.ingest.html import article_from_html, decode_html_bytes, sniff_html
from newsdigest.ingest.text import article_from_text, decode_bytes
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
        from newsdigest.ingest.url import fetch_page

        fetched = fetch_page(url, allow_private=allow_private)
        article = article_from_html(
            fetched.html,
            url=fetched.url,
            published=published,
            title=title,
            encoding=fetched.encoding,
        )
    else:
        data = _read_bytes(source or "-")
        if force_html or sniff_html(data):
            page, encoding = decode_html_bytes(data)
            article = article_from_html(
                page, url=url, published=published, title=title, encoding=encoding
            )
        else:
            text, encoding = decode_bytes(data)
            article = article_from_text(
                text, title=title, published=published, url=url, encoding=encoding
            )
    result = Pipeline(options)(article, only=only)
    output = RENDERERS[fmt](result, not no_text)
    if fmt == "html" and article.source_map is not None and article.encoding:
        # The page goes back in its own encoding, which its meta tag may declare.
        click.echo(output.encode(article.encoding, "xmlcharrefreplace"), nl=False)
    else:
        click.echo(output, nl=False)


def _read_bytes(source: str) -> bytes:
    if source == "-":
        if sys.stdin is None:
            raise NoInput("no story given: name a FILE or pipe one into standard input")
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except FileNotFoundError as exc:
        raise NoInput(f"no such file: {source}") from exc
    except IsADirectoryError as exc:
        raise NoInput(f"{source} is a directory, not a story file") from exc
    except PermissionError as exc:
        raise NoInput(f"cannot read {source}: permission denied") from exc


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the newsdigest/1 digest."""
    click.echo(json.dumps(json_schema(), indent=2))
