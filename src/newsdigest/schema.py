"""The JSON Schema of the ``newsdigest/1`` contract, derived from the section registry."""

from __future__ import annotations

from typing import Any

from newsdigest.model import SCHEMA, Article
from newsdigest.sections import SECTIONS


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every ``--format json`` digest validates against."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA,
        "title": "newsdigest digest",
        "type": "object",
        "properties": {
            "schema": {"const": SCHEMA},
            "article": Article.JSON_SCHEMA,
            "text": {"type": "string", "description": "the exact text every offset indexes"},
            **{
                name: {"type": "array", "items": section.item_schema()}
                for name, section in SECTIONS.items()
            },
        },
        "required": ["schema", "article"],
    }
