"""Web pages: the article and its metadata, and every item traceable to the page itself."""

from __future__ import annotations

import re

import pytest
from html_cases import FERRY, LIBRARY, PAGE_CASES, PAGES, read_page, visible
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdigest
from newsdigest.errors import InputError
from newsdigest.ingest.html import (
    HtmlSourceMap,
    article_from_html,
    decode_html_bytes,
    looks_like_html,
    sniff_html,
)
from newsdigest.model import Article, Digest, Span
from newsdigest.render.html import render_html
from newsdigest.sentences import paragraphs


@pytest.fixture(scope="module")
def digests() -> dict[str, tuple[str, Digest]]:
    """The full digest of every team page, computed once (spaCy loads once)."""
    result = {}
    for name, expected in PAGE_CASES.items():
        page = read_page(name)
        result[name] = page, newsdigest.digest_html(page, url=expected.url)
    return result


@pytest.mark.parametrize("name", sorted(PAGE_CASES))
def test_page_gives_its_article_and_metadata(name: str) -> None:
    expected = PAGE_CASES[name]
    article = article_from_html(read_page(name), url=expected.url)
    assert article.title == expected.title
    assert (article.published.isoformat() if article.published else None) == expected.published
    assert article.authors == expected.authors
    assert article.site_name == expected.site_name
    assert tuple(article.text.split("\n\n")) == expected.paragraphs
    for line in expected.boilerplate:
        assert line not in article.text, line


@pytest.mark.parametrize("name", sorted(PAGE_CASES))
def test_every_digest_item_maps_to_its_text_in_the_page(
    name: str, digests: dict[str, tuple[str, Digest]]
) -> None:
    page, digest = digests[name]
    data = digest.to_dict()
    text = digest.text
    checked = 0

    def check(pair: list[int] | None, html_pair: list[int] | None) -> None:
        nonlocal checked
        if pair is None:
            assert html_pair is None
            return
        assert html_pair is not None, pair
        assert visible(page[html_pair[0] : html_pair[1]]) == " ".join(
            text[pair[0] : pair[1]].split()
        ), (pair, html_pair)
        checked += 1

    for item in data["highlights"]:
        for pair, html_pair in zip(item["spans"], item["html_spans"], strict=True):
            check(pair, html_pair)
    for item in data["entities"]:
        for pair, html_pair in zip(item["mentions"], item["html_mentions"], strict=True):
            check(pair, html_pair)
    for item in data["quotes"]:
        check(item["span"], item["html_span"])
        check(item["speaker_span"], item["html_speaker_span"])
    for item in data["dates"]:
        check(item["span"], item["html_span"])
    assert data["highlights"] and data["entities"] and data["dates"]
    assert checked >= 5


@pytest.mark.parametrize("name", sorted(PAGE_CASES))
def test_the_marked_page_is_the_page_plus_marks(
    name: str, digests: dict[str, tuple[str, Digest]]
) -> None:
    page, digest = digests[name]
    marked = render_html(digest, True)
    assert re.sub(r"<mark [^>]*>|</mark>", "", marked) == page
    marks = re.findall(r"<mark [^>]*>([^<]*)</mark>", marked)
    assert marks and all(m.strip() for m in marks)
    first = digest.highlights[0]
    assert "newsdigest-highlight" in marked
    assert visible(first.text).split()[0] in "".join(marks)


@given(data=st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_span_of_a_paragraph_maps_to_the_same_text_in_the_page(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(PAGE_CASES)))
    article = _article(name)
    paragraph = data.draw(st.sampled_from(paragraphs(article.text)))
    start = data.draw(st.integers(paragraph.start, paragraph.end - 1))
    end = data.draw(st.integers(start + 1, paragraph.end))
    assert isinstance(article.source_map, HtmlSourceMap)
    target = article.source_map(Span(start, end))
    wanted = " ".join(article.text[start:end].split())
    if target is None:
        assert not wanted  # only a space the article put between words comes from nowhere
        return
    assert visible(article.source_map.html[target.start : target.end]) == wanted


_ARTICLES: dict[str, Article] = {}


