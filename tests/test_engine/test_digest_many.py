"""digest_many: many stories, parsed in batches, digests in input order."""

from __future__ import annotations

import pytest

import newsdigest
from newsdigest.errors import InputError

STORIES = [
    "Mayor Ana Ruiz said on Monday the bridge would open in May.",
    '"We are ready," said Tom Berg, the council leader, on Friday.',
    "Police in Port Ellis said two men were arrested last week after a robbery.",
    "The Harbour Falls council voted to close the old pier next month.",
    "Doctors at Northshore Hospital warned that flu cases had doubled since January.",
]


@pytest.mark.parametrize("batch_size", [1, 2, 64])
def test_digests_come_in_input_order_equal_to_one_by_one(batch_size: int) -> None:
    one_by_one = [newsdigest.digest(s, published="2026-03-11") for s in STORIES]
    records = [{"text": s, "published": "2026-03-11"} for s in STORIES]
    many = list(newsdigest.digest_many(records, batch_size=batch_size))
    assert many == one_by_one


def test_plain_strings_and_only_sections() -> None:
    many = list(newsdigest.digest_many(STORIES, only=["dates"]))
    assert [d.sections for d in many] == [("dates",)] * len(STORIES)
    assert many[0].dates == newsdigest.digest(STORIES[0], only=["dates"]).dates


def test_only_as_a_plain_string_is_refused() -> None:
    with pytest.raises(TypeError, match="not a string"):
        next(newsdigest.digest_many(STORIES, only="quotes"))


def test_the_stories_before_a_bad_one_come_out_then_its_error() -> None:
    results = newsdigest.digest_many([STORIES[0], "   ", STORIES[1]], only=["highlights"])
    assert next(results).text == STORIES[0]
    with pytest.raises(InputError, match="empty"):
        next(results)


def test_records_keep_their_ids_and_outlets() -> None:
    records = [{"id": f"r{i}", "text": s, "outlet": "Harbour Times"} for i, s in enumerate(STORIES)]
    ids = [(d.article.id, d.article.outlet) for d in newsdigest.digest_many(records)]
    assert ids == [(f"r{i}", "Harbour Times") for i in range(len(STORIES))]


@pytest.mark.slow
def test_worker_processes_give_the_same_digests_in_order() -> None:
    records = [{"id": f"r{i}", "text": s} for i, s in enumerate(STORIES)]
    pooled = list(newsdigest.digest_many(records, workers=2, only=["entities", "quotes"]))
    local = list(newsdigest.digest_many(records, only=["entities", "quotes"]))
    assert pooled == local
