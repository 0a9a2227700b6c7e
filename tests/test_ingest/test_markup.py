"""The page scanner: tags read as the HTML5 tokenizer reads them, captions, and page limits."""

from __future__ import annotations

import pytest
from html_cases import runs_map_back

from newsdigest.errors import TooLarge
from newsdigest.ingest._markup import (
    FLAG_CAPTION,
    MAX_MARKUP,
    MAX_TEXT_CHARS,
    scan_page,
)


def words(page: str) -> list[str]:
    return scan_page(page).text.split()


@pytest.mark.parametrize(
    "tail",
    [
        "<a href=x title=more words here",  # a tag that never closes
        '<a title="more words> here',  # an attribute quote that never closes
        "<a title='more words> here",
        "<!-- more words here",  # a comment that never closes
        "<!doctype more words here",  # a declaration that never closes
        "<script>more words here",  # a script that never ends
    ],
)
def test_what_is_left_open_runs_to_the_end_of_the_page(tail: str) -> None:
    assert words(f"<p>The story.</p>{tail}") == ["The", "story."]


def test_a_quote_opens_a_value_only_after_an_equals_sign() -> None:
    assert words("<p class=x'y>one</p> <a b\"c>two</a> <a b='>'>three</a>") == [
        "one",
        "two",
        "three",
    ]


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("<!-->one", ["one"]),
        ("<!--->one", ["one"]),
        ("<!-- x --!>one", ["one"]),
        ("<!-- a -- b --->one", ["one"]),
        ("3 < 4 <3 <> one", ["3", "<", "4", "<3", "<>", "one"]),
        ("</ x>one</>two", ["onetwo"]),  # "</>" is nothing at all
        ("<?php echo 1 ?>one", ["one"]),
    ],
)
def test_comments_and_stray_brackets_read_as_in_a_browser(page: str, shown: list[str]) -> None:
    assert words(page) == shown


def test_end_tags_close_the_element_they_name_or_are_ignored() -> None:
    page = scan_page("<figcaption>a <b>b</i> c</figcaption> d </figcaption> e")
    flagged = "".join(
        page.text[start : start + length]
        for start, length, flags in zip(page.starts, page.lengths, page.flags, strict=True)
        if flags & FLAG_CAPTION
    )
    assert flagged.split() == ["a", "b", "c"]
    assert page.text.split()[-2:] == ["d", "e"]


@pytest.mark.parametrize(
    "tag",
    [
        '<div class="caption">',
        '<p class="wp-caption-text">',
        '<p id="caption-attachment-4190">',
        '<span class="c-media-item__credit">',
        '<div class="Figure-credit">',
        '<div class="imageCaption">',
        "<span class=copyright>",
        "<figcaption>",
    ],
)
def test_a_caption_element_marks_its_text(tag: str) -> None:
    page = scan_page(f"<p>story</p>{tag}caption text")
    assert page.flags_at(page.text.index("caption text")) & FLAG_CAPTION
    assert not page.flags_at(page.text.index("story")) & FLAG_CAPTION


@pytest.mark.parametrize(
    "tag",
    [
        '<body class="single wp-featherlight-captions">',
        "<body class='no-credit-card'>",
        '<html class="caption">',
        '<main id="caption">',
        '<article class="photo-credit-overlay">',
        '<section class="credit">',
        '<div class="has-captions">',  # a container that has captions is not one
        '<div class="recaptcha">',
        '<div data-caption="x">',
        '<div title="caption">',
    ],
)
def test_containers_and_names_that_only_contain_the_word_mark_nothing(tag: str) -> None:
    page = scan_page(f"{tag}<p>A paragraph of the story.</p>")
    assert not any(flags & FLAG_CAPTION for flags in page.flags)


def test_nul_bytes_and_references_map_back_to_the_page() -> None:
    page = scan_page("<p>a\x00b &amp; &copy 2026 &ampx &#x41; &bogus; &#1114112;</p>")
    assert page.text == "a\x00b & © 2026 &x A &bogus; \ufffd\n"
    assert runs_map_back(page)


def test_a_page_with_too_much_text_is_refused() -> None:
    with pytest.raises(TooLarge, match="characters of text"):
        scan_page("<p>" + "word " * (MAX_TEXT_CHARS // 5 + 1))


@pytest.mark.parametrize("unit", ["<b>", "</b>", "<!---->", "&amp;"])
def test_a_page_with_too_many_tags_or_references_is_refused(unit: str) -> None:
    with pytest.raises(TooLarge, match="tags and character references"):
        scan_page(unit * (MAX_MARKUP + 4096))
    scan_page(unit * (MAX_MARKUP // 2))  # half as many are read
