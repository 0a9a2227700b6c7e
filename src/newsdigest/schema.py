"""The JSON Schema of the ``newsdigest/1`` contract."""

from __future__ import annotations

from typing import Any

from newsdigest.dates.mods import MODS as TIMEX3_MODS
from newsdigest.model import SCHEMA

_OFFSET = {"type": "integer", "minimum": 0}
SPAN: dict[str, Any] = {
    "type": "array",
    "items": _OFFSET,
    "minItems": 2,
    "maxItems": 2,
    "description": "[start, end): Python str offsets into `text`, end exclusive",
}
NULLABLE_SPAN: dict[str, Any] = {"anyOf": [SPAN, {"type": "null"}]}
NULLABLE_STRING: dict[str, Any] = {"type": ["string", "null"]}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
    }


ARTICLE = _object(
    {
        "id": NULLABLE_STRING,
        "title": NULLABLE_STRING,
        "published": {"type": ["string", "null"], "format": "date"},
        "url": NULLABLE_STRING,
        "length": {**_OFFSET, "description": "len(text) in Python str characters"},
        "encoding": {"type": "string", "description": "how input bytes were decoded"},
        "authors": {"type": "array", "items": {"type": "string"}},
        "site_name": {"type": "string"},
        "outlet": {"type": "string", "description": "the publication the story came from"},
        "language": {"type": "string", "description": "ISO 639-1 code of the story's language"},
    },
    required=["id", "title", "published", "url", "length"],
)

HIGHLIGHT = _object(
    {
        "text": {"type": "string", "description": "the words of `spans`, joined and tidied"},
        "spans": {"type": "array", "items": SPAN, "minItems": 1},
        "html_spans": {"type": "array", "items": NULLABLE_SPAN},
    },
    required=["text", "spans"],
)

ENTITY = _object(
    {
        "id": {"type": "string", "pattern": "^e[0-9]+$"},
        "type": {"type": "string", "description": "PERSON, ORG, GPE, LOC, FAC, NORP, ..."},
        "name": {"type": "string"},
        "titles": {"type": "array", "items": {"type": "string"}},
        "title_spans": {"type": "array", "items": SPAN},
        "mentions": {"type": "array", "items": SPAN, "minItems": 1},
        "gender": {
            "enum": ["female", "male", None],
            "description": "as the story states it (pronouns, Mr/Mrs/Ms); null when it does not",
        },
        "html_mentions": {"type": "array", "items": NULLABLE_SPAN},
    },
    required=["id", "type", "name", "titles", "title_spans", "mentions", "gender"],
)

QUOTE = _object(
    {
        "text": {"type": "string"},
        "span": SPAN,
        "direct": {"type": "boolean", "description": "content stood between quote marks"},
        "kind": {
            "enum": ["direct", "indirect", "mixed"],
            "description": "mixed: reported speech holding a quote-marked phrase",
        },
        "speaker": {"type": ["string", "null"], "description": "an entity id, or null"},
        "speaker_text": NULLABLE_STRING,
        "speaker_span": NULLABLE_SPAN,
        "cue": NULLABLE_STRING,
        "cue_span": NULLABLE_SPAN,
        "html_span": NULLABLE_SPAN,
        "html_speaker_span": NULLABLE_SPAN,
    },
    required=[
        "text",
        "span",
        "direct",
        "kind",
        "speaker",
        "speaker_text",
        "speaker_span",
        "cue",
        "cue_span",
    ],
)

DATE = _object(
    {
        "text": {"type": "string"},
        "span": SPAN,
        "type": {"enum": ["DATE", "TIME", "DURATION", "SET"]},
        "value": {"type": ["string", "null"], "description": "TIMEX3 value, null if unresolved"},
        "mod": {
            "enum": [*TIMEX3_MODS, None],
            "description": "TIMEX3 mod (TimeML 1.2.1), null if none",
        },
        "html_span": NULLABLE_SPAN,
    },
    required=["text", "span", "type", "value", "mod"],
)

EVENT = _object(
    {
        "date": {"type": "string", "description": "TIMEX3 value the event is ordered by"},
        "dates": {"type": "array", "items": _OFFSET, "description": "indexes into `dates`"},
        "sentence": SPAN,
        "span": SPAN,
        "text": {"type": "string"},
    }
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every ``--format json`` digest validates against."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA,
        "title": "newsdigest digest",
        "type": "object",
        "properties": {
            "schema": {"const": SCHEMA},
            "article": ARTICLE,
            "text": {"type": "string", "description": "the exact text every offset indexes"},
            "highlights": {"type": "array", "items": HIGHLIGHT},
            "entities": {"type": "array", "items": ENTITY},
            "quotes": {"type": "array", "items": QUOTE},
            "dates": {"type": "array", "items": DATE},
            "timeline": {"type": "array", "items": EVENT},
        },
        "required": ["schema", "article"],
    }
