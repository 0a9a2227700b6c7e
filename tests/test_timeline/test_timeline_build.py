"""The timeline: dated clauses in date order, each linked to its date mentions and sentence."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdigest
from helpers import EXAMPLE_PUBLISHED, SEED_PUBLISHED
from newsdigest.model import Digest
from newsdigest.timeline import calendar_start, order_point


def check_links(result: Digest) -> None:
    text = result.text
    starts = []
    for event in result.timeline:
        assert text[event.span.start : event.span.end] == event.text
        assert event.sentence.contains(event.span)
        assert event.dates
        for index in event.dates:
            mention = result.dates[index]
            assert mention.value == event.date
            assert event.span.contains(mention.span)
        assert calendar_start(event.date) is not None
        points = [order_point(event.date, result.dates[i].mod) for i in event.dates]
        starts.append(min(p for p in points if p is not None))
    assert starts == sorted(starts)


def test_seed_timeline_orders_the_story(seed_story: str) -> None:
    result = newsdigest.digest(seed_story, published=SEED_PUBLISHED, only=["dates", "timeline"])
    check_links(result)
    dates = [e.date for e in result.timeline]
    assert dates.index("2013-11-05") < dates.index("2013-11-06") < dates.index("2013-11-13")
    vote = next(e for e in result.timeline if e.date == "2013-11-13")
    assert "next Wednesday" in vote.text and "motion" in vote.text
    assert "2014-10" in dates


def test_example_timeline_has_clauses_not_only_sentences(example_story: str) -> None:
    result = newsdigest.digest(
        example_story, published=EXAMPLE_PUBLISHED, only=["dates", "timeline"]
    )
    check_links(result)
    by_date = {e.date: e for e in result.timeline}
    assert set(by_date) >= {"2019", "2024-05", "2026-03-09", "2026-03-10", "2026-03-18"}
    postponed = by_date["2026-03-10"]
    assert postponed.text.startswith("Harbour Falls city council on Tuesday postponed a vote")
    assert "residents packed" not in postponed.text and postponed.span != postponed.sentence
    assert "P2Y" not in by_date and "P1D" not in by_date


def test_durations_sets_and_references_date_no_event() -> None:
    story = "He served three years. The paper is printed daily. He is now the leader."
    result = newsdigest.digest(story, published="2020-05-05", only=["dates", "timeline"])
    assert [m.value for m in result.dates] == ["P3Y", "P1D", "PRESENT_REF"]
    assert result.timeline == ()


def test_without_publication_date_only_absolute_dates_make_events() -> None:
    story = "The plant closed on Tuesday. It had opened in March 1998."
    result = newsdigest.digest(story, only=["dates", "timeline"])
    assert [e.date for e in result.timeline] == ["1998-03"]


def test_two_mentions_of_one_date_in_one_clause_make_one_event() -> None:
    story = "The vote on Friday, Nov. 8, 2013 was delayed. Officials met on 8 November 2013 too."
    result = newsdigest.digest(story, published="2013-11-06", only=["dates", "timeline"])
    check_links(result)
    assert [e.date for e in result.timeline] == ["2013-11-08", "2013-11-08"]


@pytest.mark.parametrize(
    ("value", "start"),
    [
        ("2013-11-05", dt.datetime(2013, 11, 5)),
        ("2013-11-06T12:30", dt.datetime(2013, 11, 6, 12, 30)),
        ("2013-11-06TMO", dt.datetime(2013, 11, 6, 6)),
        ("2013-11-06T24:00", dt.datetime(2013, 11, 7)),
        ("2013-11", dt.datetime(2013, 11, 1)),
        ("2013-W46", dt.datetime(2013, 11, 11)),
        ("2013-W46-WE", dt.datetime(2013, 11, 16)),
        ("2013-Q3", dt.datetime(2013, 7, 1)),
        ("2013-H2", dt.datetime(2013, 7, 1)),
        ("2013-SU", dt.datetime(2013, 6, 1)),
        ("2013", dt.datetime(2013, 1, 1)),
        ("199", dt.datetime(1990, 1, 1)),
        ("19", dt.datetime(1900, 1, 1)),
        ("P3Y", None),
        ("PRESENT_REF", None),
        ("XXXX-WXX-2", None),
        ("2013-02-30", None),
        (None, None),
        # the last year the calendar holds has no end to order by
        ("9999", None),
        ("9999-12-31", None),
    ],
)
def test_calendar_start_of_timex3_values(value: str | None, start: dt.datetime | None) -> None:
    assert calendar_start(value) == start


@pytest.mark.parametrize(
    ("value", "mod", "point"),
    [
        ("2013", None, dt.datetime(2013, 1, 1)),
        ("2013", "START", dt.datetime(2013, 1, 1)),
        ("2013", "APPROX", dt.datetime(2013, 1, 1)),
        ("2013", "MID", dt.datetime(2013, 7, 2, 12)),
        ("2013", "END", dt.datetime(2013, 10, 1, 18)),
        ("2013", "AFTER", dt.datetime(2014, 1, 1)),
        ("2013-11", "END", dt.datetime(2013, 11, 23, 12)),
        ("2013-11-05", "END", dt.datetime(2013, 11, 5, 18)),
        ("2013-W46", "MID", dt.datetime(2013, 11, 14, 12)),
        ("199", "MID", dt.datetime(1995, 1, 1)),
        ("P3Y", "APPROX", None),
    ],
)
def test_order_point_moves_by_the_mod(
    value: str, mod: str | None, point: dt.datetime | None
) -> None:
    assert order_point(value, mod) == point


def test_later_this_year_sorts_late_in_the_year() -> None:
    story = (
        "The ferry will run again later this year. The council approved the budget in "
        "March. Repairs are due to finish in June. Early this year the pier was closed."
    )
    result = newsdigest.digest(story, published="2026-01-20", only=["dates", "timeline"])
    check_links(result)
    order = [e.text for e in result.timeline]
    assert [e.date for e in result.timeline] == ["2026", "2026-03", "2026-06", "2026"]
    assert order[0].startswith("Early this year") and order[-1].startswith("The ferry")


WORDS = [
    "On", "Monday", "the", "vote", "was", "held", "in", "May", "2012", ",", "and", "but",
    "next", "week", "a", "year", "ago", ".", ";", "\n", "he", "said", "three", "days",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=40))
def test_timeline_links_hold_for_any_story(words: list[str]) -> None:
    text = " ".join(words)
    if not text.strip():
        return
    check_links(newsdigest.digest(text, published="2012-06-15", only=["dates", "timeline"]))
