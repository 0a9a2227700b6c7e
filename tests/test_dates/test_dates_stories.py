"""Whole stories with hand-checked dates: the seed story and stories of our own."""

from __future__ import annotations

import datetime as dt

import newsdigest
from helpers import EXAMPLE_PUBLISHED, SEED_PUBLISHED
from newsdigest.analysis import Analysis
from newsdigest.dates import find_dates
from newsdigest.model import Article, Digest
from newsdigest.timeline import build_timeline

# A story of our own, published on Friday 2025-07-18 (ISO week 29).
DROUGHT_STORY = """\
Reservoirs hit lowest level in three years as board weighs new limits

The regional water board said on Thursday that reservoir levels had fallen to their lowest \
point since the summer of 2022. Board chair Lena Ortiz told reporters the drought, now in its \
third year, could last until the autumn.

"We have asked farmers to cut use by 20 percent for the next six weeks," she said.

Two weeks ago the board rejected a plan to ship water from the north. A public meeting is \
planned for next Tuesday, and new limits will take effect on Aug. 1.

The board last imposed limits in 2019, when rain returned in early December. Levels are \
checked daily. Ortiz said the board will report again at 9 a.m. on Monday.
"""


def values(result: Digest) -> dict[str, str | None]:
    return {m.text: m.value for m in result.dates}


def test_seed_story_resolves_its_relative_dates(seed_story: str) -> None:
    result = newsdigest.digest(seed_story, published=SEED_PUBLISHED, only=["dates"])
    found = values(result)
    assert len(result.dates) >= 8
    assert found["Tuesday"] == "2013-11-05"
    assert found["next Wednesday"] == "2013-11-13"
    assert found["Wednesday"] == "2013-11-06"
    assert found["last week"] == "2013-W44"
    assert found["May"] == "2013-05"
    assert found["October 2014"] == "2014-10"
    assert found["early next week"] == "2013-W46"
    assert found["later this year"] == "2013"
    assert found["early next year"] == "2014"
    assert found["a year ago"] == "2012"
    assert found["just past noon on Wednesday"] == "2013-11-06T12:00"


def test_seed_story_without_publication_date_keeps_absolute_dates(seed_story: str) -> None:
    found = values(newsdigest.digest(seed_story, only=["dates"]))
    assert found["October 2014"] == "2014-10"
    assert found["Tuesday"] is None and found["next Wednesday"] is None


def test_example_story_dates(example_story: str) -> None:
    found = values(newsdigest.digest(example_story, published=EXAMPLE_PUBLISHED, only=["dates"]))
    assert found == {
        "Tuesday": "2026-03-10",
        "next month": "2026-04",
        "May 2024": "2024-05",
        "a day": "P1D",
        "two years": "P2Y",
        "next Wednesday": "2026-03-18",
        "2019": "2019",
        "every winter": "XXXX-WI",
        "last week": "2026-W10",
        "every summer": "XXXX-SU",
        "January": "2026-01",
        "early next week": "2026-W12",
        "later this year": "2026",
        "Monday": "2026-03-09",
    }


def test_drought_story_dates() -> None:
    result = newsdigest.digest(DROUGHT_STORY, published="2025-07-18", only=["dates"])
    found = values(result)
    assert found["three years"] == "P3Y"
    assert found["Thursday"] == "2025-07-17"
    assert found["the summer of 2022"] == "2022-SU"
    assert found["now"] == "PRESENT_REF"
    assert found["the autumn"] == "2025-FA"
    assert found["the next six weeks"] == "P6W"
    assert found["Two weeks ago"] == "2025-W27"
    assert found["next Tuesday"] == "2025-07-22"
    assert found["Aug. 1"] == "2025-08-01"
    assert found["2019"] == "2019"
    assert found["early December"] == "2024-12"
    assert found["daily"] == "P1D"
    assert found["9 a.m. on Monday"] == "2025-07-21T09:00"


def test_every_mention_points_at_its_words() -> None:
    result = newsdigest.digest(DROUGHT_STORY, published=dt.date(2025, 7, 18), only=["dates"])
    for mention in result.dates:
        assert DROUGHT_STORY[mention.span.start : mention.span.end] == mention.text


def test_dates_alone_never_run_spacy() -> None:
    analysis = Analysis(Article(text=DROUGHT_STORY, published=dt.date(2025, 7, 18)))
    build_timeline(analysis, find_dates(analysis))
    assert "doc" not in analysis.__dict__ and "ner" not in analysis.__dict__
