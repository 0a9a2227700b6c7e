"""Plain text for people and terminals: each section's view under its heading."""

from __future__ import annotations

import textwrap

from newsdigest.model import Digest
from newsdigest.sections import SECTIONS

WIDTH = 88


def render_text(digest: Digest, include_text: bool = True) -> str:
    """The digest as wrapped plain text; ``include_text`` is ignored."""
    out: list[str] = []
    if digest.article.title:
        out += [digest.article.title.upper(), ""]
    for name in digest.sections:
        section = SECTIONS[name]
        if section.heading is None or section.lines is None:
            continue
        out.append(section.heading.upper())
        for subheading, entries in section.lines(digest):
            indent = 2
            if subheading is not None:
                out.append(f"  {subheading}:")
                indent = 4
            out += [_bullet(entry, indent) for entry in entries]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _bullet(text: str, indent: int = 2) -> str:
    pad = " " * indent
    return textwrap.fill(text, WIDTH, initial_indent=f"{pad}- ", subsequent_indent=f"{pad}  ")
