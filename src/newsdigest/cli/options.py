"""Options shared by several verbs, and the one place where they become Settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsdigest.sections import SECTIONS
from newsdigest.settings import DEFAULT_MAX_CHARS, DEFAULT_SPACY_PIPELINE, Settings

F = TypeVar("F", bound=Callable[..., Any])


def settings_options(func: F) -> F:
    """Add the options that make up :class:`Settings` to a command."""
    options = [
        click.option(
            "--highlights",
            "highlights",
            type=click.IntRange(1, 10),
            default=None,
            help="Number of highlights (default: chosen per story, 3-4).",
        ),
        click.option(
            "--max-words",
            type=click.IntRange(5, None),
            default=None,
            help="Word budget of all highlights together (default tuned for news).",
        ),
        click.option(
            "--max-chars",
            type=click.IntRange(1, None),
            default=DEFAULT_MAX_CHARS,
            show_default=True,
            help="Refuse stories longer than this (exit 65).",
        ),
        click.option(
            "--language",
            type=click.Choice(["en"]),
            default=None,
            help="Read every story as this language, without detecting it (default: detect, "
            "and refuse stories clearly in another language, exit 65).",
        ),
        click.option(
            "--pipeline",
            "spacy_pipeline",
            default=DEFAULT_SPACY_PIPELINE,
            show_default=True,
            help="Name of an installed spaCy pipeline.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def only_option(func: F) -> F:
    """``--only SECTION[,SECTION]``: compute only these sections."""
    return click.option(
        "--only",
        callback=_parse_sections,
        default=None,
        metavar="SECTIONS",
        help=f"Comma-separated sections to compute, of: {', '.join(SECTIONS)}.",
    )(func)


def _parse_sections(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[str, ...] | None:
    if not value:
        return None
    names = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise click.BadParameter(
            f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}"
        )
    return names


def settings_from_options(
    *,
    highlights: int | None,
    max_words: int | None,
    max_chars: int,
    spacy_pipeline: str,
    language: str | None = None,
) -> Settings:
    """Turn the command line's options into Settings (the only place this happens)."""
    return Settings(
        highlights=highlights,
        max_words=max_words,
        max_chars=max_chars,
        spacy_pipeline=spacy_pipeline,
        language=language,
    )
