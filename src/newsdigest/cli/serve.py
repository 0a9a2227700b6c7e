"""``newsdigest serve``: the HTTP API and the digest page under uvicorn."""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import re
import socket
from typing import TYPE_CHECKING

import click

from newsdigest.cli.corpus import checked_db_url
from newsdigest.cli.options import settings_from_options, settings_options
from newsdigest.errors import ConfigError
from newsdigest.extras import require
from newsdigest.server.config import (
    DEFAULT_MAX_BODY,
    DEFAULT_MAX_QUEUE,
    DEFAULT_TIMEOUT,
    ServerConfig,
)
from newsdigest.worker import usable_cores

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("newsdigest")

# Seconds uvicorn waits for requests in flight when asked to stop.
GRACEFUL_SHUTDOWN = 10
_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2}


class ByteSize(click.ParamType[int, object]):
    """A number of bytes: ``2000000``, ``512KB`` or ``2MB`` (KB and MB count in 1024s)."""

    name = "size"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+)\s*([a-zA-Z]*)\s*", str(value))
        unit = match.group(2).lower() if match else ""
        if not match or unit not in _UNITS:
            self.fail(f"{value!r} is not a size such as 2000000, 512KB or 2MB", param, ctx)
        size = int(match.group(1)) * _UNITS[unit]
        if size < 1:
            self.fail("the size must be at least 1 byte", param, ctx)
        return size


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default serves this machine only.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on; 0 picks a free one (printed at start).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Digest worker processes, each with its own spaCy pipeline [default: one per core].",
)
@click.option(
    "--max-queue",
    type=click.IntRange(0, None),
    default=DEFAULT_MAX_QUEUE,
    show_default=True,
    help="Requests that may wait for a worker; more get 503.",
)
@click.option(
    "--max-body",
    type=ByteSize(),
    default=DEFAULT_MAX_BODY,
    show_default="2MB",
    help="Largest request body; larger ones get 413.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0, None, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds one story may take; slower ones get 504.",
)
@click.option(
    "--cors",
    "cors",
    multiple=True,
    metavar="ORIGIN",
    help="Let pages from ORIGIN call the API (repeatable); off by default.",
)
@click.option(
    "--db",
    "corpus_db",
    envvar="NEWSDIGEST_DB",
    default=None,
    metavar="URL",
    callback=checked_db_url,
    help="The corpus /v1/corpus and /corpus read (default: $NEWSDIGEST_DB, else newsdigest.db).",
)
@settings_options
def serve_command(
    host: str,
    port: int,
    workers: int | None,
    max_queue: int,
    max_body: int,
    timeout: float,
    cors: tuple[str, ...],
    corpus_db: str | None,
    **settings: object,
) -> None:
    """Serve the HTTP API (/v1/digest, /healthz, /docs) and the digest page (/)."""
    require("fastapi", purpose="newsdigest serve")
    from newsdigest.server import create_app

    options = settings_from_options(**settings)  # type: ignore[arg-type]
    config = ServerConfig(
        workers=workers or usable_cores(),
        max_queue=max_queue,
        max_body=max_body,
        timeout=timeout,
        cors_origins=cors,
        corpus_db=corpus_db,
    )
    serve_app(create_app(options, config), host=host, port=port, workers=config.workers)


def serve_app(app: ASGIApp, *, host: str, port: int, workers: int) -> None:
    """Listen on ``host:port``, say where on standard error, and serve ``app`` with uvicorn
    until SIGTERM or Ctrl+C; a failed start is one :class:`ConfigError`.

    app (ASGIApp): the application (see :func:`newsdigest.server.create_app`).
    host (str): address to listen on.
    port (int): port; 0 picks a free one.
    workers (int): the application's digest workers, for the line saying where it serves.
    """
    uvicorn = require("uvicorn", purpose="newsdigest serve")
    sock = _listen(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    if not _is_loopback(bound_host):
        log.warning("listening on %s: anyone who can reach this address can use the API", shown)
    click.echo(
        f"newsdigest: serving on http://{shown}:{bound_port} with {workers} workers", err=True
    )
    report = StartupReport(app)
    server = uvicorn.Server(
        uvicorn.Config(report, log_level="info", timeout_graceful_shutdown=GRACEFUL_SHUTDOWN)
    )
    with contextlib.suppress(SystemExit):  # uvicorn exits when the application fails to start
        server.run(sockets=[sock])
    if report.failure is not None or not server.started:
        raise ConfigError(f"the server could not start: {report.failure or 'see the log above'}")


class StartupReport:
    """Wraps the application so that a failed start is one error line, not a traceback.

    app (ASGIApp): the application.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.failure: str | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return

        async def report(message: Message) -> None:
            if message["type"] == "lifespan.startup.failed":
                lines = str(message.get("message") or "").strip().splitlines()
                self.failure = _error_line(lines[-1] if lines else "unknown error")
                message = {"type": message["type"], "message": ""}
            await send(message)

        await self.app(scope, receive, report)


def _error_line(line: str) -> str:
    """``package.module.SomeError: what`` -> ``what``."""
    name, sep, rest = line.partition(": ")
    return rest if sep and re.fullmatch(r"[\w.]+", name) else line


def _listen(host: str, port: int) -> socket.socket:
    """Bind the listening socket here, so a taken port is one clear error line."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    sock.set_inheritable(True)
    return sock


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
