"""Plain text for people and terminals."""

from __future__ import annotations

import textwrap

from newsdigest.model import Digest
from newsdigest.render._people import describe, reading_view

WIDTH = 88


def render_text(digest: Digest, include_text: bool = True) -> str:
    """The digest as wrapped plain text; ``include_text`` is ignored."""
    view = reading_view(digest)
    out: list[str] = []
    if digest.article.title:
        out += [digest.article.title.upper(), ""]
    if "highlights" in digest.sections:
        out.append("HIGHLIGHTS")
        out += [_bullet(h.text) for h in digest.highlights] + [""]
    if "entities" in digest.sections:
        out.append("CAST")
        for heading, members in view.cast.items():
            out.append(f"  {heading}:")
            out += [_bullet(describe(e), indent=4) for e in members]
        out.append("")
    if "quotes" in digest.sections:
        out.append("QUOTES")
        for speaker, quotes in view.quotes_by_speaker:
            out.append(f"  {speaker}:")
            out += [_bullet(f'"{q.text}"' if q.direct else q.text, indent=4) for q in quotes]
        out.append("")
    if "timeline" in digest.sections:
        out.append("TIMELINE")
        out += [_bullet(f"{e.date}  {' '.join(e.text.split())}") for e in digest.timeline]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _bullet(text: str, indent: int = 2) -> str:
    pad = " " * indent
    return textwrap.fill(text, WIDTH, initial_indent=f"{pad}- ", subsequent_indent=f"{pad}  ")
