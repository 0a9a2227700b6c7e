"""``newsdigest eval dates``: TempEval-3 style scores, computed as documented."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest

from newsdigest.cli import main
from newsdigest.evaluate.dates import evaluate_dates, pair_overlapping, read_gold

RESIGNED = "He resigned on Tuesday. He served three years."
SALES = "Sales rose last month, now the region grows."


def write_gold(path: Path) -> Path:
    records = [
        {
            "id": "a",
            "dct": "2013-11-06T10:00:00",
            "text": RESIGNED,
            "timexes": [
                {"start": 15, "end": 22, "type": "DATE", "value": "2013-11-05"},
                {"start": 34, "end": 45, "type": "DURATION", "value": "P3Y"},
            ],
        },
        {
            "id": "b",
            "dct": "2013-11-06",
            "text": SALES,
            "timexes": [
                {"start": 11, "end": 21, "type": "DATE", "value": "2013-09"},
                {"start": 27, "end": 37, "type": "DATE", "value": "2013"},
            ],
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_scores_count_extent_and_value_matches(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold.jsonl")
    report = evaluate_dates(read_gold(gold), splits=("all", "even", "odd"), baseline=False)
    scores = report.newsdigest["all"]
    # found: Tuesday, three years, last month (wrong value), now (not in the gold)
    assert (scores.system, scores.gold, scores.relaxed, scores.strict) == (4, 4, 3, 3)
    assert scores.value == 2
    assert scores.f1(scores.relaxed) == pytest.approx((75.0, 75.0, 75.0))
    assert scores.f1(scores.value) == pytest.approx((50.0, 50.0, 50.0))
    assert scores.value_accuracy() == pytest.approx(200 / 3)
    assert report.documents == {"all": 2, "even": 1, "odd": 1}
    assert report.newsdigest["even"].value == 2 and report.newsdigest["odd"].value == 0


def test_pairs_are_one_to_one_by_largest_overlap() -> None:
    predicted = [(0, 10, "DATE", "a"), (12, 20, "DATE", "b")]
    gold = [(5, 15, "DATE", "a"), (0, 4, "DATE", "a")]
    # (0, 10) shares 5 characters with (5, 15) and 4 with (0, 4); (12, 20) shares 3 with
    # (5, 15), which is taken by then: one pair only.
    assert pair_overlapping(predicted, gold) == [(predicted[0], gold[0])]
    assert pair_overlapping(predicted, [(18, 30, "DATE", "b")]) == [
        (predicted[1], (18, 30, "DATE", "b"))
    ]


def test_eval_dates_command_prints_json_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = write_gold(tmp_path / "gold.jsonl")
    code = main(["eval", "dates", "--set", str(gold), "--no-baseline", "--format", "json"])
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["split"], r["system"]) for r in rows] == [
        ("even", "newsdigest"),
        ("odd", "newsdigest"),
        ("all", "newsdigest"),
    ]
    assert rows[2]["value"]["f1"] == 50.0 and rows[2]["relaxed"]["f1"] == 75.0


def test_eval_dates_prints_the_baseline_in_the_same_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = write_gold(tmp_path / "gold.jsonl")
    assert main(["eval", "dates", "--set", str(gold), "--split", "all"]) == 0
    out = capsys.readouterr().out
    assert "newsdigest" in out and "spaCy DATE/TIME + dateparser" in out
    assert "held out" not in out and "split all" in out


def test_eval_dates_rejects_a_bad_gold_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "no timexes here"}\n', encoding="utf-8")
    assert main(["eval", "dates", "--set", str(bad), "--no-baseline"]) == 65
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.jsonl:1" in err[0]
    assert main(["eval", "dates", "--set", str(tmp_path / "missing.jsonl")]) == 66


def test_held_out_documents_score_well(shared_dir: Path) -> None:
    records = islice(read_gold(shared_dir / "data" / "tbaq_timex.jsonl"), 60)
    report = evaluate_dates(records, splits=("odd",), baseline=False)
    scores = report.newsdigest["odd"]
    assert scores.f1(scores.relaxed)[2] > 85
    assert scores.f1(scores.value)[2] > 70
