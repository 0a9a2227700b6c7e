"""The HTTP API and the digest page: ``create_app`` builds them, ``newsdigest serve`` runs them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdigest.server.config import ServerConfig

if TYPE_CHECKING:
    from newsdigest.server.app import create_app

__all__ = ["ServerConfig", "create_app"]


def __getattr__(name: str) -> Any:
    # the application needs the server extra, the configuration does not: the command line
    # reads the defaults without it
    if name == "create_app":
        from newsdigest.server.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
