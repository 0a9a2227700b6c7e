"""The ``newsdigest/1`` JSON contract."""

from __future__ import annotations

import json
import re
from typing import Any

from newsdigest.model import Digest

# An [start, end] pair spread over four lines by indent=2; strings never hold raw newlines.
_SPREAD_PAIR = re.compile(r"\[\s+(\d+),\s+(\d+)\s+\]")


def render_json(digest: Digest, include_text: bool = True) -> str:
    """The digest as one indented JSON document, offsets pairs kept on one line."""
    return format_json(digest.to_dict(include_text=include_text))


def format_json(data: dict[str, Any]) -> str:
    """A serialised digest (or any JSON object) indented, ``[start, end]`` pairs on one line."""
    return _SPREAD_PAIR.sub(r"[\1, \2]", json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
