"""Markdown for people: each section's view under its heading."""

from __future__ import annotations

from newsdigest.model import Digest
from newsdigest.sections import SECTIONS


def render_markdown(digest: Digest, include_text: bool = True) -> str:
    """The digest as a Markdown document; ``include_text`` is ignored (spans are not shown)."""
    article = digest.article
    lines = [f"# {article.title or 'Story digest'}"]
    if article.published:
        lines.append(f"_Published {article.published.isoformat()}_")
    for name in digest.sections:
        section = SECTIONS[name]
        if section.heading is None or section.lines is None:
            continue
        lines += ["", f"## {section.heading}"]
        for subheading, entries in section.lines(digest):
            if subheading is not None:
                lines += ["", f"### {subheading}"]
            lines += [""] + [f"- {entry}" for entry in entries]
    return "\n".join(lines) + "\n"
