"""Optional parts of newsdigest and the one place that says which extra installs each."""

from __future__ import annotations

import importlib
from types import ModuleType

from newsdigest.errors import ConfigError

# The extra of pyproject.toml that provides each optional top-level module.
EXTRAS: dict[str, str] = {
    "fastapi": "server",
    "fastapi_offline": "server",
    "uvicorn": "server",
    "starlette": "server",
    "pydantic": "server",
    "ray": "ray",
    "psycopg": "postgres",
    "pyarrow": "parquet",
    "rouge_score": "eval",
    "sumy": "eval",
    "sentencex": "eval",
    "dateparser": "eval",
    "scipy": "eval",
    "textacy": "eval",
}


class MissingExtra(ConfigError):
    """A command needs a package that only an extra of newsdigest installs (exit 78)."""

    title = "Missing optional dependency"


def require(module: str, *, purpose: str) -> ModuleType:
    """Import an optional module, or say in one line which extra installs it.

    module (str): the module to import, e.g. ``uvicorn``.
    purpose (str): what needs it, for the message ("newsdigest serve").
    RETURNS (ModuleType): the module; raises :class:`MissingExtra` when it is not installed.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        extra = EXTRAS.get(module.split(".")[0], "dev")
        raise MissingExtra(
            f"{purpose} needs {module.split('.')[0]}, which is not installed: "
            f"pip install 'newsdigest[{extra}]'"
        ) from exc