def _article(name: str) -> Article:
    if name not in _ARTICLES:
        _ARTICLES[name] = article_from_html(read_page(name), url=PAGE_CASES[name].url)
    return _ARTICLES[name]


def test_entities_and_inline_tags_map_to_whole_references() -> None:
    prose = "a story long enough to count as prose for the extractor to keep it"
    page = (
        "<html><body><article>"
        f"<p>Smith &amp; Sons said the caf&eacute;&#8217;s tea costs &pound;3&nbsp;today, "
        f"and the <b>board</b>room agreed &copy 2026; {prose}.</p>"
        f"<p>Another paragraph of the story, {prose}, with more words in it.</p>"
        "</article></body></html>"
    )
    article = article_from_html(page)
    assert article.text.startswith("Smith & Sons said the café’s tea costs £3 today")
    assert "boardroom agreed © 2026;" in article.text
    assert isinstance(article.source_map, HtmlSourceMap)
    for word in ("&", "café’s", "£3", "boardroom", "©"):
        start = article.text.index(word)
        target = article.source_map(Span(start, start + len(word)))
        assert target is not None
        assert visible(page[target.start : target.end]) == word
    amp = article.text.index("&")
    target = article.source_map(Span(amp, amp + 1))
    assert target is not None and page[target.start : target.end] == "&amp;"
    space = article.source_map(Span(amp - 1, amp))
    assert space is not None and page[space.start : space.end] == " "


def test_published_and_title_given_override_the_page() -> None:
    article = article_from_html(read_page("news_full.html"), published="2026-02-10", title="Ferry")
    assert article.published is not None and article.published.isoformat() == "2026-02-10"
    assert article.title == "Ferry"
    assert tuple(article.text.split("\n\n")) == FERRY.paragraphs  # the page's headline left out


def test_page_date_is_the_reference_for_relative_dates(
    digests: dict[str, tuple[str, Digest]],
) -> None:
    _, digest = digests["news_full.html"]
    monday = next(d for d in digest.dates if d.text == "Monday")
    assert monday.value == "2026-02-02"  # the Monday before Tuesday 3 February 2026


