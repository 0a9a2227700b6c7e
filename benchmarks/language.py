"""The language check's margins: English never refused, other languages always.

    python benchmarks/language.py [--shared ../shared] [--train]

English side: every development article of ``../shared/data``, and pieces of 40 to 200
letters cut from them (each as if it were a whole story): how many are detected as another
language, and with what confidence at most. ``--train`` also checks the 20,000 CNN/Daily
Mail training articles (lower-cased and tokenized), whole. Other side: the French, Spanish
and German paragraphs of ``tests/test_core/test_language.py``, whole and cut into pieces.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from newsdigest.errors import InputError
from newsdigest.language import (
    MIN_CONFIDENCE,
    MIN_LETTERS,
    check_language,
    detect_language,
    letter_count,
)

REPO = Path(__file__).resolve().parents[1]
PIECE_LETTERS = (40, 70, 100, 150, 200)


def _language_tests() -> ModuleType:
    path = REPO / "tests" / "test_core" / "test_language.py"
    spec = importlib.util.spec_from_file_location("test_language", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def english_articles(shared: Path, sets: dict[str, str]) -> Iterator[str]:
    for name, field in sets.items():
        with (shared / "data" / name).open(encoding="utf-8") as lines:
            yield from (json.loads(line)[field] for line in lines)


def training_articles(shared: Path) -> Iterator[str]:
    with gzip.open(shared / "data" / "cnndm_train.jsonl.gz", "rt", encoding="utf-8") as lines:
        yield from (json.loads(line)["article"] for line in lines)


def pieces(text: str, letters: int) -> Iterator[str]:
    """Consecutive runs of whole words with at least ``letters`` letters each."""
    words: list[str] = []
    count = 0
    for word in text.split():
        words.append(word)
        count += letter_count(word)
        if count >= letters:
            yield " ".join(words)
            words, count = [], 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--train", action="store_true", help="add the 20,000 training articles")
    args = parser.parse_args()
    tests = _language_tests()
    articles = list(english_articles(args.shared, tests.DEV_SETS))
    print(f"rule: refuse at >= {MIN_LETTERS} letters and confidence >= {MIN_CONFIDENCE}")
    _report_articles("English development articles", articles)
    if args.train:
        _report_articles("English training articles", list(training_articles(args.shared)))
    for size in PIECE_LETTERS:
        verdicts = [detect_language(p) for text in articles for p in pieces(text, size)]
        other = [conf for code, conf in verdicts if code != "en"]
        print(
            f"English pieces of {size:>3} letters: {len(verdicts):>6}, another language "
            f"{len(other):>5}, highest confidence {max(other, default=0):.3f}"
        )
    for code, paragraphs in tests.FOREIGN.items():
        whole = [detect_language(p) for p in paragraphs]
        cut = [detect_language(p) for text in paragraphs for p in pieces(text, 100)]
        print(
            f"{code}: paragraphs lowest confidence {_lowest(whole, code):.3f}, pieces of 100 "
            f"letters {_lowest(cut, code):.3f}, refused {sum(map(_refused, paragraphs))}"
            f"/{len(paragraphs)}"
        )


def _report_articles(name: str, articles: list[str]) -> None:
    refused = sum(map(_refused, articles))
    other = [conf for code, conf in map(detect_language, articles) if code != "en"]
    print(
        f"{name}: {len(articles)}, refused {refused}, detected as another language "
        f"{len(other)} (highest confidence {max(other, default=0):.3f})"
    )


def _refused(text: str) -> bool:
    try:
        check_language(text)
    except InputError:
        return True
    return False


def _lowest(verdicts: list[tuple[str, float]], code: str) -> float:
    return min(conf if found == code else 0.0 for found, conf in verdicts)


if __name__ == "__main__":
    main()
