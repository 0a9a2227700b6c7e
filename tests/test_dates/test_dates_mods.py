"""TIMEX3 ``mod``, and expressions the rules learned with it (sets, fractions, clock words).

The story is published on Wednesday 2013-11-06 (ISO week 45) unless a case says otherwise.
"""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdigest
from newsdigest.analysis import Analysis
from newsdigest.dates import find_dates
from newsdigest.dates.mods import MODS, timex_mod
from newsdigest.model import Article, DateMention
from newsdigest.schema import json_schema

WEDNESDAY = dt.date(2013, 11, 6)


def dates_of(text: str, published: dt.date | None = WEDNESDAY) -> list[DateMention]:
    return list(find_dates(Analysis(Article(text=text, published=published))))


def mention(text: str, expression: str) -> DateMention:
    found = {m.text: m for m in dates_of(text)}
    assert expression in found, [(m.text, m.value) for m in found.values()]
    return found[expression]


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "mod"),
    [
        # a part of a period
        ("A judge will decide early next week.", "early next week", "2013-W46", "START"),
        ("Rents rose earlier this year.", "earlier this year", "2013", "START"),
        ("The factory opened in the early 1990s.", "the early 1990s", "199", "START"),
        ("The ferry sails again in mid-2014.", "mid-2014", "2014", "MID"),
        ("Repairs end in mid-December.", "mid-December", "2013-12", "MID"),
        ("A decision could come later this year.", "later this year", "2013", "END"),
        ("The bridge reopens by the end of the month.", "the end of the month", "2013-11", "END"),
        ("The mill closed in late 1998.", "late 1998", "1998", "END"),
        ("Savings are due by year-end.", "year-end", "2013", "END"),
        # a point in the past, more or less far back
        ("The orchard was planted about two years ago.", "about two years ago", "2011", "APPROX"),
        ("The pier was built more than a decade ago.", "more than a decade ago", "2003", "BEFORE"),
        ("The roof failed nearly two weeks ago.", "nearly two weeks ago", "2013-W43", "AFTER"),
        # the length of a duration
        ("The repairs took about three years.", "about three years", "P3Y", "APPROX"),
        ("The hearing lasted less than an hour.", "less than an hour", "PT1H", "LESS_THAN"),
        ("The strike lasted more than six weeks.", "more than six weeks", "P6W", "MORE_THAN"),
        ("Tenants may stay up to 90 days.", "up to 90 days", "P90D", "EQUAL_OR_LESS"),
        ("The lease runs at least five years.", "at least five years", "P5Y", "EQUAL_OR_MORE"),
        # and none where the words set none
        ("Sales rose last month.", "last month", "2013-10", None),
        ("The vote is next Wednesday.", "next Wednesday", "2013-11-13", None),
        ("The trial lasted three years.", "three years", "P3Y", None),
        ("The market opens daily.", "daily", "P1D", None),
    ],
)
def test_expression_has_timex3_mod(
    sentence: str, expression: str, value: str, mod: str | None
) -> None:
    found = mention(sentence, expression)
    assert (found.value, found.mod) == (value, mod)


@pytest.mark.parametrize(
    ("sentence", "expression", "kind", "value"),
    [
        ("The board meets twice a year.", "twice a year", "SET", "P1Y"),
        ("The choir rehearses three times a week.", "three times a week", "SET", "P1W"),
        ("Bins are emptied every other week.", "every other week", "SET", "P2W"),
        ("The lake is tested every three months.", "every three months", "SET", "P3M"),
        ("Dividends are paid each quarter.", "each quarter", "SET", "P1Q"),
        ("Fares rose 4% a year.", "a year", "SET", "P1Y"),
        ("The dispute lasted two and a half years.", "two and a half years", "DURATION", "P2Y6M"),
        ("Bookings fell in coming weeks, agents fear.", "coming weeks", "DURATION", "PXW"),
        ("The firm expects growth in fiscal year 2014.", "fiscal year 2014", "DATE", "2014"),
        ("The clinic's current director resigned.", "current", "DATE", "PRESENT_REF"),
        ("The hearing is set for the week of Dec. 9.", "the week of Dec. 9", "DATE", "2013-W50"),
        ("The ferry leaves at 6 in the morning.", "6 in the morning", "TIME", "2013-11-06T06:00"),
        ("They dined at 7:30 in the evening.", "7:30 in the evening", "TIME", "2013-11-06T19:30"),
    ],
)
def test_sets_durations_and_clock_words(
    sentence: str, expression: str, kind: str, value: str
) -> None:
    found = mention(sentence, expression)
    assert (found.type, found.value) == (kind, value)


def test_a_colon_after_a_day_keeps_the_date() -> None:
    found = mention("The paper wrote on Monday, Nov. 4: the port must stay open.", "Monday, Nov. 4")
    assert found.value == "2013-11-04"


def test_a_plan_told_in_the_past_points_back() -> None:
    found = mention("The sale had been scheduled to close Friday, but it stalled.", "Friday")
    assert found.value == "2013-11-01"


@pytest.mark.parametrize(
    "sentence",
    [
        "Farmers sell about three-quarters of their grain abroad.",
        "A strong current pulled the boat out.",
    ],
)
def test_fractions_and_other_words_are_not_dates(sentence: str) -> None:
    assert dates_of(sentence) == []


def test_mod_is_in_the_json_contract_and_validates() -> None:
    story = "Work starts early next week and lasts about three years. The mayor spoke Tuesday."
    result = newsdigest.digest(story, published="2013-11-06", only=["dates"])
    data = json.loads(json.dumps(result.to_dict()))
    jsonschema.validate(data, json_schema())
    assert [d["mod"] for d in data["dates"]] == ["START", "APPROX", None]


@given(words=st.text(max_size=40), kind=st.sampled_from(["DATE", "TIME", "DURATION", "SET"]))
def test_timex_mod_is_none_or_a_timeml_mod(words: str, kind: str) -> None:
    assert timex_mod(words, kind) in (*MODS, None)
