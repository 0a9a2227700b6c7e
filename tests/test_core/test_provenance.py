"""Provenance, the spine: every span of every digest indexes the exact text given."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import newsdigest
from newsdigest.errors import InputError

FRAGMENTS = [
    "Mayor Elena Marsh said on Tuesday",
    '"We will decide next week," she said.',
    "“It is over,” said Deputy Mayor Simon Hale.",
    "‘Not yet,’ he told reporters.",
    "``A dignified exit,'' Councillor Raj Patel said",
    "According to Dr. Amina Okafor, the site floods.",
    "The vote is at 3 p.m. on March 4, 2026.",
    "last week",
    "in May",
    "three years ago",
    "early next week",
    "U.S. Gov. Jim Ray",
    '"unbalanced quote',
    "?!",
    "\n\n",
    "\n",
    "  ",
    "Ferry",
    "Северный порт",
    "東京",
    "é",
    "\u00a0",
    "'",
    "’s",
]

news_like = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25).map(" ".join)
stories = st.one_of(
    news_like,
    st.text(min_size=1, max_size=400),
    news_like.flatmap(lambda base: st.text(max_size=40).map(lambda noise: base + noise)),
)


def spans_in(data: dict[str, Any]) -> list[tuple[str, list[int]]]:
    found: list[tuple[str, list[int]]] = []
    for item in data["highlights"]:
        found += [("highlight", pair) for pair in item["spans"]]
    for item in data["entities"]:
        found += [("mention", pair) for pair in item["mentions"]]
        found += [("title", pair) for pair in item["title_spans"]]
    for item in data["quotes"]:
        found += [("quote", item["span"])]
        found += [(name, item[name]) for name in ("speaker_span", "cue_span") if item[name]]
    for item in data["dates"]:
        found.append(("date", item["span"]))
    for item in data["timeline"]:
        found += [("sentence", item["sentence"]), ("event", item["span"])]
    return found


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=stories, published=st.sampled_from([None, "2026-03-11", "1999-12-31"]))
def test_every_span_indexes_the_exact_text(text: str, published: str | None) -> None:
    try:
        result = newsdigest.digest(text, published=published)
    except InputError:
        assert not text.strip() or any(ord(c) < 32 and c not in "\t\n\r\f" for c in text)
        return
    data = result.to_dict()
    assert data["text"] == text
    for kind, (start, end) in spans_in(data):
        assert 0 <= start < end <= len(text), (kind, start, end)
    for item in data["quotes"] + data["dates"] + data["timeline"]:
        span = item["span"]
        assert item["text"] == text[span[0] : span[1]]
    for item in data["quotes"]:
        if item["speaker_span"]:
            start, end = item["speaker_span"]
            assert item["speaker_text"] == text[start:end]
        if item["speaker"] is not None:
            assert result.entity(item["speaker"]) is not None
    for event in data["timeline"]:
        assert all(0 <= i < len(data["dates"]) for i in event["dates"])


@settings(max_examples=60, deadline=None)
@given(text=stories)
@example(text="0.:")  # the span held a dangling colon the bullet's text left out
@example(text="µ")  # its capital is another letter (Greek mu)
@example(text="ß is a letter.")  # its capital is two letters
def test_highlight_words_are_the_words_of_their_spans(text: str) -> None:
    try:
        result = newsdigest.digest(text, only=["highlights"])
    except InputError:
        return
    for highlight in result.highlights:
        starts = [s.start for s in highlight.spans]
        assert starts == sorted(starts)
        source = " ".join(" ".join(text[s.start : s.end].split()) for s in highlight.spans)
        assert _words(highlight.text) == _words(source)


def _words(text: str) -> list[str]:
    words = text.lower().split()
    if words:
        words[-1] = words[-1].rstrip(".")
    return [w.strip(",;:-–—") for w in words if w.strip(",;:-–—")]
