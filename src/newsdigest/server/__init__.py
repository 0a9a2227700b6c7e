"""The HTTP API and the digest page: ``create_app`` builds them, ``newsdigest serve`` runs them."""

from newsdigest.server.app import create_app
from newsdigest.server.config import ServerConfig

__all__ = ["ServerConfig", "create_app"]
