"""The pipeline computes the sections asked for, and those their items refer to."""

from __future__ import annotations

import pytest

import newsdigest
from newsdigest.errors import ConfigError

STORY = (
    'Mayor Elena Marsh said on Tuesday that the vote would wait. "We need more time," Marsh said.'
)


def test_timeline_alone_brings_the_dates_its_indexes_name() -> None:
    data = newsdigest.digest(STORY, published="2026-03-11", only=["timeline"]).to_dict()
    assert set(data) >= {"timeline", "dates"} and "highlights" not in data
    for event in data["timeline"]:
        assert all(0 <= i < len(data["dates"]) for i in event["dates"])


def test_quotes_alone_bring_the_cast_their_speakers_name() -> None:
    result = newsdigest.digest(STORY, only=["quotes"])
    data = result.to_dict()
    assert "entities" in data and "highlights" not in data and "dates" not in data
    speakers = {q["speaker"] for q in data["quotes"]} - {None}
    assert speakers and all(result.entity(s) is not None for s in speakers)


def test_highlights_alone_leave_every_other_section_out() -> None:
    data = newsdigest.digest(STORY, only=["highlights"]).to_dict()
    assert [k for k in ("entities", "quotes", "dates", "timeline") if k in data] == []


def test_unknown_section_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="unknown section weather"):
        newsdigest.digest(STORY, only=["weather"])
