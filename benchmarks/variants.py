"""Stories in other casings: lower case, ALL CAPS, and the tokenized form of the training data.

The CNN/Daily Mail training release is lower-cased and tokenized (``( cnn ) --``,
``did n't``, ``35 - year - old``, ``mr.`` and ``u.s.`` keeping their stop, a sentence
that ends in one getting a stop of its own). :func:`release_form` writes a sentence that
way, so that the development articles can be scored in the form the training data has:

    python benchmarks/variants.py --form tokenized --out dev_tokenized.jsonl
    newsdigest eval highlights --set dev_tokenized.jsonl

The sentence benchmark (``benchmarks/sentences.py``) uses the same forms.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from newsdigest.highlights.normalize import Token, tokenize
from newsdigest.lexicon import words
from newsdigest.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
_KEEP_STOP = words("abbreviations") | words("ambiguous_abbreviations")


def release_form(sentence: str) -> str:
    """One sentence lower-cased and tokenized as the training release writes it."""
    tokens = tokenize(sentence)
    out: list[str] = []
    for i, token in enumerate(tokens):
        glued = bool(out) and tokens[i - 1].end == token.start
        last = i == len(tokens) - 1
        if token.norm == "." and glued and not last and _keeps_stop(out[-1]):
            out[-1] += "."  # "mr." keeps its stop
        elif glued and token.norm.isdigit() and out[-1] == "." and _opens_word(tokens, i - 1):
            out[-1] += token.norm  # ".596"
        else:
            out.append(token.norm)
    if out and out[-1].endswith(".") and len(out[-1]) > 1:
        out.append(".")  # "... to the u.s. ." ends with a stop of its own
    return " ".join(out)


def _opens_word(tokens: list[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].end < tokens[i].start


def _keeps_stop(word: str) -> bool:
    return word in _KEEP_STOP or (len(word) == 1 and word.isalpha())


def lower(sentence: str) -> str:
    """The sentence in lower case."""
    return sentence.lower()


def upper(sentence: str) -> str:
    """The sentence in capitals."""
    return sentence.upper()


def cased(sentence: str) -> str:
    """The sentence as written."""
    return sentence


FORMS: dict[str, Callable[[str], str]] = {
    "cased": cased,
    "lower": lower,
    "upper": upper,
    "tokenized": release_form,
}


def story_in_form(text: str, form: str) -> str:
    """A whole story in a form: each sentence converted, sentences joined by a space."""
    convert = FORMS[form]
    return " ".join(convert(text[s.start : s.end]) for s in split_sentences(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--form", choices=sorted(FORMS), default="tokenized")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    path = args.shared / "data" / "cnndm_dev.jsonl"
    with path.open(encoding="utf-8") as lines, args.out.open("w", encoding="utf-8") as out:
        for line in lines:
            record = json.loads(line)
            record["article"] = story_in_form(record["article"], args.form)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
