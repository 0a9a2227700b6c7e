"""Markdown for people: highlights, cast with roles, quotes by speaker, timeline."""

from __future__ import annotations

from newsdigest.model import Digest
from newsdigest.render._people import describe, reading_view


def render_markdown(digest: Digest, include_text: bool = True) -> str:
    """The digest as a Markdown document; ``include_text`` is ignored (spans are not shown)."""
    article = digest.article
    lines = [f"# {article.title or 'Story digest'}"]
    if article.published:
        lines.append(f"_Published {article.published.isoformat()}_")
    view = reading_view(digest)
    if "highlights" in digest.sections:
        lines += ["", "## Highlights", ""] + [f"- {h.text}" for h in digest.highlights]
    if "entities" in digest.sections:
        lines += ["", "## Cast"]
        for heading, members in view.cast.items():
            lines += ["", f"### {heading}", ""] + [f"- {describe(e)}" for e in members]
    if "quotes" in digest.sections:
        lines += ["", "## Quotes"]
        for speaker, quotes in view.quotes_by_speaker:
            lines += ["", f"### {speaker}", ""]
            lines += [f"- {'“' + q.text + '”' if q.direct else q.text}" for q in quotes]
    if "timeline" in digest.sections:
        lines += ["", "## Timeline", ""]
        lines += [
            f"- **{event.date}**: {' '.join(event.text.split())}" for event in digest.timeline
        ]
    return "\n".join(lines) + "\n"
