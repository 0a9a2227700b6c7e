"""``newsdigest train highlights`` from a user's seat: a model that loads, the same each time."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from newsdigest.analysis import Analysis
from newsdigest.cli import main
from newsdigest.highlights.learned import META_FILE, RANKER_FILE, LearnedHighlighter, load_model
from newsdigest.model import Article


def _release(path: Path, stories: int = 160, first: int = 0) -> None:
    rng = random.Random(5 + first)
    vocabulary = [f"word{i}" for i in range(300)]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for i in range(first, first + stories):
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


def _train(data: list[Path], out: Path, *extra: str) -> int:
    sources = [arg for path in data for arg in ("--data", str(path))]
    options = ["--out", str(out), "--rounds", "10", "--workers", "1", *extra]
    return main(["train", "highlights", *sources, *options])


def test_train_highlights_rebuilds_a_model_that_loads_and_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], example_story: str
) -> None:
    data = tmp_path / "release.jsonl.gz"
    _release(data)
    out = tmp_path / "model"
    assert _train([data], out) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["stories"]["train"] > report["stories"]["test"] > 0
    assert {"headline", "no_headline"} == set(report["heldout_val"])
    assert "rouge1" in report["heldout_val"]["headline"]
    model = load_model(out)
    result = LearnedHighlighter(model)(
        Analysis(Article(text=example_story)), count=None, max_words=None
    )
    assert 1 <= len(result) <= 4


def test_train_highlights_reads_several_files_and_is_the_same_for_a_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "one.jsonl.gz", tmp_path / "two.jsonl.gz"
    _release(first, 100)
    _release(second, 100, first=100)
    runs = [tmp_path / "a", tmp_path / "b"]
    for out in runs:
        assert _train([first, second], out, "--seed", "3") == 0
    reports = [json.loads(chunk) for chunk in _json_documents(capsys.readouterr().out)]
    assert reports[0]["stories"] == reports[1]["stories"]
    assert sum(reports[0]["stories"][k] for k in ("train", "titled", "tune", "test")) == 200
    for name in (RANKER_FILE, META_FILE):
        assert (runs[0] / name).read_bytes() == (runs[1] / name).read_bytes()


def _json_documents(out: str) -> list[str]:
    """The JSON reports printed one after the other (each starts at a line ``{``)."""
    chunks = out.split("\n{\n")
    return [chunks[0]] + ["{\n" + c for c in chunks[1:]]


def test_train_highlights_without_data_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["train", "highlights", "--data", str(tmp_path / "none.gz"), "--out", str(tmp_path)]
    )
    assert code == 65
    assert "no training data" in capsys.readouterr().err
