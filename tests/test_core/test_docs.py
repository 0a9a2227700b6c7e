"""The documentation keeps up with the code: commands, options, fields and exit codes."""

from __future__ import annotations

import dataclasses
import importlib.util
import re

from helpers import REPO
from newsdigest.errors import NewsdigestError
from newsdigest.schema import json_schema
from newsdigest.settings import Settings

DOCS = REPO / "docs"


def _load_reference_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "cli_reference", REPO / "scripts" / "cli_reference.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_regenerated_from_help() -> None:
    script = _load_reference_script()
    current = (DOCS / "cli-reference.md").read_text(encoding="utf-8")
    assert current == script.render_reference(), "run python scripts/cli_reference.py"


def test_every_exit_code_is_documented() -> None:
    cli_doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    codes = {cls.exit_code for cls in _subclasses(NewsdigestError)} | {0, 1, 2}
    for code in codes:
        assert re.search(rf"^\| {code} \|", cli_doc, re.M), f"exit code {code} not in docs/cli.md"


def test_every_field_of_the_contract_is_documented() -> None:
    schema_doc = (DOCS / "schema.md").read_text(encoding="utf-8")
    for section, spec in json_schema()["properties"].items():
        assert f"`{section}" in schema_doc, section
        items = spec.get("items", spec)
        for field in items.get("properties", {}):
            assert field in schema_doc, f"{section}.{field} not in docs/schema.md"


def test_every_setting_has_a_command_line_option_in_the_docs() -> None:
    cli_doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    options = {"spacy_pipeline": "--pipeline"}
    for field in dataclasses.fields(Settings):
        option = options.get(field.name, "--" + field.name.replace("_", "-"))
        assert f"`{option}" in cli_doc, f"setting {field.name} ({option}) not in docs/cli.md"


def _subclasses(cls: type) -> set[type]:
    found = {cls}
    for sub in cls.__subclasses__():
        found |= _subclasses(sub)
    return found
