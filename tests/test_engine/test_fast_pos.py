"""The column-wise attribute ruler gives every token the POS spaCy's own ruler gives it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.attrs import POS

from newsdigest.fast_pos import PosFromTags, UnsupportedPattern, use_fast_pos
from newsdigest.nlp import load_pipeline
from newsdigest.settings import DEFAULT_SPACY_PIPELINE


@pytest.fixture(scope="module")
def reference() -> Any:
    return spacy.load(DEFAULT_SPACY_PIPELINE, exclude=["lemmatizer"])


def _same_pos(reference: Any, texts: list[str]) -> None:
    ours = load_pipeline(DEFAULT_SPACY_PIPELINE)
    assert "newsdigest_pos" not in ours.pipe_names  # it takes the ruler's place and name
    assert type(ours.get_pipe("attribute_ruler")) is PosFromTags
    for theirs, mine in zip(reference.pipe(texts), ours.pipe(texts), strict=True):
        assert [t.pos_ for t in theirs] == [t.pos_ for t in mine]
        assert (theirs.to_array([POS]) == mine.to_array([POS])).all()


def test_pos_is_the_rulers_on_our_stories(reference: Any, example_story: str) -> None:
    odd = 'But "that" is what she said: something, anybody, I\'d, a lot, those who could.'
    _same_pos(reference, [example_story, odd, "", " \n\n "])


@pytest.mark.slow
def test_pos_is_the_rulers_on_development_documents(reference: Any, shared_dir: Path) -> None:
    texts = []
    for name, field in (("cnndm_dev", "article"), ("conll2003_dev", "text"), ("ggt_dev", "text")):
        with (shared_dir / "data" / f"{name}.jsonl").open(encoding="utf-8") as lines:
            texts += [json.loads(line)[field] for _, line in zip(range(8), lines, strict=False)]
    _same_pos(reference, texts)


def test_a_pattern_it_cannot_apply_keeps_the_ruler() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN", "LENGTH": {">": 3}}]], {"POS": "NOUN"})
    with pytest.raises(UnsupportedPattern):
        PosFromTags(nlp.vocab, ruler.patterns)
    assert not use_fast_pos(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
