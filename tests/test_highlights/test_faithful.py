"""Every highlight is made of the story's own words: spans in order, inside, and matching."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdigest
from newsdigest.model import Highlight


def assert_faithful(text: str, highlight: Highlight) -> None:
    """Spans in order and inside the text; the bullet's words are exactly the spans' words."""
    assert highlight.spans, "a highlight without spans"
    previous_end = 0
    for span in highlight.spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end, "spans out of order or overlapping"
        previous_end = span.end
    source = " ".join(" ".join(text[s.start : s.end].split()) for s in highlight.spans)
    made = highlight.text
    # Only the final stop and the first capital may differ from the spans' words.
    assert made[:1].lower() + made[1:].rstrip(".") == (
        source[:1].lower() + source[1:].rstrip(" ,;:-–—").rstrip(".")
    ), (made, source)


def test_seed_story_highlights_are_faithful(seed_story: str) -> None:
    result = newsdigest.digest(seed_story, only=["highlights"])
    assert 3 <= len(result.highlights) <= 4
    for highlight in result.highlights:
        assert_faithful(seed_story, highlight)


def test_dev_highlights_are_faithful(shared_dir: Path) -> None:
    lines = (shared_dir / "data" / "cnndm_dev.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        record = json.loads(line)
        text = record["article"]
        result = newsdigest.digest(text, url=record["url"], only=["highlights"])
        assert result.highlights, record["id"]
        for highlight in result.highlights:
            assert_faithful(text, highlight)


_SENTENCE = st.lists(
    st.sampled_from(
        "the mayor said police council ( pictured ) , But Meanwhile he she was is on Friday "
        "according to officials 'We will' \"no\" -- 2,000 U.S. didn't Ford's".split()
    ),
    min_size=3,
    max_size=25,
).map(lambda words: " ".join(words) + ".")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SENTENCE, min_size=1, max_size=12), st.sampled_from([None, 1, 3, 5]))
def test_generated_stories_give_faithful_highlights(
    sentences: list[str], count: int | None
) -> None:
    text = " ".join(s[:1].upper() + s[1:] for s in sentences)
    options = newsdigest.Settings(highlights=count)
    result = newsdigest.digest(text, only=["highlights"], settings=options)
    if count is not None:
        assert len(result.highlights) <= count
    for highlight in result.highlights:
        assert_faithful(text, highlight)
