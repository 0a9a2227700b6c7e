"""The ``newsdigest/1`` JSON contract."""

from __future__ import annotations

import json

from newsdigest.model import Digest


def render_json(digest: Digest, include_text: bool = True) -> str:
    """The digest as one JSON document (UTF-8 characters kept, not escaped)."""
    return json.dumps(digest.to_dict(include_text=include_text), ensure_ascii=False, indent=2)
