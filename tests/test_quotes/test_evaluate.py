"""Quote scoring: gold pieces, overlap matching, the baseline and the eval command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdigest.cli import cli, main
from newsdigest.errors import InputError, NoInput
from newsdigest.evaluate.quotes import (
    QuoteCounts,
    evaluate_quotes,
    gold_document,
    match,
    overlap,
    read_gold,
    score_document,
)
from newsdigest.model import Quote, Span

TEXT = (
    '"We will rebuild," Mayor Ana Ruiz said. "It will take years."\n\n'
    "Ruiz said the budget would double.\n"
)


def record() -> dict[str, object]:
    said = TEXT.index("said")
    return {
        "id": "t1",
        "text": TEXT,
        "quotes": [
            {
                "quote_start": 0,
                "quote_end": TEXT.index("years.") + 7,
                "quote_segments": [[0, 17], [40, TEXT.index("years.") + 7]],
                "speaker_start": TEXT.index("Mayor"),
                "speaker_end": TEXT.index("Ruiz") + 4,
                "is_direct": True,
                "has_quote_marks": True,
                "cue_start": said,
                "cue_end": said + 4,
            },
            {
                "quote_start": TEXT.index("the budget"),
                "quote_end": TEXT.index("double") + 6,
                "speaker_start": TEXT.index("Ruiz said the"),
                "speaker_end": TEXT.index("Ruiz said the") + 4,
                "is_direct": False,
                "has_quote_marks": False,
                "cue_start": TEXT.index("said the"),
                "cue_end": TEXT.index("said the") + 4,
            },
        ],
    }


def test_each_quote_marked_piece_is_one_gold_quote() -> None:
    gold = gold_document(record())
    assert [TEXT[g.span.start : g.span.end] for g in gold.direct] == [
        "We will rebuild,",
        "It will take years.",
    ]
    assert all(g.speaker is not None for g in gold.direct)
    assert [TEXT[g.span.start : g.span.end] for g in gold.indirect] == ["the budget would double"]


def test_overlap_is_shared_over_covered_characters() -> None:
    assert overlap(Span(0, 10), Span(5, 15)) == 5 / 15
    assert overlap(Span(0, 10), Span(10, 20)) == 0.0


def test_matching_is_one_to_one_and_needs_enough_overlap() -> None:
    predicted = [Span(0, 10), Span(2, 9), Span(50, 60)]
    gold = [Span(0, 9), Span(58, 100)]
    assert match(predicted, gold) == [(0, 0)]


def test_scores_against_the_baselines() -> None:
    [report] = evaluate_quotes([gold_document(record())])
    ours, base = report.systems["newsdigest"], report.systems["baseline"]
    assert ours.direct_prf()[2] == 100.0 and ours.speaker_accuracy() == 100.0
    assert ours.indirect_prf()[1] == 100.0 and ours.speech_recall() == 100.0
    assert base.direct_prf()[2] == 100.0 and base.indirect_prf()[1] == 0.0
    assert report.systems["textacy"].direct_tp == 2


def test_a_mixed_quote_counts_as_its_quote_marked_pieces() -> None:
    text = 'Ruiz said the plan was "plainly wrong" and would fail.\n'
    inner = Span(text.index("plainly"), text.index('" and'))
    gold = gold_document(
        {
            "text": text,
            "quotes": [{"quote_start": inner.start, "quote_end": inner.end, "is_direct": True}],
        }
    )
    mixed = Quote(
        text=text[14:53], span=Span(14, 53), direct=False, kind="mixed", speaker_text="Ruiz"
    )
    counts = QuoteCounts()
    score_document(counts, gold, [mixed], ())
    assert (counts.direct_tp, counts.direct_predicted) == (1, 1)


def test_eval_quotes_command(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record()) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "quotes", "--set", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {(r["split"], r["system"]) for r in rows} == {
        (s, system)
        for s in ("even", "odd", "all")
        for system in ("newsdigest", "baseline", "textacy")
    }


def test_a_malformed_gold_line_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "no quotes field"}\n', encoding="utf-8")
    assert main(["eval", "quotes", "--set", str(gold)]) == InputError.exit_code
    error = capsys.readouterr().err
    assert "gold.jsonl:1: not a quote gold record" in error
    assert "Traceback" not in error
    with pytest.raises(NoInput):
        list(read_gold(tmp_path / "missing.jsonl"))


def test_polnear_gold_reads_and_beats_the_baseline_on_speakers(shared_dir: Path) -> None:
    documents = list(read_gold(shared_dir / "data" / "polnear_dev.jsonl"))
    assert len(documents) == 84
    for gold in documents:
        for quote in gold.direct + gold.indirect:
            assert 0 <= quote.span.start < quote.span.end <= len(gold.text)
    [report] = evaluate_quotes(documents[:6])
    ours, base = report.systems["newsdigest"], report.systems["baseline"]
    assert report.documents == 6
    assert ours.speaker_accuracy() > base.speaker_accuracy()
    assert ours.indirect_prf()[1] > 0


def test_a_null_speaker_counts_against_the_speaker_share() -> None:
    gold = gold_document(record())
    first = gold.direct[0]
    unattributed = Quote(text=TEXT[first.span.start : first.span.end], span=first.span, direct=True)
    counts = QuoteCounts()
    score_document(counts, gold, [unattributed], ())
    assert (counts.direct_tp, counts.speaker_checked, counts.speaker_right) == (1, 1, 0)
    assert counts.speaker_missing == 1
    assert counts.speaker_accuracy() == 0.0
