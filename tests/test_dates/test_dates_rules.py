"""The rule registry: each rule is one declaration, and every word its tables hold is found.

Unless a case says otherwise the story is published on Wednesday 2013-11-06.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdigest.analysis import Analysis
from newsdigest.dates import find_dates, rules
from newsdigest.dates.holidays import HOLIDAYS
from newsdigest.dates.lexicon import MONTHS, ONES, TENS, WEEKDAYS
from newsdigest.dates.recognise import find_candidates
from newsdigest.dates.reference import Groups, Reference, Resolved, choose_year
from newsdigest.dates.rule import Rule
from newsdigest.dates.timex import day_value
from newsdigest.model import Article, DateMention

WEDNESDAY = dt.date(2013, 11, 6)


def dates_of(text: str, published: dt.date | None = WEDNESDAY) -> list[tuple[str, str | None]]:
    mentions: tuple[DateMention, ...] = find_dates(
        Analysis(Article(text=text, published=published))
    )
    return [(m.text, m.value) for m in mentions]


def _ides(groups: Groups, ref: Reference) -> Resolved:
    if ref.date is None:
        return "DATE", None
    return "DATE", day_value(dt.date(choose_year(3, 15, ref), 3, 15))


def test_a_rule_declaration_is_all_a_new_rule_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = "The senators gathered on the Ides of March."
    assert dates_of(sentence) == [("March", "2013-03")]
    ides = Rule("ides", r"\b(?i:the\s+ides\s+of)\s+March\b", ("month",), _ides)
    monkeypatch.setattr(rules, "RULES", (*rules.RULES, ides))
    assert dates_of(sentence) == [("the Ides of March", "2013-03-15")]
    assert dates_of(sentence, published=None) == [("the Ides of March", None)]


def test_a_rule_with_an_unknown_anchor_class_is_refused() -> None:
    with pytest.raises(ValueError, match="anchor classes"):
        Rule("ides", r"ides", ("ides",), _ides)
    with pytest.raises(ValueError, match="anchor classes"):
        Rule("ides", r"ides", (), _ides)


# One sentence per rule, and the expression that rule (and no other) finds in it.
EXAMPLES = {
    "date_iso": ("The filing is dated 2013-11-05.", "2013-11-05"),
    "date_slash": ("The letter is dated 11/5/13 in the file.", "11/5/13"),
    "date_mdy": ("The vote was held Nov. 5.", "Nov. 5"),
    "date_dmy": ("The vote was held on 5 November 2013.", "5 November 2013"),
    "week_of": ("Talks resume the week of March 6.", "the week of March 6"),
    "time": ("The blast came at 10:30 a.m. Friday.", "10:30 a.m. Friday"),
    "month_year": ("The plant closed in October 2014.", "October 2014"),
    "month_rel": ("The plant closed in October.", "October"),
    "weekday": ("The mayor spoke Tuesday.", "Tuesday"),
    "day_rel": ("The mayor spoke yesterday.", "yesterday"),
    "day_part": ("The mayor spoke this morning.", "this morning"),
    "unit_rel": ("The mayor spoke last week.", "last week"),
    "narrative": ("The mayor spoke again the next day.", "the next day"),
    "year_end": ("Sales should recover by year-end.", "year-end"),
    "ago": ("The mine closed three years ago.", "three years ago"),
    "year_ago": ("Profit was down from the year-ago level.", "year-ago"),
    "quarter": ("Profit rose in the third quarter.", "the third quarter"),
    "year_period": ("Profit fell in the 2012 period.", "the 2012 period"),
    "decade": ("The mill boomed in the 1990s.", "the 1990s"),
    "century": ("The mill was built in the 19th century.", "the 19th century"),
    "season": ("The mill reopens next summer.", "next summer"),
    "spoken_year": ("It was built in nineteen ninety-eight.", "nineteen ninety-eight"),
    "year": ("The mill was built in 1998.", "1998"),
    "per": ("The ferry carries 1,200 passengers a day.", "a day"),
    "times_per": ("The board meets twice a year.", "twice a year"),
    "duration": ("The strike lasted three weeks.", "three weeks"),
    "plural_units": ("The strike went on for years.", "years"),
    "recent_units": ("Prices have risen in recent years.", "recent years"),
    "reference": ("The mill is now closed.", "now"),
    "set": ("The ferry sails daily.", "daily"),
    "holiday": ("The ferry stops at Christmas.", "Christmas"),
}


def test_rule_names_are_unique_and_each_rule_has_an_example() -> None:
    names = [rule.name for rule in rules.RULES]
    assert len(names) == len(set(names))
    assert set(names) == set(EXAMPLES)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_each_rule_finds_its_example(name: str) -> None:
    sentence, expression = EXAMPLES[name]
    found = [(sentence[c.start : c.end], c.rule.name) for c in find_candidates(sentence)]
    assert (expression, name) in found, found


@pytest.mark.parametrize("holiday", list(HOLIDAYS))
def test_every_holiday_listed_is_found_and_resolved(holiday: str) -> None:
    expected = day_value(HOLIDAYS[holiday](2012))
    assert dates_of(f"The shop closed on {holiday} 2012.") == [(f"{holiday} 2012", expected)]


FULL_MONTH_NAMES = {max((w for w in MONTHS if MONTHS[w] == n), key=len) for n in range(1, 13)}


@pytest.mark.parametrize("month", list(MONTHS))
def test_every_month_name_and_abbreviation_is_found(month: str) -> None:
    written = month.capitalize() + ("" if month in FULL_MONTH_NAMES else ".")
    expected = f"2012-{MONTHS[month]:02d}"
    assert dates_of(f"The shop closed in {written} 2012.") == [(f"{written} 2012", expected)]


@pytest.mark.parametrize("weekday", list(WEEKDAYS))
def test_every_weekday_name_is_found(weekday: str) -> None:
    sunday = dt.date(2013, 11, 10)
    expected = day_value(sunday - dt.timedelta(days=7 - WEEKDAYS[weekday] % 7))
    sentence = f"The shop closed last {weekday.capitalize()}."
    assert dates_of(sentence, published=sunday) == [(f"last {weekday.capitalize()}", expected)]


@pytest.mark.parametrize("number", [w for w in ONES if ONES[w]] + list(TENS))
def test_every_number_word_counts_a_duration(number: str) -> None:
    value = {**ONES, **TENS}[number]
    assert dates_of(f"The dispute lasted {number} years.") == [(f"{number} years", f"P{value}Y")]
