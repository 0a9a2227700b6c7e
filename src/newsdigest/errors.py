"""One error family: each error knows how it reaches a user of the CLI and of the API."""

from __future__ import annotations


class NewsdigestError(Exception):
    """Base of every error newsdigest raises on purpose.

    exit_code (int): the command line's exit status (sysexits).
    status (int): the HTTP status the server answers with.
    title (str): a short, stable description for problem-detail responses.
    """

    exit_code = 70
    status = 500
    title = "Internal error"


class InputError(NewsdigestError, ValueError):
    """The story cannot be digested as given: empty, binary, mis-encoded or too large."""

    exit_code = 65
    status = 422
    title = "Unusable story"


class TooLarge(InputError):
    """The story is longer than the configured limit."""

    status = 413
    title = "Story too large"


class NoInput(NewsdigestError, FileNotFoundError):
    """The input file does not exist or cannot be opened."""

    exit_code = 66
    status = 404
    title = "No input"


class FetchError(NewsdigestError):
    """A page could not be fetched or read (network, HTTP status, size, type)."""

    exit_code = 74
    status = 502
    title = "Fetch failed"


class ConfigError(NewsdigestError, ValueError):
    """A setting has a value newsdigest cannot use (an unknown pipeline or section)."""

    exit_code = 78
    status = 400
    title = "Bad configuration"
