"""Time expressions one at a time: what is found, and the TIMEX3 value it resolves to.

Every expected value was worked out by hand from a calendar. Unless a case says
otherwise the story is published on Wednesday 2013-11-06 (ISO week 45).
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdigest.analysis import Analysis
from newsdigest.dates import find_dates
from newsdigest.model import Article, DateMention

WEDNESDAY = dt.date(2013, 11, 6)


def dates_of(text: str, published: dt.date | None = WEDNESDAY) -> list[DateMention]:
    return list(find_dates(Analysis(Article(text=text, published=published))))


def only_date(text: str, published: dt.date | None = WEDNESDAY) -> DateMention:
    found = dates_of(text, published)
    assert len(found) == 1, [(m.text, m.value) for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # weekdays: the publication day itself, the days before, and ahead when future
        ("The mayor on Wednesday rejected the advice.", "Wednesday", "2013-11-06"),
        ("He admitted it for the first time Tuesday.", "Tuesday", "2013-11-05"),
        ("The council met Monday to discuss it.", "Monday", "2013-11-04"),
        ("Police said Thursday that they had the video.", "Thursday", "2013-10-31"),
        ("The council will vote on Friday.", "Friday", "2013-11-08"),
        ("A motion could be voted on next Wednesday.", "next Wednesday", "2013-11-13"),
        ("The deal was signed last Friday.", "last Friday", "2013-11-01"),
        ("He spoke Tuesday night.", "Tuesday night", "2013-11-05TNI"),
        # days, weeks, months, years relative to the publication date
        ("She arrived yesterday.", "yesterday", "2013-11-05"),
        ("The results come out tomorrow.", "tomorrow", "2013-11-07"),
        ("Stocks fell today.", "today", "2013-11-06"),
        ("Police announced last week they had a copy.", "last week", "2013-W44"),
        ("The inquiry opens this week.", "this week", "2013-W45"),
        ("A judge will decide early next week.", "early next week", "2013-W46"),
        ("Sales rose last month.", "last month", "2013-10"),
        ("The plant opens next month.", "next month", "2013-12"),
        ("He said it happened a year ago.", "a year ago", "2012"),
        ("The fund lost money last year.", "last year", "2012"),
        ("A decision could come later this year.", "later this year", "2013"),
        ("He may leave early next year.", "early next year", "2014"),
        ("She moved there two weeks ago.", "two weeks ago", "2013-W43"),
        ("It began three months ago.", "three months ago", "2013-08"),
        ("He was there five days ago.", "five days ago", "2013-11-01"),
        # months without a year: the nearest, weighed by tense
        ("An exodus started in May when the reports emerged.", "May", "2013-05"),
        ("The talks resume in December.", "December", "2013-12"),
        ("The shop closed in April.", "April", "2013-04"),
        ("Dividends are payable Jan. 15, the company said.", "Jan. 15", "2014-01-15"),
        ("The ruling is due on Nov. 20.", "Nov. 20", "2013-11-20"),
        ("Trading ended Sept. 30.", "Sept. 30", "2013-09-30"),
        # absolute dates
        ("He plans to run in the October 2014 election.", "October 2014", "2014-10"),
        ("The law passed on Nov. 5, 2013.", "Nov. 5, 2013", "2013-11-05"),
        ("The law passed on 5 November 2013.", "5 November 2013", "2013-11-05"),
        ("The file is dated 2013-11-05.", "2013-11-05", "2013-11-05"),
        ("The company was founded in 1998.", "1998", "1998"),
        ("Prices peaked in the 1990s.", "the 1990s", "199"),
        ("It was built in the 20th century.", "the 20th century", "19"),
        ("It happened in nineteen ninety-six.", "nineteen ninety-six", "1996"),
        ("The drought of the summer of 2022 was long.", "the summer of 2022", "2022-SU"),
        # seasons, quarters and holidays
        ("Crowds were smaller last summer.", "last summer", "2013-SU"),
        ("Profit rose in the third quarter.", "the third quarter", "2013-Q3"),
        ("Third-quarter profit rose 5%.", "Third-quarter", "2013-Q3"),
        ("Sales fell in the first half of 2012.", "the first half of 2012", "2012-H1"),
        ("The shop will reopen before Christmas.", "Christmas", "2013-12-25"),
        # times of day
        ("Ford arrived at City Hall just past noon on Wednesday.", None, "2013-11-06T12:00"),
        ("The polls close at 8 p.m.", "8 p.m.", "2013-11-06T20:00"),
        ("The vote is at 10:30 a.m. Friday.", "10:30 a.m. Friday", "2013-11-08T10:30"),
        ("Officials met this morning.", "this morning", "2013-11-06TMO"),
        ("The offer will expire at midnight Friday.", "midnight Friday", "2013-11-08T24:00"),
        ("The fire started last night.", "last night", "2013-11-05TNI"),
        # durations, sets and the vague references
        ("He has served three years in office.", "three years", "P3Y"),
        ("The talks lasted 18 months.", "18 months", "P18M"),
        ("It took several years to build.", "several years", "PXY"),
        ("He waited for hours.", "hours", "PTXH"),
        ("Prices rose in recent years.", "recent years", "PXY"),
        ("The test lasted 90 minutes.", "90 minutes", "PT90M"),
        ("She spent about 5 1/2 hours there.", "about 5 1/2 hours", "PT5H30M"),
        ("The repairs took half a year.", "half a year", "P6M"),
        ("The ferry carries 1,200 passengers a day.", "a day", "P1D"),
        ("The paper is printed daily.", "daily", "P1D"),
        ("The club meets every Tuesday.", "every Tuesday", "XXXX-WXX-2"),
        ("He is now the leader.", "now", "PRESENT_REF"),
        ("She recently left the firm.", "recently", "PAST_REF"),
        ("The plan may change in the future.", "the future", "FUTURE_REF"),
    ],
)
def test_expression_resolves_to_timex3_value(
    sentence: str, expression: str | None, value: str
) -> None:
    found = dates_of(sentence)
    matching = [m for m in found if m.value == value]
    assert matching, [(m.text, m.value) for m in found]
    if expression is not None:
        assert matching[0].text == expression


def test_durations_and_sets_have_their_types() -> None:
    assert only_date("He has served three years.").type == "DURATION"
    assert only_date("It is printed daily.").type == "SET"
    assert only_date("They met at 3 p.m.").type == "TIME"
    assert only_date("They met on Monday.").type == "DATE"


@pytest.mark.parametrize(
    "sentence",
    [
        "She may go to the meeting.",
        "Protesters march on City Hall.",
        "The 6-year-old boy was found safe.",
        "Police have a second tape.",
        "He scored 2013 points and 1990 workers left.",
        "The plan cost $2,000 and employs 1,500 workers.",
        "The fee rose from $1,995 to $2,010.50 per person.",
    ],
)
def test_words_that_are_not_time_expressions_are_left_alone(sentence: str) -> None:
    assert dates_of(sentence) == []


def test_without_publication_date_relative_values_are_null_and_absolute_ones_resolve() -> None:
    text = "On March 3, 2021, the plant closed. Last week it reopened for three days in 1998 style."
    values = {m.text: m.value for m in dates_of(text, published=None)}
    assert values["March 3, 2021"] == "2021-03-03"
    assert values["Last week"] is None
    assert values["three days"] == "P3D"
    assert values["1998"] == "1998"


def test_weekday_without_publication_date_is_null() -> None:
    assert only_date("He resigned on Tuesday.", published=None).value is None


def test_earnings_story_compares_with_the_same_quarter_a_year_earlier() -> None:
    story = (
        "Acme Corp. said its third-quarter profit rose 12% to $40 million from $35.7 million "
        "a year earlier. Sales in the quarter climbed to $410 million. For the first nine "
        "months, profit was $110 million. The company expects fourth-quarter sales of about "
        "$430 million."
    )
    values = {m.text: m.value for m in dates_of(story, published=dt.date(2024, 10, 24))}
    assert values["third-quarter"] == "2024-Q3"
    assert values["a year earlier"] == "2023-Q3"
    assert values["the quarter"] == "2024-Q3"
    assert values["the first nine\nmonths".replace("\n", " ")] == "P9M"
    assert values["fourth-quarter"] == "2024-Q4"


def test_narrative_expressions_count_from_the_last_date_named() -> None:
    story = (
        "The bridge opened on March 3, 2021. The next day it closed again, and it stayed shut "
        "the following week. It had been planned in 1998, and that year the money ran out."
    )
    values = {m.text: m.value for m in dates_of(story)}
    assert values["The next day"] == "2021-03-04"
    assert values["the following week"] == "2021-W10"
    assert values["that year"] == "1998"


def test_narrative_expression_without_an_earlier_date_counts_from_publication() -> None:
    assert only_date("The board met again the following week.").value == "2013-W46"


def test_since_and_perfect_tense_put_a_date_in_the_past() -> None:
    assert only_date("Searches have gone on since Oct. 23.").value == "2013-10-23"
    assert only_date("The firm has hired staff since December.").value == "2012-12"
