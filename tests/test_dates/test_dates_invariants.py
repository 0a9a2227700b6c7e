"""Invariants of date finding on any text: provenance, order, and well-formed values."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.analysis import Analysis
from newsdigest.dates import find_dates
from newsdigest.model import Article

TIMEX_VALUE = re.compile(
    r"^(?:\d{2,4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}(?:-WE)?|Q[1-4]|H[12]|SP|SU|FA|WI))?"
    r"(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI))?"
    r"|P(?:T)?(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|H|S|Q|E|C|WE)"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|XXXX-(?:WXX-(?:[1-7]|WE)|XX-XXT(?:MO|NI|EV)|SP|SU|FA|WI))$"
)
WORDS = [
    "Monday", "on", "Tuesday", "last", "next", "week", "May", "may", "2013", "1,500", "$2,000",
    "a", "year", "ago", "three", "years", "the", "third", "quarter", "noon", "p.m.", "3", "10:30",
    "early", "later", "this", "month", "Nov.", "5,", "summer", "every", "daily", "now", "recent",
    "said", "will", "was", "1990s", "20th", "century", "-", ",", ".", "\n", "6-year-old",
]  # fmt: skip
stories = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
published = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(stories, st.text(max_size=200)), day=published)
def test_mentions_are_ordered_disjoint_spans_with_timex3_values(
    text: str, day: dt.date | None
) -> None:
    mentions = find_dates(Analysis(Article(text=text, published=day)))
    end = 0
    for mention in mentions:
        assert end <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.text
        assert "\n" not in mention.text  # sentences, and so timeline events, never cross one
        assert mention.type in {"DATE", "TIME", "DURATION", "SET"}
        assert mention.value is None or TIMEX_VALUE.match(mention.value), mention
        end = mention.span.end


@settings(max_examples=100, deadline=None)
@given(text=stories, day=st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
def test_the_publication_date_changes_values_never_extents(text: str, day: dt.date) -> None:
    dated = find_dates(Analysis(Article(text=text, published=day)))
    undated = find_dates(Analysis(Article(text=text, published=None)))
    assert [m.span for m in dated] == [m.span for m in undated]
    for with_date, without in zip(dated, undated, strict=True):
        if without.value is not None:
            assert with_date.value == without.value
