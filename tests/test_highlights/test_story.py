"""What a reader gets from the highlights of a story."""

from __future__ import annotations

import pytest

import newsdigest
from newsdigest.analysis import Analysis
from newsdigest.highlights.learned import LearnedHighlighter
from newsdigest.highlights.story import candidates, leading_headline
from newsdigest.model import Article


def _text(result: newsdigest.Digest) -> str:
    return " ".join(h.text for h in result.highlights).lower()


def test_seed_story_highlights_tell_main_facts(seed_story: str) -> None:
    said = _text(newsdigest.digest(seed_story, only=["highlights"]))
    assert "adviser resigned" in said
    assert "smoked crack" in said


def test_highlights_are_in_story_order_and_distinct(example_story: str) -> None:
    result = newsdigest.digest(example_story, only=["highlights"])
    starts = [h.spans[0].start for h in result.highlights]
    assert starts == sorted(starts)
    assert len({h.text for h in result.highlights}) == len(result.highlights)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5])
def test_count_is_obeyed(example_story: str, count: int) -> None:
    options = newsdigest.Settings(highlights=count)
    result = newsdigest.digest(example_story, only=["highlights"], settings=options)
    assert len(result.highlights) == count


@pytest.mark.parametrize("budget", [12, 25, 40])
def test_word_budget_is_never_exceeded(example_story: str, budget: int) -> None:
    options = newsdigest.Settings(max_words=budget)
    result = newsdigest.digest(example_story, only=["highlights"], settings=options)
    assert result.highlights
    assert sum(len(h.text.split()) for h in result.highlights) <= budget


def test_default_gives_three_or_four(example_story: str) -> None:
    result = newsdigest.digest(example_story, only=["highlights"])
    assert 3 <= len(result.highlights) <= 4


def test_highlights_only_never_parses(example_story: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(name: str) -> None:
        raise AssertionError("spaCy was loaded for highlights")

    monkeypatch.setattr("newsdigest.analysis.load_pipeline", refuse)
    article = Article(text=example_story, title="Council delays ferry vote")
    result = LearnedHighlighter()(Analysis(article), count=None, max_words=None)
    assert result


def test_captions_and_boilerplate_never_become_highlights() -> None:
    story = (
        "Scroll down for video. "
        "The city council voted on Tuesday to close the old bridge to all traffic from June. "
        "Closed: The mayor pictured at the bridge last year "
        "The bridge, built in 1902, was found to be unsafe by engineers last month. "
        "Repairs would cost more than $40 million, the report said. "
        "Share this article."
    )
    analysis = Analysis(Article(text=story))
    texts = [story[c.span.start : c.span.end] for c in candidates(analysis)]
    assert all("Scroll down" not in t and "Share this" not in t for t in texts)
    assert all("pictured" not in t for t in texts)
    assert any(t.startswith("The bridge, built in 1902") for t in texts)


def test_no_sentences_no_highlights() -> None:
    result = newsdigest.digest("...", only=["highlights"])
    assert result.highlights == ()


def test_a_headline_line_is_not_a_bullet_but_informs_the_choice(example_story: str) -> None:
    headline_end = example_story.index("\n")
    analysis = Analysis(Article(text=example_story))
    span = leading_headline(analysis)
    assert span is not None and span.end == headline_end
    result = newsdigest.digest(example_story, only=["highlights"])
    assert all(h.spans[0].start > headline_end for h in result.highlights)
