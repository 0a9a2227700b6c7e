"""``newsdigest eval highlights`` and ``newsdigest train highlights`` from a user's seat."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from newsdigest.analysis import Analysis
from newsdigest.cli import main
from newsdigest.highlights.learned import LearnedHighlighter, load_model
from newsdigest.model import Article

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


def _release(path: Path, stories: int = 160) -> None:
    rng = random.Random(5)
    vocabulary = [f"word{i}" for i in range(300)]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for i in range(stories):
            sentences = [
                " ".join(rng.choice(vocabulary) for _ in range(rng.randint(6, 20))) + " ."
                for _ in range(rng.randint(5, 15))
            ]
            record = {
                "id": f"s{i}",
                "split": "val" if i % 2 else "train",
                "url": f"http://www.example.com/news/article-{i}/{sentences[0].split()[0]}-story.html",
                "article": " ".join(sentences),
                "highlights": "\n".join(sentences[j] for j in (0, 2)),
            }
            handle.write(json.dumps(record) + "\n")


def test_train_highlights_rebuilds_a_model_that_loads_and_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "release.jsonl.gz"
    _release(data)
    out = tmp_path / "model"
    code = main(
        [
            "train",
            "highlights",
            "--data",
            str(data),
            "--out",
            str(out),
            "--rounds",
            "10",
            "--workers",
            "1",
        ]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["stories"]["train"] > report["stories"]["test"] > 0
    assert "rouge1" in report["heldout_val"]
    model = load_model(out)
    result = LearnedHighlighter(model)(Analysis(Article(text=STORY)), count=None, max_words=None)
    assert 1 <= len(result) <= 4


def test_train_highlights_without_data_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["train", "highlights", "--data", str(tmp_path / "none.gz"), "--out", str(tmp_path)]
    )
    assert code == 65
    assert "no training data" in capsys.readouterr().err


def test_missing_model_is_a_configuration_error(tmp_path: Path) -> None:
    from newsdigest.errors import ConfigError

    with pytest.raises(ConfigError):
        load_model(tmp_path)
