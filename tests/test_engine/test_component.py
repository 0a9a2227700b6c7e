"""newsdigest as a spaCy component, on the pinned pipeline and on a blank one."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

import newsdigest
from helpers import EXAMPLE_PUBLISHED
from newsdigest.settings import DEFAULT_SPACY_PIPELINE


@pytest.fixture(scope="module")
def nlp() -> Any:
    pipeline = spacy.load(DEFAULT_SPACY_PIPELINE)
    pipeline.add_pipe("newsdigest", config={"published": EXAMPLE_PUBLISHED})
    return pipeline


def test_the_component_gives_the_digest_of_the_api(nlp: Any, example_story: str) -> None:
    doc = nlp(example_story)
    assert doc._.digest == newsdigest.digest(example_story, published=EXAMPLE_PUBLISHED)


def test_span_groups_hold_the_items_as_spacy_spans(nlp: Any, example_story: str) -> None:
    doc = nlp(example_story)
    digest = doc._.digest
    assert len(doc.spans["quotes"]) == len(digest.quotes)
    for span, quote in zip(doc.spans["quotes"], digest.quotes, strict=True):
        assert span.start_char <= quote.span.start and quote.span.end <= span.end_char
        assert span.id_ == (quote.speaker or "")
        assert span.label_ == str(quote.kind).upper()
    dates = {(s.text, s.id_) for s in doc.spans["dates"]}
    assert ("Tuesday", "2026-03-10") in dates
    bullets = {s.id_ for s in doc.spans["highlights"]}
    assert bullets == {f"h{n}" for n in range(1, len(digest.highlights) + 1)}
    people = [s for s in doc.spans["cast"] if s.label_ == "PERSON"]
    assert any(s.text == "Elena Marsh" for s in people)


def test_a_docs_own_publication_date_wins(nlp: Any) -> None:
    doc = nlp.make_doc("The council met on Tuesday.")
    doc._.published = "2026-01-09"
    dated = nlp(doc)
    assert [d.value for d in dated._.digest.dates] == ["2026-01-06"]


def test_a_blank_pipeline_gets_newsdigests_own_parse(example_story: str) -> None:
    blank = spacy.blank("en")
    blank.add_pipe("newsdigest", config={"only": ["quotes"], "published": EXAMPLE_PUBLISHED})
    doc = blank(example_story)
    expected = newsdigest.digest(example_story, published=EXAMPLE_PUBLISHED, only=["quotes"])
    assert doc._.digest == expected
    assert "dates" not in doc.spans


def test_an_empty_doc_gets_an_empty_digest(nlp: Any) -> None:
    doc = nlp("")
    assert doc._.digest.highlights == () and doc._.digest.quotes == ()
