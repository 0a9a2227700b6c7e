"""Errors only the server raises; each carries the HTTP status and title of its problem body."""

from __future__ import annotations

from newsdigest.errors import NewsdigestError, TooLarge
from newsdigest.worker import WorkerFailed


class MalformedBody(NewsdigestError):
    """The request body cannot be parsed as the media type it claims."""

    status = 400
    title = "Malformed request body"


class BodyTooLarge(TooLarge):
    """The request body is longer than ``--max-body``.

    headers (tuple[tuple[str, str], ...]): ``Connection: close`` when the rest of the body was
        not read.
    """

    status = 413
    title = "Request body too large"
    headers: tuple[tuple[str, str], ...] = ()


class UnsupportedMediaType(NewsdigestError):
    """The request body is neither JSON, plain text nor HTML."""

    status = 415
    title = "Unsupported media type"


class ServerBusy(NewsdigestError):
    """Every worker is busy and the waiting line is full (or did not move in time)."""

    status = 503
    title = "Server saturated"
    headers: tuple[tuple[str, str], ...] = (("Retry-After", "1"),)  # seconds to wait


class DigestTimeout(NewsdigestError):
    """One story took longer than ``--timeout``; its worker was stopped and replaced."""

    status = 504
    title = "Digest timed out"


class RemoteError(NewsdigestError):
    """An error a worker raised on purpose, carried back with its status and title.

    message (str): the error's message.
    status (int): its HTTP status.
    title (str): its problem title.
    """

    def __init__(self, message: str, *, status: int, title: str) -> None:
        super().__init__(message)
        self.status = status
        self.title = title


__all__ = [
    "BodyTooLarge",
    "DigestTimeout",
    "MalformedBody",
    "RemoteError",
    "ServerBusy",
    "UnsupportedMediaType",
    "WorkerFailed",
]
