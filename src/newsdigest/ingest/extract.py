"""The article of a page, as trafilatura sees it, found among the page's own words.

trafilatura decides what the article is (body, title, authors, date, site name) and
drops navigation, ads, share bars, related links, comments and cookie banners. Its
paragraphs are then located on the page (:mod:`newsdigest.ingest.align`); image captions
and photo credits it kept are left out, and the headings it dropped between two
paragraphs of the article are put back.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsdigest.errors import InputError, TooLarge
from newsdigest.ingest._markup import FLAG_CAPTION, FLAG_HEADING, PageText, scan_page
from newsdigest.ingest.align import Aligner, PageWords
from newsdigest.ingest.text import parse_published

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# An article needs a paragraph of prose: a login wall or a menu has none.
MIN_PROSE_WORDS = 12
# The most a page may give the extractor: its elements, and its length written back as
# HTML once scripts, styles and comments are left out. trafilatura's work grows with
# both, and some of it (its date search) is regular expressions that no time limit stops.
MAX_ELEMENTS = 50_000
MAX_EXTRACTED_CHARS = 2_000_000
# The loggers of trafilatura and the libraries it relies on, which log every page they
# discard as an error.
EXTRACTION_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")

# trafilatura refuses a fragment; a page without <html> or <body> is given to it wrapped.
_WHOLE_PAGE = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)

NO_ARTICLE = (
    "no article found in the page (is it a login wall, an index page, "
    "or a page whose text is written by scripts?)"
)


@dataclass(frozen=True, slots=True)
class Extracted:
    """What the extraction found: the scanned page, its words, the article's paragraphs (as
    word indexes, in page order) and trafilatura's metadata."""

    page: PageText
    words: PageWords
    paragraphs: list[list[int]]
    metadata: dict[str, Any]


def quiet_extraction_loggers() -> None:
    """Silence the error logs of trafilatura and the libraries it relies on, for a process
    (the command line, a worker) that says what went wrong itself, in one line. Never
    called at import."""
    for name in EXTRACTION_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


@lru_cache(maxsize=1)
def load_extractor() -> None:
    """Import trafilatura and run it once on a small page, so that what it and the libraries
    it relies on load on first use (dateparser's language data) is loaded outside any time
    limit."""
    import trafilatura
    import trafilatura.settings
    import trafilatura.xml

    trafilatura.bare_extraction(_WARM_UP_PAGE, with_metadata=True)


_WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><article><p>Published 3 March 2026</p>"
    + "<p>A short paragraph that is only here to load the extractor's libraries once.</p>" * 3
    + "</article></body></html>"
)


def extract(html: str, url: str | None, check: Callable[[], None]) -> Extracted:
    """Run trafilatura on the page and find its paragraphs among the page's own words.

    html (str): the decoded page.
    url (str | None): where the page was published.
    check (Callable[[], None]): called now and then; it may raise to stop a slow page.
    RETURNS (Extracted): the paragraphs and metadata; raises ``InputError`` when
        trafilatura finds no article body.
    """
    import trafilatura
    from trafilatura.settings import Document
    from trafilatura.xml import xmltotxt

    page = scan_page(html, check=check)
    check()
    tree = _tree_for_extraction(html)
    check()
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_tables=True,
    )
    if not isinstance(document, Document) or document.body is None:
        raise InputError(NO_ARTICLE)
    lines = [line for line in xmltotxt(document.body, False).splitlines() if line.strip()]
    aligner = Aligner(page, check)
    paragraphs = [found for line in lines if (found := aligner.locate(line))]
    paragraphs.sort(key=lambda found: found[0])
    paragraphs = _restore_headings(paragraphs, aligner)
    metadata = {
        name: getattr(document, name, None)
        for name in ("title", "author", "date", "sitename", "url")
    }
    return Extracted(page=page, words=aligner.words, paragraphs=paragraphs, metadata=metadata)


