"""Who gets quoted: distinct speakers, counted by gender and role, per group."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdigest.corpus.index import SourceRow
from newsdigest.corpus.roles import ROLE_CLASSES, role_class, title_class
from newsdigest.corpus.sources import count_sources, speakers
from newsdigest.model import Quote, Span
from test_links.stories import QUAKE_B, person, story


def _row(
    outlet: str | None, gender: str | None, role: str, day: dt.date | None = None
) -> SourceRow:
    return SourceRow("s", "e1", "p", "Name", gender, role, 1, outlet, day, "c1")


def test_a_person_quoted_twice_counts_once() -> None:
    mayor = person("e1", QUAKE_B, "Tomas Ilves", titles=("Mayor",), gender="male")
    quotes = tuple(
        Quote(text="the dam held", span=Span(0, 5), direct=False, speaker="e1") for _ in range(2)
    )
    found = speakers(story("b", QUAKE_B, (mayor,), quotes=quotes).digest)
    assert [(s.entity_id, s.gender, s.role, s.quotes) for s in found] == [
        ("e1", "male", "politician", 2)
    ]


def test_counts_by_outlet_with_gender_share_and_every_role() -> None:
    rows = [
        _row("Daily", "female", "expert"),
        _row("Daily", "male", "police"),
        _row("Daily", None, "other"),
        _row("Weekly", "male", "politician"),
    ]
    table = count_sources(rows, by="outlet")
    assert table[0] == {
        "outlet": "Daily",
        "quoted_people": 3,
        "female": 1,
        "male": 1,
        "unknown": 1,
        "female_share": 0.5,
        "roles": {name: int(name in {"expert", "police", "other"}) for name in ROLE_CLASSES},
    }
    assert table[1]["outlet"] == "Weekly"
    assert table[1]["female_share"] == 0.0


def test_counts_by_month_leave_undated_stories_under_none() -> None:
    rows = [_row("D", "female", "other", dt.date(2024, 3, 9)), _row("D", "male", "other")]
    assert {r["month"] for r in count_sources(rows, by="month")} == {"2024-03", None}


def test_months_come_in_time_order_undated_last() -> None:
    rows = [
        _row("D", "male", "other"),
        *[_row("D", "male", "other", dt.date(2024, 5, 2)) for _ in range(3)],
        _row("D", "female", "other", dt.date(2024, 3, 9)),
    ]
    assert [r["month"] for r in count_sources(rows, by="month")] == ["2024-03", "2024-05", None]


def test_an_unknown_grouping_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot count sources by"):
        count_sources([], by="weekday")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (["Deputy Mayor"], "politician"),
        (["police spokeswoman"], "spokesperson"),
        (["a professor of geology at the university"], "expert"),
        (["Sgt."], "police"),
        (["president of the hockey association"], "official"),
        (["Russian President"], "politician"),
        (["a neighbour"], "witness"),
        ([], "other"),
        (["owner of the bakery", "Environment Minister"], "official"),
    ],
)
def test_role_classes_from_titles(titles: list[str], expected: str) -> None:
    assert role_class(titles) == expected


def test_a_press_secretary_is_a_spokesperson() -> None:
    assert title_class("White House press secretary") == "spokesperson"


_rows = st.lists(
    st.builds(
        _row,
        st.sampled_from(["Daily", "Weekly", None]),
        st.sampled_from(["female", "male", None]),
        st.sampled_from(ROLE_CLASSES),
    ),
    max_size=30,
)


@given(_rows, st.sampled_from(["outlet", "role", "month", "cluster"]))
def test_every_quoted_person_is_counted_once_in_each_tally(rows: list[SourceRow], by: str) -> None:
    table = count_sources(rows, by=by)  # type: ignore[arg-type]
    assert sum(r["quoted_people"] for r in table) == len(rows)
    for r in table:
        assert r["female"] + r["male"] + r["unknown"] == r["quoted_people"]
        assert sum(r["roles"].values()) == r["quoted_people"]
