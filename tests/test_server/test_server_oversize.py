"""Every body over ``--max-body`` gets the 413 problem document, however it is sent.

A client that sends its whole body before it reads the answer (as most do) must never see
its connection reset. Fifty uploads of 3 MB against the 64 KiB limit of the test server, in
parallel: with a Content-Length, as fast as the socket takes them or in slow pieces, and
chunked (no Content-Length), fast and slow.
"""

from __future__ import annotations

import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import pytest
from server_process import RunningServer

BODY_BYTES = 3 * 1024 * 1024
PIECE = 64 * 1024
SENDERS = [
    (chunked, pause) for chunked in (False, True) for pause in (0.0, 0.0, 0.0, 0.01, 0.002)
] * 5  # fifty uploads


def upload(url: str, *, chunked: bool, pause: float) -> tuple[int, dict[str, str], bytes]:
    """POST a 3 MB text body in pieces, then read the answer: (status, headers, body)."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=120) as sock:
        framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {BODY_BYTES}"
        head = (
            f"POST /v1/digest HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            f"Content-Type: text/plain\r\n{framing}\r\n\r\n"
        )
        sock.sendall(head.encode("ascii"))
        piece = b"word " * (PIECE // 5)
        sent = 0
        while sent < BODY_BYTES:
            data = piece[: BODY_BYTES - sent]
            sock.sendall(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
            sent += len(data)
            if pause:
                time.sleep(pause)
        if chunked:
            sock.sendall(b"0\r\n\r\n")
        return read_response(sock)


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    stream = sock.makefile("rb")
    status = int(stream.readline().split()[1])
    headers: dict[str, str] = {}
    while (line := stream.readline().strip()) != b"":
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, stream.read(int(headers["content-length"]))


@pytest.mark.slow
def test_every_oversize_upload_gets_the_413_problem(server: RunningServer) -> None:
    with ThreadPoolExecutor(10) as pool:
        futures = [
            pool.submit(upload, server.url, chunked=chunked, pause=pause)
            for chunked, pause in SENDERS
        ]
        answers = [future.result() for future in futures]  # a reset would raise here
    assert len(answers) == 50
    for status, headers, body in answers:
        assert status == 413
        assert headers["content-type"].startswith("application/problem+json")
        problem: dict[str, Any] = json.loads(body)
        assert problem["title"] == "Request body too large"
        assert "65,536" in problem["detail"]
