"""The corpus scorers: B-cubed over documents and pairwise F1 over mentions."""

from __future__ import annotations

import pytest

from newsdigest.evaluate.clusters import bcubed
from newsdigest.evaluate.people import named_mentions, pair_scores


def test_bcubed_of_a_perfect_clustering_is_100() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed({"a": "1", "b": "1", "c": "2"}, gold).f1 == pytest.approx(100)


def test_bcubed_of_one_cluster_for_two_events() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    scores = bcubed({"a": "1", "b": "1", "c": "1"}, gold)
    assert scores.precision == pytest.approx(100 * (2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert scores.recall == pytest.approx(100)


def test_pairs_within_one_document_do_not_count() -> None:
    gold = {("d1", 0): "p", ("d1", 9): "p", ("d2", 0): "p"}
    scores = pair_scores(gold, {("d1", 0): "c", ("d1", 9): "c", ("d2", 0): None})
    assert (scores.true_pairs, scores.predicted_pairs, scores.gold_pairs) == (0, 0, 2)


def test_a_wrong_link_costs_precision() -> None:
    gold = {("d1", 0): "p", ("d2", 0): "p", ("d3", 0): "q"}
    scores = pair_scores(gold, {("d1", 0): "c", ("d2", 0): "c", ("d3", 0): "c"})
    assert (scores.true_pairs, scores.predicted_pairs, scores.gold_pairs) == (1, 3, 1)


def test_only_capitalised_names_that_are_not_pronouns_are_scored() -> None:
    record = {
        "persons": [
            {"start": 0, "end": 4, "text": "Reid", "instance": "r"},
            {"start": 5, "end": 8, "text": "She", "instance": "r"},
            {"start": 9, "end": 12, "text": "rep", "instance": "k"},
        ]
    }
    assert named_mentions(record) == [(0, 4, "r")]
