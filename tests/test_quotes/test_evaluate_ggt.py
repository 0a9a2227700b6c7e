"""Quote scoring in the Gender Gap Tracker's form: quotes, speaker names, sources' gender."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsdigest.cli import cli
from newsdigest.evaluate.quotes import evaluate_quotes, read_gold
from newsdigest.evaluate.quotes_ggt import (
    GgtCounts,
    compatible,
    ggt_document,
    score_ggt,
    trimmed,
)
from newsdigest.model import Entity, Quote, Span

TEXT = (
    "Mayor Ana Ruiz opened the new library on Monday.\n\n"
    '"Every child in this city deserves a place to read," Ruiz said.\n\n'
    "Councillor Tom Okafor said he would vote for a second branch next year.\n"
)


def span_of(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words))


def record() -> dict[str, object]:
    first = span_of('"Every child in this city deserves a place to read,"')
    second = span_of("he would vote for a second branch next year")
    return {
        "id": "g1",
        "text": TEXT,
        "quotes": [
            {
                "quote_start": first.start,
                "quote_end": first.end,
                "speaker_reference": "Ana Ruiz",
                "is_direct": True,
            },
            {
                "quote_start": second.start,
                "quote_end": second.end,
                "speaker_reference": "Tom Okafor",
                "is_direct": False,
            },
        ],
        "sources_female": ["Ana Ruiz"],
        "sources_male": ["Tom Okafor"],
    }


def test_names_are_compatible_when_the_words_of_one_are_among_the_others() -> None:
    assert compatible("Ruiz", "Ana Ruiz")
    assert compatible("Mayor Ana Ruiz", "Ana Ruiz")
    assert compatible("the official", "a justice official")
    assert compatible("Ms. Ruiz", "Ana Ruiz")
    assert not compatible("he", "Tom Okafor")
    assert not compatible(None, "Tom Okafor")


def test_gold_quotes_lose_their_marks_and_commas() -> None:
    gold = ggt_document(record())
    first = gold.quotes[0].span
    assert TEXT[first.start : first.end] == "Every child in this city deserves a place to read"
    assert trimmed(TEXT, span_of('read,"')) == span_of("read")


def test_speakers_and_genders_are_scored_by_name() -> None:
    gold = ggt_document(record())
    ruiz = Entity(id="e1", type="PERSON", name="Ana Ruiz", mentions=(), gender="female")
    okafor = Entity(id="e2", type="PERSON", name="Tom Okafor", mentions=(), gender=None)
    quotes = [
        Quote(text="", span=span_of("Every child in this city"), direct=True, speaker="e1"),
        Quote(
            text="",
            span=span_of("he would vote for a second branch next year"),
            direct=False,
            speaker_text="he",
        ),
    ]
    counts = GgtCounts()
    score_ggt(counts, gold, quotes, [ruiz, okafor])
    assert counts.quote_prf(0.3)[2] == 100.0
    assert counts.quote_prf(0.8)[2] == 50.0  # the first quote covers too little of the gold
    assert counts.speaker_accuracy() == 50.0  # "he", unresolved, is not a name
    assert counts.gender_prf("female") == (100.0, 100.0, 100.0)
    assert counts.gender_prf("male")[1] == 0.0  # the story never states Okafor's gender


def test_the_eval_command_reads_the_ggt_form(tmp_path: Path) -> None:
    gold = tmp_path / "ggt.jsonl"
    gold.write_text(json.dumps(record()) + "\n", encoding="utf-8")
    [report] = evaluate_quotes(read_gold(gold))
    assert report.form == "ggt"
    ours = report.systems["newsdigest"]
    assert ours.quote_prf(0.3)[2] == 100.0 and ours.speaker_accuracy() == 100.0
    result = CliRunner().invoke(cli, ["eval", "quotes", "--set", str(gold), "--split", "all"])
    assert result.exit_code == 0, result.output
    assert "F1@.8" in result.output and "female F1" in result.output


def test_the_ggt_dev_file_reads(shared_dir: Path) -> None:
    documents = list(read_gold(shared_dir / "data" / "ggt_dev.jsonl"))
    assert len(documents) == 49
    assert sum(len(d.quotes) for d in documents) == 685
