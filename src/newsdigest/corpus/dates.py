"""Date filters of the corpus queries: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, inclusive."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from newsdigest.corpus.errors import BadFilter

_DAY = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_day(value: str, *, end: bool = False) -> str:
    """The first (or, with ``end``, the last) day a year, month or day names.

    value (str): ``2024``, ``2024-03`` or ``2024-03-09``.
    end (bool): give the last day of a year or month instead of the first.
    RETURNS (str): the day as ``YYYY-MM-DD``; raises :class:`BadFilter` for anything else.
    """
    match = _DAY.fullmatch(value.strip())
    if match is None:
        raise BadFilter(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if month is None:
            found = dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        elif day is None:
            last = calendar.monthrange(year, month)[1]
            found = dt.date(year, month, last if end else 1)
        else:
            found = dt.date(year, month, day)
    except ValueError as exc:
        raise BadFilter(f"{value!r} is not a date: {exc}") from exc
    return found.isoformat()


def day_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """The first day of ``since`` and the last day of ``until`` (None where not given)."""
    low = parse_day(since) if since else None
    high = parse_day(until, end=True) if until else None
    return low, high
