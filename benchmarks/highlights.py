"""Highlights speed beside sumy's LexRank, on the CNN/Daily Mail development set.

Runs in one process, on the same articles, in this order:
- sumy LexRank, 3 sentences (its tokenizer needs NLTK data that cannot be downloaded,
  so it gets one built on newsdigest's sentence splitter and NLTK's word tokenizer);
- ``digest(text)``, every section;
- ``digest(text, only=everything but highlights)``, the rest alone;
- ``digest(text, only=["highlights"])``, the highlights-only path.

Reports articles/s for each, the highlights-only path's speed as a multiple of
LexRank's (the target is at least 4x), what choosing the highlights adds to the rest
of a full digest (the target is at most 20%), and ROUGE of the highlights-only path and
of LexRank against the references.

    python benchmarks/highlights.py [--shared ../shared] [--repeat 1] [--highlights-only]

``--highlights-only`` times LexRank and the highlights-only path alone (no spaCy).
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import newsdigest
from newsdigest.evaluate.highlights import METRICS, rouge_scores
from newsdigest.highlights.learned import shipped_model
from newsdigest.sections import SECTIONS
from newsdigest.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]


class SplitterTokenizer:
    """sumy's tokenizer interface on newsdigest's splitter and NLTK's word tokenizer."""

    def __init__(self) -> None:
        from nltk.tokenize import NLTKWordTokenizer

        self._words = NLTKWordTokenizer()

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph[s.start : s.end] for s in split_sentences(paragraph)]

    def to_words(self, sentence: str) -> list[str]:
        return [w for w in self._words.tokenize(sentence) if any(c.isalnum() for c in w)]


def lexrank(count: int = 3) -> Callable[[str], list[str]]:
    """A function from a story to sumy LexRank's ``count`` sentences."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    tokenizer = SplitterTokenizer()
    summarizer = LexRankSummarizer(Stemmer("english"))

    def summarise(text: str) -> list[str]:
        document = PlaintextParser.from_string(text, tokenizer).document
        return [str(s) for s in summarizer(document, count)]

    return summarise


def timed(
    run: Callable[[dict[str, Any]], Any], records: list[dict[str, Any]], repeat: int
) -> tuple[float, list[Any]]:
    """Articles per second of ``run`` over ``records`` (best of ``repeat``), and its outputs."""
    best = float("inf")
    outputs: list[Any] = []
    gc.collect()  # garbage of the system timed before is not this one's cost
    for _ in range(repeat):
        started = time.perf_counter()
        outputs = [run(r) for r in records]
        best = min(best, time.perf_counter() - started)
    return len(records) / best, outputs


def time_highlights_stage() -> list[float]:
    """Wrap the highlights stage so that its seconds inside full digests add up in a list."""
    from newsdigest import sections

    spent = [0.0]
    stage = sections.select_highlights

    def run(analysis: Any) -> Any:
        started = time.perf_counter()
        try:
            return stage(analysis)
        finally:
            spent[0] += time.perf_counter() - started

    sections.select_highlights = run
    return spent


def rouge_line(references: list[str], predictions: list[str]) -> str:
    """Mean ROUGE-1/2/Lsum F1 x100 as one line."""
    rows = rouge_scores(references, predictions)
    n = len(rows)
    return " / ".join(f"{sum(r[m] for r in rows) / n:.2f}" for m in METRICS)


def time_full_digests(records: list[dict[str, Any]], rest: list[str], repeat: int) -> None:
    """Time full digests, all but the highlights, and the highlights stage inside them."""
    newsdigest.digest(records[0]["article"])  # load spaCy outside the timings
    stage_seconds = time_highlights_stage()
    full_speed, _ = timed(lambda r: newsdigest.digest(r["article"]), records, repeat)
    in_full = stage_seconds[0] / repeat
    rest_speed, _ = timed(lambda r: newsdigest.digest(r["article"], only=rest), records, repeat)
    print(f"{'digest(), all sections':<40}{full_speed:12.1f}")
    print(f"{'digest(), all but highlights':<40}{rest_speed:12.1f}")
    full_seconds = len(records) / full_speed
    added = in_full / (full_seconds - in_full)
    print(
        f"highlights stage inside digest(): {1000 * in_full / len(records):.1f} ms/article, "
        f"{100 * added:+.1f}% of the rest of the digest (target <= 20%)"
    )
    separate = (1 / full_speed - 1 / rest_speed) / (1 / rest_speed)
    print(f"(full vs all-but-highlights runs, noisier on a shared machine: {100 * separate:+.1f}%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each system; best is kept.")
    parser.add_argument(
        "--highlights-only", action="store_true", help="Time LexRank and highlights alone."
    )
    args = parser.parse_args()
    path = args.shared / "data" / "cnndm_dev.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    references = [r["reference"] for r in records]
    rest = [s for s in SECTIONS if s != "highlights"]

    started = time.perf_counter()
    shipped_model()
    print(f"model load: {time.perf_counter() - started:.2f} s")
    summarise = lexrank()
    lex_speed, lex_out = timed(lambda r: summarise(r["article"]), records, args.repeat)
    only_speed, only_out = timed(
        lambda r: newsdigest.digest(r["article"], only=["highlights"]), records, args.repeat
    )
    print(f"articles: {len(records)} (CNN/Daily Mail dev), one process")
    print(f"{'system':<40}{'articles/s':>12}")
    print(f"{'sumy LexRank, 3 sentences':<40}{lex_speed:12.1f}")
    print(f"{'digest(only=[highlights])':<40}{only_speed:12.1f}")
    print(f"highlights-only vs LexRank: {only_speed / lex_speed:.1f}x (target >= 4x)")
    if not args.highlights_only:
        time_full_digests(records, rest, args.repeat)
    ours = ["\n".join(h.text for h in d.highlights) for d in only_out]
    theirs = ["\n".join(sentences) for sentences in lex_out]
    print("ROUGE-1 / ROUGE-2 / ROUGE-Lsum F1:")
    print(f"  highlights-only: {rouge_line(references, ours)}")
    print(f"  sumy LexRank:    {rouge_line(references, theirs)}")


if __name__ == "__main__":
    main()
