"""Web pages: the article and its metadata, and every item traceable to the page itself."""

from __future__ import annotations

import html as html_lib
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdigest
from newsdigest.errors import InputError, TooLarge
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

PAGES = Path(__file__).resolve().parents[1] / "pages"


# A tag, comment or declaration: "<" then a letter, "/", "!" or "?" (a bare "<" is text).
_TAG = re.compile(r"<!--.*?(?:-->|\Z)|<[/!?]?[A-Za-z][^>]*>|<[!?/][^>]*>", re.DOTALL)


# Tags that a browser shows as a break between words: blocks, cells, line breaks.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|td|th|tr|table|h[1-6]|blockquote|section|article|main|header"
    r"|footer|nav|aside|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)


# Elements whose content is never shown.
_RAW = re.compile(r"<(script|style|textarea|title)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S)


def visible(fragment: str) -> str:
    """What a reader sees of an HTML range: scripts and styles dropped, tags stripped (a
    block or cell boundary is a space), entities decoded, white space collapsed."""
    shown = _TAG.sub("", _BLOCK_TAG.sub(" ", _RAW.sub("", fragment)))
    return " ".join(html_lib.unescape(shown).split())


def read_page(name: str) -> str:
    return decode_html_bytes((PAGES / name).read_bytes())[0]


@dataclass(frozen=True)
class Expected:
    title: str
    published: str | None
    authors: tuple[str, ...]
    site_name: str | None
    paragraphs: tuple[str, ...]
    boilerplate: tuple[str, ...]
    url: str | None = None


FERRY = Expected(
    title="Harbour ferry to run through winter after council vote",
    published="2026-02-03",
    authors=("Dana Whitfield",),
    site_name="The Millbrook Courier",
    paragraphs=(
        "The Millbrook harbour ferry will keep running through the winter after the town council "
        "voted 7 to 2 on Monday to cover the crossing’s fuel costs until the end of March.",
        "The ferry, which carries about 400 passengers a day between the old quay and Gull Island, "
        "was due to stop on 15 February because its operator, Bayline Crossings, said the service "
        "was losing money in the cold months.",
        "“People on the island rely on this boat to get to work, to school and to the doctor,” "
        "said councillor Priya Ramanathan, who proposed the funding. “Stopping it in February was "
        "never a real option.”",
        "The subsidy will cost the town £84,000, taken from a reserve set aside for coastal works. "
        "Two councillors voted against, arguing that the money should go towards repairing the sea "
        "wall at Fisher's Point.",
        "Bayline Crossings said in a statement that it welcomed the decision and would publish a "
        "revised timetable next week. The company’s managing director, Tom Adeyemi, said "
        "ridership had grown by a fifth since 2024.",
        "The council will review the arrangement in April, when it sets the budget for the next "
        "financial year.",
    ),
    boilerplate=(
        "cookies",
        "Sport",
        "Advertisement",
        "Hartley Furniture",
        "Kestrel Broadband",
        "Share this story",
        "Facebook",
        "Related stories",
        "Sea wall repairs delayed",
        "harbourwatcher",
        "About time",
        "rights reserved",
        "Privacy policy",
        "By Dana Whitfield",
    ),
)
BUSES = Expected(
    title="Night buses return to the ring road",
    published="2025-10-08",
    authors=("Marcus Ilori", "Hannah Sowerby"),
    site_name="Eastvale Post",
    paragraphs=(
        "Night buses will run on the Eastvale ring road again from Friday, three years after the "
        "route was cut to save money, the regional transport authority said.",
        "The N4 service will leave the central station every 30 minutes between midnight and "
        "5 a.m., stopping at the hospital, the university campus and the industrial estate at "
        "Colby Marsh.",
        "Shift workers at the hospital had campaigned for the route since it was withdrawn. "
        '"For three years I have paid for a taxi twice a week," said Ellen Marsh, a nurse on the '
        "night ward.",
        "The authority said the service would be paid for by a new levy on car parks in the city "
        "centre, which was approved in the summer.",
    ),
    boilerplate=("Home", "Transport", "Mill Lane", "newsroom", "@context"),
)
LIBRARY = Expected(
    title="Library opening hours extended for exam season",
    published="2025-11-19",
    authors=(),
    site_name=None,
    paragraphs=(
        "Northfield central library will stay open until 10 p.m. on weekdays from next Monday "
        "until the end of January, the county council announced on Wednesday.",
        "The longer hours are meant for students revising for winter exams, many of whom have no "
        "quiet place to study at home, said Aled Price, who runs the library service.",
        "The change will be paid for from the council's youth budget and will need six extra "
        "staff, who will be recruited from a pool of part-time workers.",
        "Last year the library opened late for two weeks as a trial, and more than 3,000 visits "
        "were recorded in the extra hours.",
    ),
    boilerplate=("Northfield Weekly", "Events", "newsletter", "Published"),
)
POOL = Expected(
    title="Swimming pool to reopen after roof repairs",
    published="2025-09-30",
    authors=(),
    site_name="example.org",
    url="https://www.example.org/news/2025/09/30/pool-to-reopen/",
    paragraphs=(
        "The Riverside leisure centre pool will reopen to the public on Saturday after eight "
        "months of repairs to its roof, the centre's operator said.",
        "Engineers found corrosion in the steel frame of the roof during a routine inspection "
        "last winter, and the pool was closed as a precaution while the beams were replaced.",
        "Swimming clubs that moved their training to a school pool in Hadley will return next "
        "week. Season tickets bought before the closure will be extended by eight months.",
        "The repairs cost 1.2 million pounds, most of it paid by the operator's insurer, "
        "according to a report to the borough council.",
    ),
    boilerplate=("Home", "Leisure", "Copyright", "Riverside Gazette"),
)
ORCHID = Expected(
    title="Rare orchid found on railway embankment",
    published="2025-05-27",
    authors=("Joanna Pell",),
    site_name="Wealdshire Chronicle",
    paragraphs=(
        "A colony of lizard orchids, one of the rarest wild flowers in the country, has been "
        "found growing on a railway embankment near Ashcombe station.",
        "The plants were spotted by a commuter, Femi Okafor, who photographed them while waiting "
        "for a delayed train and sent the pictures to the county wildlife trust.",
        "Botanists from the trust counted 23 flowering spikes. The orchid, which smells faintly "
        "of goats, is found at fewer than 30 sites nationally.",
        "Network Rail said it would change its mowing schedule for the embankment so that the "
        "plants can set seed before the grass is cut in late summer.",
    ),
    boilerplate=(
        "The orchids were spotted by a passenger",
        "Photo:",
        "Wealdshire Wildlife Trust",
        "from the station footbridge",
        "Picture by",
        "Sam Tolley",
        "Nature",
    ),
)
STORM = Expected(
    title="Live: storm Ottoline brings floods to the coast",
    published="2026-01-14",
    authors=("Live desk",),
    site_name="Coastline News",
    paragraphs=(
        "Key points: flood warnings on the east coast; ferries cancelled; schools shut in "
        "Porthaven.",
        "Ferries cancelled for the rest of the day",
        "All sailings from Porthaven harbour have been cancelled until Thursday morning, the "
        "ferry operator said, as waves of up to six metres were recorded off the headland.",
        "Schools closed in Porthaven",
        "Eleven schools in Porthaven will stay closed today because of flooding on the roads "
        "into town, the county council said. Parents were told by text message shortly after "
        "7 a.m.",
        "Flood warnings issued",
        "The environment agency has issued severe flood warnings for four stretches of the east "
        "coast, meaning there is a danger to life. Residents of the seafront in Porthaven have "
        "been told to move to higher floors.",
    ),
    boilerplate=("Share this post", "Terms and conditions", "Weather"),
)
CAFE_PARAGRAPHS = (
    "Owners of the cafés on Lakeside Promenade have started a petition against a plan to build "
    "a relief road behind their terraces, which they say would “destroy the quiet” that draws "
    "visitors.",
    "The petition, started by José Ferreira of the Café Mira, had more than 1,800 signatures by "
    "Tuesday evening – almost a third of the town’s adult population.",
    "“We are not against progress,” Mr Ferreira said. “We are against a lorry route twenty "
    "metres from where people eat their lunch.”",
    "The county’s highways department said the road would take 4,000 vehicles a day out of the "
    "town centre and that a public consultation would open in September. The scheme is "
    "budgeted at £12.5 million.",
)
CAFE = Expected(
    title="Café owners fight plan for new road",
    published="2024-08-21",
    authors=("Renée Caron",),
    site_name=None,
    paragraphs=CAFE_PARAGRAPHS,
    boilerplate=("Accueil", "Lakeland Echo"),
)

PAGE_CASES = {
    "news_full.html": FERRY,
    "date_jsonld.html": BUSES,
    "date_time.html": LIBRARY,
    "date_url.html": POOL,
    "captions_body.html": ORCHID,
    "live_blog.html": STORM,
    "legacy_cp1252.html": CAFE,
    "wrong_charset.html": CAFE,
}


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


@pytest.mark.timeout(60)
def test_a_50_mb_page_is_refused_at_once() -> None:
    page = "<html><body>" + "<p>word</p>" * 4_600_000 + "</body></html>"
    started = time.monotonic()
    with pytest.raises(TooLarge, match="over the limit"):
        article_from_html(page)
    assert time.monotonic() - started < 1.0


@pytest.mark.timeout(60)
def test_200000_nested_elements_give_an_error_or_a_digest() -> None:
    story = "<p>" + "A sentence of the story that goes on for a while. " * 10 + "</p>"
    for page in (
        "<html><body>" + "<div>" * 200_000 + "<p>deep</p>" + "</div>" * 200_000 + "</body></html>",
        f"<html><body><article>{story}" + "<div>" * 200_000 + "</article></body></html>",
    ):
        try:
            article = article_from_html(page)
        except InputError as exc:
            assert "no article" in str(exc) or "too many to be one article" in str(exc)
        else:
            assert "A sentence of the story" in article.text


@pytest.mark.timeout(60)
def test_a_page_over_the_time_limit_is_stopped() -> None:
    page = "<html><body>" + "<p>Paragraph with words in it and more of them.</p>" * 20_000
    started = time.monotonic()
    with pytest.raises(InputError, match=r"took longer than 0\.2 s"):
        article_from_html(page + "</body></html>", time_limit=0.2)
    assert time.monotonic() - started < 10


_MARKUP_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='x'>",
        "</div>",
        "<b>",
        "</b>",
        "<br>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "&amp;",
        "&#8217;",
        "&bogus;",
        "&#xZZ;",
        "<",
        ">",
        '"',
        "<a href='",
        "<figure><figcaption>",
        "The council voted on Monday to keep the ferry running through winter. ",
        "Officials said the money would come from a reserve fund for coastal works. ",
        "\n",
    ]
)


@given(pieces=st.lists(_MARKUP_PIECES, min_size=1, max_size=60))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_malformed_html_gives_an_article_that_maps_back_or_a_clear_error(
    pieces: list[str],
) -> None:
    page = "<html><body>" + "".join(pieces)
    try:
        article = article_from_html(page)
    except InputError:
        return
    assert isinstance(article.source_map, HtmlSourceMap)
    for match in re.finditer(r"\S+", article.text):
        target = article.source_map(Span(match.start(), match.end()))
        assert target is not None
        assert visible(page[target.start : target.end]) == match.group()


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


@pytest.mark.timeout(60)
def test_the_time_limit_holds_in_a_worker_thread_too() -> None:
    page = "<html><body>" + "<p>Paragraph with words in it and more of them.</p>" * 20_000
    errors: list[BaseException] = []

    def read() -> None:
        try:
            article_from_html(page, time_limit=0.2)
        except InputError as exc:
            errors.append(exc)

    worker = threading.Thread(target=read)
    worker.start()
    worker.join(30)
    assert not worker.is_alive()
    assert len(errors) == 1 and "took longer" in str(errors[0])


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
