"""How the server behaves: its worker pool, its limits and who may call it from a browser."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdigest.errors import ConfigError
from newsdigest.worker import usable_cores

DEFAULT_MAX_BODY = 2 * 1024 * 1024
DEFAULT_MAX_QUEUE = 64
DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerConfig:
    """The server's own options; how a story is digested stays in :class:`Settings`.

    workers (int): digest worker processes, each with its own spaCy pipeline.
    max_queue (int): requests that may wait for a free worker; beyond them the server answers 503.
    max_body (int): largest request body accepted, in bytes (413 beyond it).
    timeout (float): seconds one story may take in a worker before the request gets 504
        (and seconds a request may wait for a free worker before it gets 503).
    cors_origins (tuple[str, ...]): origins allowed to call the API from a browser; none by default.
    corpus_db (str | None): the corpus ``/v1/corpus`` and ``/corpus`` read (a ``--db`` URL);
        None reads ``$NEWSDIGEST_DB``, else ``newsdigest.db``.
    """

    workers: int = field(default_factory=usable_cores)
    max_queue: int = DEFAULT_MAX_QUEUE
    max_body: int = DEFAULT_MAX_BODY
    timeout: float = DEFAULT_TIMEOUT
    cors_origins: tuple[str, ...] = ()
    corpus_db: str | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ConfigError("workers must be at least 1")
        if self.max_queue < 0:
            raise ConfigError("max_queue must be 0 or more")
        if self.max_body < 1:
            raise ConfigError("max_body must be at least 1 byte")
        if not self.timeout > 0:
            raise ConfigError("timeout must be more than 0 seconds")
