"""The section registry: one declaration per section, everything else derived from it."""

from __future__ import annotations

from typing import get_args

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdigest
from helpers import EXAMPLE_PUBLISHED
from newsdigest.errors import ConfigError
from newsdigest.model import SECTION_ITEMS, Digest
from newsdigest.schema import json_schema
from newsdigest.sections import SECTIONS, SectionName, resolve_sections


def test_registry_digest_fields_and_literal_name_the_same_sections() -> None:
    assert tuple(SECTIONS) == tuple(SECTION_ITEMS) == get_args(SectionName)


def test_schema_has_one_array_per_section_of_its_item_schema() -> None:
    properties = json_schema()["properties"]
    for name, section in SECTIONS.items():
        assert (
            properties[name]["items"]["properties"].keys()
            >= section.item.JSON_SCHEMA["properties"].keys()
        )


def test_the_server_openapi_schema_is_the_command_line_schema() -> None:
    from newsdigest.server.app import create_app

    spec = create_app().openapi()
    assert spec["components"]["schemas"]["Digest"] == json_schema()
    ok = spec["paths"]["/v1/digest"]["post"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Digest"}
    only = next(p for p in spec["paths"]["/v1/digest"]["post"]["parameters"] if p["name"] == "only")
    assert set(only["schema"]["anyOf"][0]["items"]["enum"]) == set(SECTIONS)


def test_only_as_a_plain_string_is_refused_with_a_type_error(example_story: str) -> None:
    with pytest.raises(TypeError, match=r"only=\['dates'\]"):
        newsdigest.digest(example_story, only="dates")


def test_unknown_section_names_the_choices() -> None:
    with pytest.raises(ConfigError, match="choose from highlights, entities"):
        resolve_sections(["highlights", "sentiment"])


def test_a_section_brings_the_sections_it_reads() -> None:
    assert resolve_sections(["quotes"]) == ("entities", "quotes")
    assert resolve_sections(["timeline", "highlights"]) == ("highlights", "dates", "timeline")


def test_digest_reads_back_from_its_json_equal(example_story: str) -> None:
    digest = newsdigest.digest(example_story, published=EXAMPLE_PUBLISHED, title="Ferry vote")
    data = digest.to_dict()
    jsonschema.validate(data, json_schema())
    assert Digest.from_dict(data) == digest
    without_text = digest.to_dict(include_text=False)
    assert Digest.from_dict(without_text, text=example_story) == digest


def test_digest_without_text_needs_the_story_to_read_back(example_story: str) -> None:
    data = newsdigest.digest(example_story, only=["dates"]).to_dict(include_text=False)
    with pytest.raises(ValueError, match="text="):
        Digest.from_dict(data)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Mayor Ana Ruiz said on Monday the bridge would open in May.",
                '"It is time," said Tom Berg, the council leader.',
                "The vote was delayed until next week.",
                "Residents of Port Ellis opposed the plan.",
                "",
            ]
        ),
        min_size=1,
        max_size=6,
    ),
    st.sets(st.sampled_from(list(SECTIONS)), min_size=1),
)
def test_any_digest_round_trips_through_its_json(parts: list[str], only: set[str]) -> None:
    text = "\n\n".join(parts) + "\nThe end of the story."
    digest = newsdigest.digest(text, published="2026-01-05", only=sorted(only))
    assert Digest.from_dict(digest.to_dict()) == digest
    assert set(digest.to_dict()) - {"schema", "article", "text"} == set(digest.sections)
