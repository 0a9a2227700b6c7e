"""The story this project started from: every section is present and substantial."""

from __future__ import annotations

import newsdigest
from helpers import SEED_PUBLISHED
from newsdigest.render import render_markdown


def test_seed_digest_has_every_section(seed_story: str) -> None:
    result = newsdigest.digest(seed_story, published=SEED_PUBLISHED)
    people = [e for e in result.entities if e.type == "PERSON"]
    assert len(result.highlights) >= 3
    assert len(people) >= 10, [p.name for p in people]
    assert len(result.quotes) >= 10
    assert len(result.dates) >= 8
    assert result.timeline


def test_example_digest_renders_for_people(example_story: str) -> None:
    result = newsdigest.digest(example_story, published="2026-03-11")
    markdown = render_markdown(result)
    assert "## Highlights" in markdown and "## Cast" in markdown
    assert "Elena Marsh" in markdown and "## Timeline" in markdown
