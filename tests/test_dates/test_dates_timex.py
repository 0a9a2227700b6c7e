"""TIMEX3 calendar values read back, and the arithmetic of quarters."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdigest.dates.timex import (
    last_finished_quarter,
    named_quarter,
    quarter_of,
    read_value,
    shift_quarter,
)

D = dt.datetime


@pytest.mark.parametrize(
    ("value", "grain", "day", "start", "end"),
    [
        ("2013-11-05", "day", dt.date(2013, 11, 5), D(2013, 11, 5), D(2013, 11, 6)),
        ("2013-11-05T14:30", "time", dt.date(2013, 11, 5), D(2013, 11, 5, 14, 30),
         D(2013, 11, 5, 14, 30)),
        # midnight is the end of the day it is written on
        ("2013-11-05T24:00", "time", dt.date(2013, 11, 5), D(2013, 11, 6), D(2013, 11, 6)),
        ("2013-11-05TEV", "day part", dt.date(2013, 11, 5), D(2013, 11, 5, 18), D(2013, 11, 6)),
        ("2013-W45", "week", dt.date(2013, 11, 4), D(2013, 11, 4), D(2013, 11, 11)),
        ("2013-W45-WE", "weekend", dt.date(2013, 11, 9), D(2013, 11, 9), D(2013, 11, 11)),
        ("2013-11", "month", dt.date(2013, 11, 1), D(2013, 11, 1), D(2013, 12, 1)),
        ("2013-Q4", "quarter", dt.date(2013, 10, 1), D(2013, 10, 1), D(2014, 1, 1)),
        ("2013-H2", "half", dt.date(2013, 7, 1), D(2013, 7, 1), D(2014, 1, 1)),
        ("2013-WI", "season", dt.date(2013, 12, 1), D(2013, 12, 1), D(2014, 3, 1)),
        ("2013", "year", dt.date(2013, 1, 1), D(2013, 1, 1), D(2014, 1, 1)),
        ("199", "decade", dt.date(1990, 1, 1), D(1990, 1, 1), D(2000, 1, 1)),
        ("20", "century", dt.date(2000, 1, 1), D(2000, 1, 1), D(2100, 1, 1)),
    ],
)  # fmt: skip
def test_a_calendar_value_is_read_with_its_grain_day_and_period(
    value: str, grain: str, day: dt.date, start: dt.datetime, end: dt.datetime
) -> None:
    read = read_value(value)
    assert read is not None
    assert (read.grain, read.day, read.start, read.end) == (grain, day, start, end)


@pytest.mark.parametrize(
    "value",
    [None, "", "P3Y", "PXD", "PRESENT_REF", "XXXX-WXX-2", "1989-WXX", "2013-02-30", "2013-W54"],
)
def test_what_names_no_stretch_of_the_calendar_reads_as_none(value: str | None) -> None:
    assert read_value(value) is None


def test_quarters_shift_across_years() -> None:
    assert shift_quarter(2013, 1, -1) == (2012, 4)
    assert shift_quarter(2013, 4, 1) == (2014, 1)
    assert shift_quarter(2013, 2, -8) == (2011, 2)
    assert quarter_of(dt.date(2013, 9, 30)) == 3
    assert last_finished_quarter(dt.date(2013, 2, 1)) == (2012, 4)


def test_only_a_quarter_value_names_a_quarter() -> None:
    assert named_quarter("2013-Q3") == (2013, 3)
    assert named_quarter("2013-H1") is None
    assert named_quarter("2013-07") is None
