"""``newsdigest train cast``: the name-type classifier rebuilt from CoNLL-style gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdigest.cli import main

DOCUMENTS = [
    (
        "Mayor Elena Marsh met Tom Reyes of Harbour Ferries in Gull Island on Monday.",
        [
            ("Elena Marsh", "PER"),
            ("Tom Reyes", "PER"),
            ("Harbour Ferries", "ORG"),
            ("Gull Island", "LOC"),
        ],
    ),
    (
        "Harbour Ferries said the Dock Street pier would close. Elena Marsh disagreed.",
        [("Harbour Ferries", "ORG"), ("Dock Street", "LOC"), ("Elena Marsh", "PER")],
    ),
    (
        "The Northfield Rovers beat Eastport United 2-1 in Northfield, said coach Ana Lind.",
        [
            ("Northfield Rovers", "ORG"),
            ("Eastport United", "ORG"),
            ("Northfield", "LOC"),
            ("Ana Lind", "PER"),
        ],
    ),
    (
        "Ana Lind thanked the fans of Northfield Rovers after the Coastal Cup final.",
        [("Ana Lind", "PER"), ("Northfield Rovers", "ORG"), ("Coastal Cup", "MISC")],
    ),
]


def _gold(path: Path) -> Path:
    lines = []
    for i, (text, names) in enumerate(DOCUMENTS):
        entities = []
        for name, label in names:
            start = text.index(name)
            entities.append({"start": start, "end": start + len(name), "label": label})
        lines.append(json.dumps({"id": f"d{i}", "text": text, "entities": entities}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_train_cast_writes_the_labeller_the_same_for_a_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import lightgbm

    gold = _gold(tmp_path / "gold.jsonl")
    runs = [tmp_path / "a", tmp_path / "b"]
    for out in runs:
        assert (
            main(["train", "cast", "--data", str(gold), "--out", str(out), "--split", "all"]) == 0
        )
    report = json.loads(capsys.readouterr().out.split("\n}\n")[0] + "\n}")
    assert report["documents"] == len(DOCUMENTS) and report["candidates"] > 0
    assert lightgbm.Booster(model_file=str(runs[0] / "labeller.lgb")).num_trees() > 0
    assert json.loads((runs[0] / "labeller.json").read_text(encoding="utf-8"))["words"]
    for name in ("labeller.lgb", "labeller.json"):
        assert (runs[0] / name).read_bytes() == (runs[1] / name).read_bytes()


def test_train_cast_without_data_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["train", "cast", "--data", str(tmp_path / "none.jsonl"), "--out", str(tmp_path)])
    assert code == 65
    assert "no training data" in capsys.readouterr().err
