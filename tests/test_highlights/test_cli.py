"""``newsdigest eval highlights`` from a user's seat."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdigest.cli import main
from newsdigest.highlights.learned import load_model

STORY = (
    "The council voted on Tuesday to close the old bridge to all traffic from June. "
    "Engineers found cracks in two of its three arches last month. "
    "Repairs would cost more than $40 million, the report said. "
    "Drivers will be sent over the new ring road, which adds ten minutes to the trip. "
    "Shop owners on the east bank said they feared losing customers. "
    "A public meeting on the closure will be held next week."
)


def _gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    records = [
        {
            "id": "bridge",
            "url": "http://www.example.com/news/article-1/Council-closes-old-bridge.html",
            "article": STORY,
            "reference": (
                "The council voted to close the old bridge.\nRepairs would cost $40 million."
            ),
        },
        {
            "id": "bridge-2",
            "title": "Bridge closes in June",
            "article": STORY.replace("June", "July"),
            "reference": "The old bridge will close in July.",
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_eval_highlights_prints_rouge_beside_lead3_and_writes_predictions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "preds.jsonl"
    code = main(
        ["eval", "highlights", "--set", str(_gold(tmp_path)), "--out", str(out), "--title-from-url"]
    )
    assert code == 0
    report = capsys.readouterr().out
    assert "newsdigest" in report and "Lead-3" in report and "R1" in report
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["bridge", "bridge-2"]
    assert all(1 <= len(line["highlights"]) <= 4 for line in lines)


def test_eval_highlights_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", "highlights", "--set", str(_gold(tmp_path)), "--format", "json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["articles"] == 2
    assert set(report["system"]) == {"rouge1", "rouge2", "rougeLsum"}
    assert report["difference"]["rouge1"]["low"] <= report["difference"]["rouge1"]["high"]


def test_eval_highlights_bad_file_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    assert main(["eval", "highlights", "--set", str(bad)]) == 65
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "article" in err[0]


def test_missing_model_is_a_configuration_error(tmp_path: Path) -> None:
    from newsdigest.errors import ConfigError

    with pytest.raises(ConfigError):
        load_model(tmp_path)