def _tree_for_extraction(html: str) -> HtmlElement:
    """The page as trafilatura reads it, without what no reader sees and no extraction
    uses: the code of scripts (data scripts such as JSON-LD stay), styles and comments.

    html (str): the decoded page.
    RETURNS (HtmlElement): the parsed page; raises ``TooLarge`` when it holds more than
        ``MAX_ELEMENTS`` elements or ``MAX_EXTRACTED_CHARS`` characters.
    """
    from lxml import etree
    from trafilatura.utils import load_html

    tree = load_html(
        html if _WHOLE_PAGE.search(html, 0, 100_000) else f"<html><body>{html}</body></html>"
    )
    if tree is None:
        raise InputError(NO_ARTICLE)
    elements = int(tree.xpath("count(//*)"))
    if elements > MAX_ELEMENTS:
        raise TooLarge(f"page has {elements:,} elements, over the limit of {MAX_ELEMENTS:,}")
    for script in tree.iter("script"):
        if "json" not in (script.get("type") or "").lower():
            script.text = None
    etree.strip_elements(tree, "style", etree.Comment, with_tail=False)
    size = len(etree.tostring(tree, method="html", encoding="unicode"))
    if size > MAX_EXTRACTED_CHARS:
        raise TooLarge(
            f"page has {size:,} characters of markup and text, over the limit of "
            f"{MAX_EXTRACTED_CHARS:,}"
        )
    return tree


def _restore_headings(paragraphs: list[list[int]], aligner: Aligner) -> list[list[int]]:
    """Put back the headings that stand between two paragraphs of the article.

    trafilatura drops some subheadings (most of a live blog's post titles); a heading
    that the page places between two paragraphs of the article belongs to it.
    """
    if len(paragraphs) < 2:
        return paragraphs
    words, page = aligner.words, aligner.page
    low, high = words.starts[paragraphs[0][0]], words.ends[paragraphs[-1][-1]]
    runs: list[list[int]] = []
    for start, end in page.runs_with(FLAG_HEADING, low, high):
        for index in words.between(start, end):
            if aligner.used[index] or words.flags(index) & FLAG_CAPTION:
                continue
            previous = runs[-1][-1] if runs else -2
            gap = page.text[words.ends[previous] : words.starts[index]]
            if previous == index - 1 and "\n" not in gap:
                runs[-1].append(index)
            else:
                runs.append([index])
    return sorted(paragraphs + runs, key=lambda found: found[0]) if runs else paragraphs


def article_paragraphs(extracted: Extracted, titles: Sequence[object]) -> list[list[int]]:
    """The paragraphs of the article text: without a first one that repeats the title.

    extracted (Extracted): what the extraction found.
    titles (Sequence[object]): the title given and the title found, either may be None.
    RETURNS (list[list[int]]): word indexes of each paragraph; raises ``InputError`` when
        no paragraph is prose.
    """
    paragraphs = _drop_title(extracted.paragraphs, extracted.words, titles)
    if not paragraphs or max(len(p) for p in paragraphs) < MIN_PROSE_WORDS:
        raise InputError(NO_ARTICLE)
    return paragraphs


def _drop_title(
    paragraphs: list[list[int]], words: PageWords, titles: Sequence[object]
) -> list[list[int]]:
    """Leave out a first paragraph that repeats the title (given or found): it is kept apart."""
    if not paragraphs:
        return paragraphs
    first = " ".join(words.keys[i] for i in paragraphs[0]).casefold()
    repeated = any(isinstance(t, str) and " ".join(t.split()).casefold() == first for t in titles)
    return paragraphs[1:] if repeated else paragraphs


def published_of(value: object) -> dt.date | None:
    """The date of trafilatura's ``date`` field, or None when it has none that parses."""
    if not isinstance(value, str):
        return None
    try:
        return parse_published(value)
    except InputError:
        return None


def authors_of(value: object) -> tuple[str, ...]:
    """The names of trafilatura's ``author`` field (``;``-separated), each once, in order."""
    if not isinstance(value, str):
        return ()
    names = (" ".join(name.split()) for name in value.split(";"))
    return tuple(dict.fromkeys(name for name in names if name))
