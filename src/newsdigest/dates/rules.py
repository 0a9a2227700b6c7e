"""The date rules, in priority order: each one :class:`~newsdigest.dates.rule.Rule` record.

A new rule is one declaration here: its name, its pattern (pieces from
:mod:`~newsdigest.dates.patterns`), its anchor classes, its resolver and, if needed, a
filter. Overlapping matches are settled leftmost-longest, then by the order below.
"""

from __future__ import annotations

from newsdigest.dates import days, filters, lengths, offsets, periods
from newsdigest.dates.holidays import holiday
from newsdigest.dates.lexicon import AMOUNT, MONTH, SPOKEN_YEAR_REST, UNIT, WEEKDAY, YEAR
from newsdigest.dates.patterns import (
    AGO_QUALIFIER,
    CENTURY_WORDS,
    CLOCK,
    DAY_NUM,
    DAYS,
    DECADE_WORDS,
    EDGE,
    EVERY_UNIT,
    HOLIDAY,
    NARRATIVE,
    PART,
    PRESENT,
    QUALIFIER,
    QUARTER_MOD,
    QUARTER_ORDINAL,
    RELATIVE,
    REPORTING_PERIOD,
    SEASON,
    SET_WORDS,
    TIME_ANCHOR,
    TZ,
    YEAR_EDGE,
    i,
)
from newsdigest.dates.rule import Rule

_FULL_DATE_YEAR = rf"(?:,?\s+(?P<year>{YEAR})\b)?"

