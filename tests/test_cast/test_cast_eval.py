"""``newsdigest eval entities``: exact span-and-label scores, newsdigest beside spaCy alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdigest.cli import main
from newsdigest.evaluate.entities import Counts, evaluate_entities, gold_label, read_gold

TEXT = "Mayor Elena Marsh met Raj Patel in Lisbon on Monday .\nMarsh thanked the Red Cross ."


def write_gold(path: Path) -> Path:
    def span(word: str, label: str, start: int = 0) -> dict[str, object]:
        begin = TEXT.index(word, start)
        return {"start": begin, "end": begin + len(word), "label": label, "text": word}

    entities = [
        span("Elena Marsh", "PER"),
        span("Raj Patel", "PER"),
        span("Lisbon", "LOC"),
        span("Marsh", "PER", TEXT.index("\n")),
        span("Red Cross", "ORG"),
    ]
    records = [{"id": f"d{i}", "text": TEXT, "entities": entities} for i in range(2)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_counts_need_span_and_label() -> None:
    counts = Counts()
    counts.add({(0, 5, "PER"), (6, 9, "ORG")}, {(0, 5, "PER"), (6, 9, "LOC")})
    assert counts.prf("PER") == (100.0, 100.0, 100.0)
    assert counts.prf("ORG")[0] == 0.0 and counts.support("LOC") == 1


def test_label_mapping() -> None:
    assert [gold_label(x) for x in ("PERSON", "GPE", "FAC", "LOC", "ORG", "NORP", "DATE")] == [
        "PER",
        "LOC",
        "LOC",
        "LOC",
        "ORG",
        "MISC",
        None,
    ]


def test_evaluation_scores_both_systems_on_each_split(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold.jsonl")
    even, odd, every = evaluate_entities(read_gold(gold))
    assert (even.documents, odd.documents, every.documents) == (1, 1, 2)
    # The surname alone is found again and typed as the person it names.
    assert every.newsdigest.prf("PER")[1] == 100.0
    assert every.spacy.support("PER") == every.newsdigest.support("PER") == 6


def test_eval_entities_command_prints_newsdigest_and_spacy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = write_gold(tmp_path / "gold.jsonl")
    assert main(["eval", "entities", "--set", str(gold), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["split"], r["system"]) for r in rows] == [
        ("even", "newsdigest"),
        ("even", "spacy"),
        ("odd", "newsdigest"),
        ("odd", "spacy"),
        ("all", "newsdigest"),
        ("all", "spacy"),
    ]
    assert main(["eval", "entities", "--set", str(gold), "--split", "odd"]) == 0
    out = capsys.readouterr().out
    assert "newsdigest" in out and "spacy" in out and "PER F1" in out


def test_eval_entities_rejects_a_bad_gold_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "no entities here"}\n', encoding="utf-8")
    assert main(["eval", "entities", "--set", str(bad)]) == 65
    assert "bad.jsonl:1" in capsys.readouterr().err
    assert main(["eval", "entities", "--set", str(tmp_path / "missing.jsonl")]) == 66