def test_legacy_encoding_is_decoded_from_the_meta_tag() -> None:
    data = (PAGES / "legacy_cp1252.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    page, encoding = decode_html_bytes(data)
    assert encoding == "cp1252"
    assert "José Ferreira" in page and "“destroy the quiet”" in page
    digest = newsdigest.digest_html(data, only=["dates"])
    assert digest.article.encoding == "cp1252"


def test_a_wrong_charset_in_the_meta_tag_does_not_garble_the_text() -> None:
    page, encoding = decode_html_bytes((PAGES / "wrong_charset.html").read_bytes())
    assert encoding == "utf-8"
    assert "Café" in page and "Ã" not in page


def test_html_is_recognised_by_its_content() -> None:
    for name in PAGE_CASES:
        assert looks_like_html(read_page(name)), name
    assert looks_like_html("<p>One.</p>\n<p>Two.</p><div>three</div><br>")
    assert not looks_like_html("The council voted 7 to 2 on Monday. <Not a tag> says 3 < 4.")
    page = (PAGES / "news_full.html").read_text(encoding="utf-8")
    assert sniff_html(page.encode("utf-16"))
    assert sniff_html(b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">')
    assert not sniff_html("The council voted on Monday.".encode("utf-16"))


@pytest.mark.parametrize("name", ["login_wall.html", "all_script.html"])
def test_a_page_without_an_article_is_a_clear_error(name: str) -> None:
    with pytest.raises(InputError, match="no article found"):
        article_from_html(read_page(name))


def test_an_index_page_gives_an_error_or_a_digest() -> None:
    links = "".join(
        f'<li><a href="/news/{i}">Headline number {i} about the town</a></li>' for i in range(40)
    )
    page = f"<html><head><title>News index</title></head><body><ul>{links}</ul></body></html>"
    with pytest.raises(InputError, match="no article found"):
        article_from_html(page)


def test_empty_and_non_string_pages_are_refused() -> None:
    with pytest.raises(InputError, match="empty"):
        article_from_html("   ")
    with pytest.raises(InputError, match="must be str"):
        article_from_html(b"<html></html>")  # type: ignore[arg-type]


def test_an_html_page_given_as_plain_text_still_gives_a_digest() -> None:
    digest = newsdigest.digest(read_page("date_time.html"), only=["dates"])
    assert digest.article.source_map is None
    assert any(d.text == "Wednesday" for d in digest.dates)


def test_a_visible_date_line_gives_the_date() -> None:
    page = read_page("date_time.html").replace(
        '<time datetime="2025-11-19T08:00:00Z">19 November 2025</time>', "19 November 2025, 08:00"
    )
    assert "<time" not in page
    article = article_from_html(page)
    assert article.published is not None and article.published.isoformat() == "2025-11-19"
    assert tuple(article.text.split("\n\n")) == LIBRARY.paragraphs


def test_a_page_without_any_date_has_no_reference_date() -> None:
    article = article_from_html(read_page("date_url.html"))  # the date is only in the URL
    assert article.published is None


def test_lists_tables_quotes_and_line_breaks_are_kept_and_mapped() -> None:
    page = (
        "<html><head><title>Budget: what changes</title></head><body><article>"
        "<h1>Budget: what changes</h1>"
        '<p>The budget for next year was approved on <a href="/x">Tuesday</a> after a <em>long'
        "</em> debate in the council chamber that went on past midnight.</p>"
        "<ul><li>Yes.</li><li>Parking in the centre costs more on Saturdays.</li></ul>"
        "<blockquote>We have made hard choices, but fair ones, said the treasurer.</blockquote>"
        "<div>Line one of a div without paragraphs, with enough words to count.<br>"
        "Line two after a break, also with several words in it.</div>"
        "<table><tr><td>Fares</td><td>down 10p</td></tr></table>"
        "<p>The budget will be published in full on the website next week, officials said.</p>"
        "</article></body></html>"
    )
    article = article_from_html(page)
    assert article.text.split("\n\n") == [
        "The budget for next year was approved on Tuesday after a long debate in the council "
        "chamber that went on past midnight.",
        "Yes.",
        "Parking in the centre costs more on Saturdays.",
        "We have made hard choices, but fair ones, said the treasurer.",
        "Line one of a div without paragraphs, with enough words to count.",
        "Line two after a break, also with several words in it.",
        "Fares down 10p",
        "The budget will be published in full on the website next week, officials said.",
    ]
    assert isinstance(article.source_map, HtmlSourceMap)
    for paragraph in paragraphs(article.text):
        target = article.source_map(paragraph)
        assert target is not None
        assert visible(page[target.start : target.end]) == article.text_of(paragraph)


def test_invisible_characters_in_words_do_not_lose_paragraphs() -> None:
    page = (
        "<html><body><article><p>The news&shy;paper said the council&#8203;s plan for the "
        "harbour would cost more than expected this year, officials said.</p><p>A second "
        "para\u200bgraph with enough words to be kept by \u200b the extractor as prose.</p>"
        "</article></body></html>"
    )
    article = article_from_html(page)
    assert article.text == (
        "The news\u00adpaper said the council\u200bs plan for the harbour would cost more than "
        "expected this year, officials said.\n\nA second para\u200bgraph with enough words to "
        "be kept by the extractor as prose."
    )
    assert isinstance(article.source_map, HtmlSourceMap)
    start = article.text.index("news")
    target = article.source_map(Span(start, start + len("news\u00adpaper")))
    assert target is not None and page[target.start : target.end] == "news&shy;paper"


def test_markup_inside_scripts_and_styles_is_not_text() -> None:
    prose = "The council voted on Monday to keep the harbour ferry running through the winter."
    page = (
        '<html><head><script>var s = "<!--"; if (a<b) { document.write("<p>x</p>"); }</script>'
        "<style>p::before { content: '<b>'; }</style></head><body><article>"
        f"<p>{prose}</p><textarea><p>typed</p></textarea><p>{prose}</p>"
        "</article></body></html>"
    )
    article = article_from_html(page)
    assert article.text.split() == f"{prose} {prose}".split()
