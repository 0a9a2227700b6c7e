"""Fetching pages: against a local HTTP server on loopback that the tests start themselves."""

from __future__ import annotations

import gzip
import http.server
import ipaddress
import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdigest.errors import FetchError
from newsdigest.ingest import url as url_module
from newsdigest.ingest.url import fetch_url, is_public_address

PAGES = Path(__file__).resolve().parents[1] / "pages"
ARTICLE = (PAGES / "news_full.html").read_bytes()
LEGACY = (PAGES / "legacy_cp1252.html").read_bytes()


class Handler(http.server.BaseHTTPRequestHandler):
    """Canned answers, one per path."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE, "text/html; charset=utf-8")
        elif path == "/legacy":
            self._send(200, LEGACY, "text/html; charset=windows-1252")
        elif path == "/gzip":
            self._send(200, gzip.compress(ARTICLE), "text/html", {"Content-Encoding": "gzip"})
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/article" if left == 0 else f"/hop/{left - 1}"
            self._send(302, b"", "text/plain", {"Location": target})
        elif path == "/loop":
            self._send(301, b"", "text/plain", {"Location": "/loop"})
        elif path == "/to-other-host":
            port = self.server.server_address[1]
            self._send(302, b"", "text/plain", {"Location": f"http://127.0.0.2:{port}/article"})
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE, "text/html")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>a</p>")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/big":
            self._send(200, b"<html>" + b"x" * 2_000_000, "text/html")
        elif path == "/big-unsized":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>" + b"y" * 65_536 + b"</p>")
            self.close_connection = True
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4", "application/pdf")
        elif path == "/untyped":
            self._send(200, ARTICLE, "")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """Clients that give up (time-out and size tests) are expected: no traceback on stderr."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A page server on 127.0.0.1 and a free port, stopped after the module's tests."""
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_fetched_and_decoded(server: str) -> None:
    html, final = fetch_url(f"{server}/article", allow_private=True)
    assert html == ARTICLE.decode("utf-8")
    assert final == f"{server}/article"


def test_the_charset_of_the_content_type_header_is_used(server: str) -> None:
    html, _ = fetch_url(f"{server}/legacy", allow_private=True)
    assert "José Ferreira" in html


def test_a_compressed_page_is_decompressed(server: str) -> None:
    html, _ = fetch_url(f"{server}/gzip", allow_private=True)
    assert html == ARTICLE.decode("utf-8")


def test_five_redirects_are_followed(server: str) -> None:
    html, final = fetch_url(f"{server}/hop/4", allow_private=True)
    assert final == f"{server}/article"
    assert "Millbrook harbour ferry" in html


@pytest.mark.parametrize("path", ["/hop/5", "/loop"])
def test_a_sixth_redirect_is_refused(server: str, path: str) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(f"{server}{path}", allow_private=True)


