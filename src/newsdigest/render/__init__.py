"""Renderers: a Digest as JSON (the contract), Markdown or plain text for people, or the
source page with the digest marked in place (html)."""

from __future__ import annotations

from collections.abc import Callable

from newsdigest.model import Digest
from newsdigest.render.html import render_html
from newsdigest.render.json import format_json, render_json
from newsdigest.render.markdown import render_markdown
from newsdigest.render.text import render_text

Renderer = Callable[[Digest, bool], str]

RENDERERS: dict[str, Renderer] = {
    "html": render_html,
    "json": render_json,
    "markdown": render_markdown,
    "text": render_text,
}

__all__ = [
    "RENDERERS",
    "Renderer",
    "format_json",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
]
