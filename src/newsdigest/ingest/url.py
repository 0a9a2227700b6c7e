"""Fetching a page safely: time-outs, a size cap, few redirects, HTML only, no private addresses.

A server that fetches what its users name must not become their way into the network
behind it (server-side request forgery). The address check therefore sits where the
connection is made: the host name of every request (the first and each redirect) is
resolved once, every address of the answer is checked, and the connection goes to an
address that was checked, so a DNS answer that changes between check and use cannot
slip through. Proxies from the environment are ignored for the same reason.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsdigest.errors import FetchError
from newsdigest.ingest.charset import decode_html_bytes

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5_000_000
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
USER_AGENT = "newsdigest (+https://pypi.org/project/newsdigest/)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public_address(address: IPAddress) -> bool:
    """Whether an address may be fetched without ``--allow-private``.

    Loopback, private, link-local, multicast, reserved and unspecified addresses are
    refused, and so are IPv6 forms of them (IPv4-mapped, 6to4, Teredo).
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is not None and not is_public_address(embedded):
            return False
    return not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address a host name resolves to (a literal address resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    return list(dict.fromkeys(addresses))


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses that pass the check, resolving each host name once."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve(host, port)
        if not addresses:
            raise FetchError(f"host {host!r} has no address")
        refused = [a for a in addresses if not is_public_address(a)]
        if refused and not self.allow_private:
            raise FetchError(
                f"refusing to fetch from {host} ({refused[0]}): a loopback, private, "
                "link-local or multicast address (use --allow-private to allow it)"
            )
        return super().connect_tcp(str(addresses[0]), port, timeout, local_address, socket_options)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with a connection pool that uses :class:`_GuardedBackend`."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl.create_default_context(),
            max_connections=4,
            network_backend=_GuardedBackend(allow_private),
        )


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched page: its decoded HTML, the URL it was read from, and its encoding."""

    html: str
    url: str
    encoding: str


def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[str, str]:
    """Fetch an HTML page, following at most five redirects.

    url (str): an ``http`` or ``https`` address.
    allow_private (bool): also fetch from loopback, private, link-local and multicast hosts.
    timeout (float): seconds allowed to connect and between bytes read; the whole fetch
        may take three times as long.
    max_bytes (int): largest body accepted, after decompression.
    RETURNS (tuple[str, str]): the decoded HTML and the final URL after redirects;
        raises ``FetchError`` for every failure.
    """
    page = fetch_page(url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes)
    return page.html, page.url


def fetch_page(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchedPage:
    """:func:`fetch_url`, also telling how the page's bytes were decoded."""
    deadline = time.monotonic() + 3 * timeout
    client = httpx.Client(
        transport=_GuardedTransport(allow_private),
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"},
    )
    current = _checked_url(url)
    try:
        with client:
            for _ in range(MAX_REDIRECTS + 1):
                location = _fetch_once(client, current, deadline, max_bytes)
                if isinstance(location, FetchedPage):
                    return location
                current = _checked_url(urljoin(current, location))
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out fetching {current} (limit {timeout:g} s)") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {current}: {exc or type(exc).__name__}") from exc
    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}) from {url}")


def _checked_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"not a valid URL: {url!r}") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {url!r}")
    if not parts.hostname:
        raise FetchError(f"URL has no host: {url!r}")
    return url


def _fetch_once(
    client: httpx.Client, url: str, deadline: float, max_bytes: int
) -> FetchedPage | str:
    """One request: the page, or the location a redirect points to."""
    with client.stream("GET", url) as response:
        if response.status_code in _REDIRECTS:
            location = str(response.headers.get("location", ""))
            if not location:
                raise FetchError(f"redirect without a location from {url}")
            log.info("%s redirects to %s", url, location)
            return location
        if response.status_code != 200:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase} from {url}")
        media_type, charset = _content_type(response.headers.get("content-type", ""))
        if media_type not in HTML_TYPES:
            raise FetchError(f"{url} is {media_type or 'of no stated type'}, not an HTML page")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"page at {url} is {int(declared):,} bytes, over {max_bytes:,}")
        body = _read_capped(response, url, deadline, max_bytes)
    html, encoding = decode_html_bytes(body, declared=charset)
    return FetchedPage(html=html, url=url, encoding=encoding)


def _read_capped(response: httpx.Response, url: str, deadline: float, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"page at {url} is over {max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"fetching {url} took too long")
        chunks.append(chunk)
    return b"".join(chunks)


def _content_type(value: str) -> tuple[str, str | None]:
    media_type, _, parameters = value.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, content = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = content.strip().strip("\"'") or None
    return media_type.strip().lower(), charset