RULES: tuple[Rule, ...] = (
    Rule(
        "date_iso",
        rf"\b(?P<year>{YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b",
        ("digit",),
        days.full_date,
    ),
    Rule(
        "date_slash",
        r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d\d)\b",
        ("digit",),
        days.full_date,
    ),
    Rule(
        "date_mdy",
        rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+{DAY_NUM}{_FULL_DATE_YEAR}",
        ("month",),
        days.full_date,
    ),
    Rule(
        "date_dmy",
        rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?\b{DAY_NUM}\s+(?:{i('of')}\s+)?(?P<month>{MONTH})"
        rf"{_FULL_DATE_YEAR}",
        ("month",),
        days.full_date,
    ),
    Rule(
        "week_of",
        rf"\b(?:{i('the')}\s+)?{i('week of')}\s+(?P<month>{MONTH})\s+{DAY_NUM}{_FULL_DATE_YEAR}",
        ("unit",),
        days.week_of,
    ),
    Rule(
        "time",
        rf"(?:(?P<before>{TIME_ANCHOR})(?:,?\s+{i('at')})?\s+)?\b{CLOCK}{TZ}"
        rf"(?:,?\s+(?:{i('on')}\s+)?(?:(?P<after>{TIME_ANCHOR})"
        rf"|(?P<month>{MONTH})\s+(?P<day>[0-3]?\d)\b(?:,?\s+(?P<year>{YEAR})\b)?))?",
        ("digit", "clock"),
        days.clock_time,
    ),
    Rule(
        "month_year",
        rf"(?:(?P<edge>{i(EDGE)})[-\s]+)?(?P<month>{MONTH})(?:\s+{i('of')})?,?\s+"
        rf"(?P<year>{YEAR})\b",
        ("month",),
        periods.month_year,
    ),
    Rule(
        "month_rel",
        rf"(?:(?P<edge>{i(EDGE)})[-\s]+)?(?:(?P<rel>{i(RELATIVE)})\s+)?(?P<month>{MONTH})"
        rf"(?:\s+(?P<rel_after>{i('last|this|next')})\s+{i('year')})?\b",
        ("month",),
        periods.month_relative,
        filters.bare_month,
    ),
    Rule(
        "weekday",
        rf"(?:(?P<edge>{i('early|late')})\s+)?(?:(?P<rel>{i(RELATIVE)})\s+)?"
        rf"(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{i(PART)}))?\b(?!s)",
        ("weekday",),
        days.weekday,
    ),
    Rule(
        "day_rel",
        rf"\b(?:(?P<edge>{i('early|late|earlier|later')})\s+)?"
        rf"(?P<day>{i(DAYS)})(?:\s+(?P<part>{i(PART)}))?\b",
        ("day",),
        days.day_relative,
    ),
    Rule(
        "day_part",
        rf"\b(?P<rel>{i('this|last|tomorrow|yesterday')})\s+(?P<part>{i(PART)})\b",
        ("part",),
        days.day_part,
    ),
    Rule(
        "unit_rel",
        rf"\b(?:(?P<edge>{i(EDGE)})\s+)?(?:(?P<rel>{i(RELATIVE)}|{i('the')})\s+)"
        rf"(?:(?P<fiscal>{i('fiscal|calendar|full')})\s+)?"
        rf"(?P<unit>{i('week|weekend|month|year|decade|century')})\b(?!-)"
        rf"(?P<ended>\s+{i('ended|ending|to date|earlier|ago')}\b)?",
        ("unit",),
        offsets.unit_relative,
    ),
    Rule(
        "narrative",
        rf"\b(?P<rel>{i(NARRATIVE)})\s+"
        rf"(?P<unit>{i('day|morning|afternoon|evening|night|week|month|year')})\b(?!s|')",
        ("unit", "part"),
        offsets.narrative,
    ),
    Rule(
        "year_end",
        rf"\b(?P<unit>{i('year|month|quarter|week')})(?:'s)?[-\s](?P<edge>{i('end')})\b",
        ("unit",),
        offsets.unit_end,
    ),
    Rule(
        "ago",
        rf"\b(?:(?P<qual>{i(AGO_QUALIFIER)})\s+)?"
        rf"(?P<amount>{i(AMOUNT)})\s+(?P<unit>{i(UNIT)})\s+"
        rf"(?:(?P<dir>{i('ago|earlier|from now|hence')})\b"
        rf"|(?P<dir2>{i('before|after')})(?=\s*[.,;!?\"”]|\s*$))",
        ("unit",),
        offsets.ago,
    ),
    Rule(
        "year_ago",
        rf"\b(?P<unit>{i('year|month|week|day')})-(?P<dir>{i('ago|earlier')})\b",
        ("unit",),
        offsets.year_ago,
    ),
    Rule(
        "quarter",
        rf"\b(?:(?P<the>{i('the')})\s+)?(?:(?P<yearpos>{YEAR})(?:'s)?\s+|(?P<thisyear>"
        rf"{i('this|last|next')})\s+{i('year')}'s\s+)?"
        rf"(?:(?P<mod>{i(QUARTER_MOD)})[-\s]+)?"
        rf"(?:(?P<mod2>{i('fiscal|calendar')})\s+)?"
        rf"(?:(?P<ord>{i(QUARTER_ORDINAL)})[-\s]"
        rf"(?:(?P<mod3>{i('fiscal')})[-\s])?)?"
        rf"(?P<unit>{i(REPORTING_PERIOD)})(?!s)\b(?!-)"
        rf"(?:,?\s+(?:{i('of')}\s+)?(?:{i('fiscal')}\s+)?(?P<year>{YEAR})\b)?",
        ("quarter",),
        periods.quarter,
        filters.reporting_period,
    ),
    Rule(
        "year_period",
        rf"\b{i('the')}\s+(?P<year>{YEAR})\s+(?P<unit>{i('period|quarter|season|year')})\b",
        ("digit",),
        periods.written_year,
    ),
    Rule(
        "decade",
        rf"\b(?:{i('the')}\s+)?(?:(?P<edge>{i('early|mid|late')})[-\s]+)?"
        rf"(?:(?P<decade>1[0-9]\d0|20\d0)'?s|'(?P<short>\d0)s|(?P<words>{i(DECADE_WORDS)}))",
        ("digit", "number"),
        periods.decade,
    ),
    Rule(
        "century",
        rf"\b(?:{i('the')}\s+)?(?:(?P<edge>{i('early|mid|late')})[-\s]+)?"
        rf"(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{i(CENTURY_WORDS)})"
        rf"[-\s]{i('century')}\b",
        ("unit",),
        periods.century,
    ),
    Rule(
        "season",
        rf"\b(?:(?P<rel>{i('last|this|next|early|late|the|mid|past|coming')})[-\s]+)?"
        rf"(?P<season>{i(SEASON)})(?:\s+(?:{i('of')}\s+)?(?P<year>{YEAR}))?\b",
        ("season",),
        periods.season,
        filters.bare_season,
    ),
    Rule(
        "spoken_year",
        rf"\b(?:(?P<the>{i('the year')})\s+)?(?P<century>{i('nineteen|twenty')})[-\s]+"
        rf"(?P<rest>{i(SPOKEN_YEAR_REST)})\b"
        rf"|\b{i('the year')}\s+(?P<thousand>{i('two thousand')})\b",
        ("number", "unit"),
        periods.spoken_year,
    ),
    Rule(
        "year",
        rf"(?:(?P<edge>{i(YEAR_EDGE)})[-\s]+|(?<![\d$#.,-]))"
        rf"(?P<year>{YEAR})\b(?![.,]\d|-\d|\s*(?:%|{i('percent')}))",
        ("digit",),
        periods.written_year,
        filters.year_not_count,
    ),
    Rule(
        "per",
        rf"\d[\d,.]*%?(?:\s+[a-z]+){{0,2}}\s+(?P<x>{i('a|an|per')}\s+"
        rf"(?P<unit>{i('hour|day|night|week|month|year')}))\b",
        ("unit",),
        lengths.per_unit,
    ),
    Rule(
        "times_per",
        rf"\b(?:{i('once|twice|thrice')}|(?:{i(AMOUNT)})\s+{i('times')})\s+"
        rf"{i('a|an|per|each|every')}\s+(?P<unit>{i('hour|day|night|week|month|year')})\b",
        ("unit",),
        lengths.per_unit,
    ),
    Rule(
        "duration",
        rf"\b(?:(?P<qual>{i(QUALIFIER)})\s+)?(?P<amount>{i(AMOUNT)})[-\s]+"
        rf"(?P<unit>{i(UNIT)})\b(?![-\s]+{i('old')}\b)(?:[-\s]+{i('long')}\b)?",
        ("unit",),
        lengths.duration,
        filters.counted_units,
    ),
    Rule(
        "plural_units",
        rf"\b(?:{i('for|over|in|within|took|take|takes|lasted|last|spent|spend')})\s+"
        rf"(?P<x>(?P<unit>{i('years|months|weeks|days|decades|centuries|hours')}))\b",
        ("unit",),
        lengths.some_units,
    ),
    Rule(
        "recent_units",
        rf"\b(?P<when>{i('recent|coming')})\s+(?P<unit>{i('years|months|weeks|days|decades')})\b",
        ("unit",),
        lengths.some_units,
    ),
    Rule(
        "reference",
        rf"\b(?P<present>{i(PRESENT)}|{i('current')})\b"
        rf"|\b(?P<past>{i('recently|lately|the past')})\b"
        rf"|\b(?P<future>{i('the future|the near future|the years ahead')})\b",
        ("reference",),
        offsets.vague_time,
        filters.current_as_now,
    ),
    Rule(
        "set",
        rf"\b(?P<adverb>{i(SET_WORDS)})\b"
        rf"|\b{i('every')}\s+(?P<amount>{i('other')}|{i(AMOUNT)})\s+"
        rf"(?P<units>{i(UNIT)})\b"
        rf"|\b(?P<every>{i('every|each')})\s+"
        rf"(?:(?P<weekday>{WEEKDAY})|(?P<unit>{i(EVERY_UNIT)}))\b"
        rf"|\b(?P<weekdays>{WEEKDAY})s\b",
        ("set", "weekday"),
        lengths.recurring,
    ),
    Rule(
        "holiday",
        rf"\b(?P<holiday>{HOLIDAY})\b(?:,?\s+(?P<year>{YEAR})\b)?",
        ("holiday", "unit", "month"),
        holiday,
    ),
)
