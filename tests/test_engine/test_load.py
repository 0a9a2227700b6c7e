"""One loader: a story as text, bytes, a path, an HTML page, a URL or a record."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import newsdigest
from newsdigest.errors import FetchError, InputError, NoInput

PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge opens in Port Ellis</title></head><body>"
    "<article><h1>Bridge opens in Port Ellis</h1>"
    "<p>Mayor Ana Ruiz of Port Ellis said on Monday that the new bridge would open in May, "
    "two years after the old one was closed to traffic by engineers.</p>"
    "<p>The council approved the final budget last week after a long debate about the cost "
    "of the approach roads and the tolls that drivers would have to pay.</p>"
    "<p>Work on the river crossing began in the spring of last year and employed more than "
    "two hundred people from the town and the villages around it.</p>"
    "</article></body></html>"
)


def test_text_is_the_story_itself() -> None:
    article = newsdigest.load("Flood waters rose overnight.", published="2026-02-01")
    assert article.text == "Flood waters rose overnight."
    assert article.published == dt.date(2026, 2, 1)


def test_bytes_are_decoded_and_their_encoding_reported() -> None:
    article = newsdigest.load("Café owners said no.".encode("cp1252"))
    assert article.text == "Café owners said no."
    assert article.encoding is not None


def test_a_path_is_read(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Council met on Tuesday.", encoding="utf-8")
    assert newsdigest.load(story, title="Meeting").title == "Meeting"


def test_a_missing_path_is_no_input(tmp_path: Path) -> None:
    with pytest.raises(NoInput, match="no such file"):
        newsdigest.load(tmp_path / "missing.txt")


def test_a_page_is_recognised_and_mapped_back_to_its_html() -> None:
    article = newsdigest.load(PAGE, url="https://example.org/2026/03/02/bridge")
    assert article.source_map is not None
    assert article.title == "Bridge opens in Port Ellis"
    assert "Mayor Ana Ruiz" in article.text
    assert "<p>" not in article.text


def test_html_false_keeps_markup_as_text() -> None:
    article = newsdigest.load(PAGE, html=False)
    assert article.text == PAGE


def test_a_record_gives_its_fields_and_the_arguments_fill_the_rest() -> None:
    record = {"id": 7, "article": "Talks resumed on Friday.", "outlet": "Harbour Times"}
    article = newsdigest.load(record, published="2026-03-06")
    assert (article.id, article.outlet, article.published) == (
        "7",
        "Harbour Times",
        dt.date(2026, 3, 6),
    )
    assert article.text == "Talks resumed on Friday."


def test_a_record_with_html_reads_the_page() -> None:
    article = newsdigest.load({"html": PAGE, "id": "p1"})
    assert article.id == "p1" and article.source_map is not None


def test_a_record_without_a_story_is_refused() -> None:
    with pytest.raises(InputError, match="no text, article or html"):
        newsdigest.load({"id": "x", "title": "Nothing here"})


def test_a_url_that_cannot_be_fetched_is_a_fetch_error() -> None:
    with pytest.raises(FetchError):
        newsdigest.load("http://127.0.0.1:9/story")  # loopback refused without allow_private


def test_digest_url_refuses_what_is_not_an_http_address() -> None:
    with pytest.raises(FetchError):
        newsdigest.digest_url("ftp://example.org/story", title="A story")


def test_a_url_is_fetched_and_its_page_read(page_server: str) -> None:
    article = newsdigest.load(page_server, allow_private=True, published="2026-03-02")
    assert article.url == page_server
    assert "Mayor Ana Ruiz" in article.text
    digest = newsdigest.digest_url(page_server, allow_private=True, title="Our title")
    assert digest.article.title == "Our title"


@pytest.fixture()
def page_server() -> Iterator[str]:
    """A loopback HTTP server that serves PAGE."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/2026/03/02/bridge"
    finally:
        server.shutdown()
        server.server_close()