@pytest.mark.timeout(30)
def test_a_server_that_does_not_answer_times_out(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(f"{server}/slow", allow_private=True, timeout=0.5)
    assert time.monotonic() - started < 2.5


@pytest.mark.timeout(30)
def test_a_body_that_trickles_in_is_cut_off_by_the_total_limit(server: str) -> None:
    with pytest.raises(FetchError, match="took too long"):
        fetch_url(f"{server}/drip", allow_private=True, timeout=0.4)


def test_a_page_over_the_size_cap_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match="over 1,000,000"):
        fetch_url(f"{server}/big", allow_private=True, max_bytes=1_000_000)
    with pytest.raises(FetchError, match="over 1,000,000 bytes"):
        fetch_url(f"{server}/big-unsized", allow_private=True, max_bytes=1_000_000)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/pdf", "application/pdf, not an HTML page"),
        ("/untyped", "of no stated type, not an HTML page"),
        ("/missing", "HTTP 404"),
    ],
)
def test_what_is_not_an_html_page_is_refused(server: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch_url(f"{server}{path}", allow_private=True)


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://example.org/", "http://", "x"])
def test_only_http_urls_are_fetched(address: str) -> None:
    with pytest.raises(FetchError):
        fetch_url(address)


def test_loopback_is_refused_without_allow_private(server: str) -> None:
    with pytest.raises(FetchError, match=r"refusing to fetch from 127\.0\.0\.1"):
        fetch_url(f"{server}/article")
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="refusing to fetch from localhost"):
        fetch_url(f"http://localhost:{port}/article")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "224.0.0.251",
        "0.0.0.0",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:0a00:0001::",
    ],
)
def test_private_ranges_are_not_public(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


def test_the_check_holds_across_redirects(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Let 127.0.0.1 pass as if public: the redirect to 127.0.0.2 must still be refused.
    monkeypatch.setattr(
        url_module, "is_public_address", lambda a: a == ipaddress.ip_address("127.0.0.1")
    )
    assert fetch_url(f"{server}/article")[1] == f"{server}/article"
    with pytest.raises(FetchError, match=r"refusing to fetch from 127\.0\.0\.2"):
        fetch_url(f"{server}/to-other-host")


def test_one_private_address_in_a_dns_answer_is_enough_to_refuse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def answer(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        assert host == "news.invalid"
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(url_module.socket, "getaddrinfo", answer)
    with pytest.raises(FetchError, match=r"refusing to fetch from news.invalid \(10.0.0.7\)"):
        fetch_url("http://news.invalid/story")


def test_the_connection_goes_to_the_address_that_was_checked(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = int(server.rsplit(":", 1)[1])
    calls: list[str] = []
    real = socket.getaddrinfo

    def answer(host: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(host)
        return real("127.0.0.1" if host == "news.invalid" else host, *args, **kwargs)

    monkeypatch.setattr(url_module.socket, "getaddrinfo", answer)
    html, final = fetch_url(f"http://news.invalid:{port}/article", allow_private=True)
    assert "Millbrook" in html and final.startswith("http://news.invalid")
    assert calls.count("news.invalid") == 1


def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsdigest", *args],
        capture_output=True,
        timeout=300,
        check=False,
    )


def test_cli_digests_a_url_with_allow_private(server: str) -> None:
    result = run_cli("digest", "--url", f"{server}/hop/1", "--allow-private", "--only", "dates")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["article"]["url"] == f"{server}/article"
    assert data["article"]["published"] == "2026-02-03"
    assert all(d["html_span"] for d in data["dates"])


@pytest.mark.parametrize(
    ("path", "extra", "message"),
    [
        ("/article", (), "refusing to fetch from 127.0.0.1"),
        ("/pdf", ("--allow-private",), "not an HTML page"),
    ],
)
def test_cli_fetch_failures_exit_74_with_one_line(
    server: str, path: str, extra: tuple[str, ...], message: str
) -> None:
    result = run_cli("digest", "--url", f"{server}{path}", *extra)
    err = result.stderr.decode()
    assert result.returncode == 74, err
    assert err.count("\n") == 1 and err.startswith("newsdigest: error:") and message in err


def test_digest_url_digests_the_fetched_page(server: str) -> None:
    import newsdigest

    digest = newsdigest.digest_url(f"{server}/hop/2", allow_private=True, only=["dates"])
    assert digest.article.url == f"{server}/article"
    assert digest.article.title == "Harbour ferry to run through winter after council vote"
    assert all(item["html_span"] for item in digest.to_dict()["dates"])
    with pytest.raises(FetchError, match="refusing"):
        newsdigest.digest_url(f"{server}/article")


def test_cli_marks_a_fetched_page_and_keeps_its_encoding(server: str) -> None:
    result = run_cli("digest", "--url", f"{server}/legacy", "--allow-private", "--format", "html")
    assert result.returncode == 0, result.stderr.decode()
    assert re.sub(rb"<mark [^>]*>|</mark>", b"", result.stdout) == LEGACY
    assert b"<mark " in result.stdout
