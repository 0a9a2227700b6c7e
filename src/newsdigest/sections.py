"""The sections of a digest, each declared once.

A section is the name of a :class:`~newsdigest.model.Digest` field (its items' class, with
their JSON form and schema fragment, comes from that field), the stage that computes it,
the sections it reads, whether the stage reads spaCy's parse, and how people see it. The
JSON contract and its schema, the server's response schema, ``--only`` validation, the
store's tables and the renderers are all derived from :data:`SECTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from newsdigest.analysis import Analysis
from newsdigest.cast import find_cast
from newsdigest.dates import find_dates
from newsdigest.errors import ConfigError
from newsdigest.highlights import select_highlights
from newsdigest.model import SECTION_ITEMS, Digest, Item, Json
from newsdigest.quotes import find_quotes
from newsdigest.timeline import build_timeline
from newsdigest.views import (
    Group,
    Mark,
    cast_lines,
    date_marks,
    highlight_lines,
    highlight_marks,
    quote_lines,
    quote_marks,
    timeline_lines,
)

SectionName = Literal["highlights", "entities", "quotes", "dates", "timeline"]
# What the stages found so far, by section name.
Found = dict[str, tuple[Any, ...]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """One section of the digest.

    name (SectionName): its key in the JSON contract and its ``Digest`` field.
    run (Callable): the stage, ``run(analysis, found) -> items``.
    requires (tuple[SectionName, ...]): the sections whose items the stage reads (and which
        its items refer to, so they are output too).
    reads_doc (bool): whether the stage reads spaCy's parse (``Analysis.doc``).
    heading (str | None): its heading for people; None leaves it out of Markdown and text.
    lines (Callable | None): its view for people, groups of lines (see :mod:`.views`).
    marks (Callable | None): the spans the page renderer marks (see :mod:`.views`).
    """

    name: SectionName
    run: Callable[[Analysis, Found], tuple[Any, ...]]
    requires: tuple[SectionName, ...] = ()
    reads_doc: bool = False
    heading: str | None = None
    lines: Callable[[Digest], list[Group]] | None = None
    marks: Callable[[Digest], Iterator[Mark]] | None = None

    @property
    def item(self) -> type[Item]:
        """The class of the section's items (``to_dict``, ``from_dict``, ``JSON_SCHEMA``)."""
        return SECTION_ITEMS[self.name]

    def item_schema(self) -> Json:
        """The JSON Schema of one item, with the ``html_*`` ranges of a digested web page."""
        schema: Json = dict(self.item.JSON_SCHEMA)
        properties = dict(schema["properties"])
        for field, html_field in self.item.HTML_SPANS.items():
            spec = properties[field]
            many = spec.get("type") == "array" and spec["items"].get("type") == "array"
            nullable = {"anyOf": [spec["items"] if many else _span_of(spec), {"type": "null"}]}
            properties[html_field] = {"type": "array", "items": nullable} if many else nullable
        schema["properties"] = properties
        return schema


def _span_of(spec: Json) -> Json:
    """The span schema of a span property that may be nullable."""
    found: Json = spec["anyOf"][0] if "anyOf" in spec else spec
    return found


SECTIONS: dict[str, Section] = {
    section.name: section
    for section in (
        Section(
            name="highlights",
            run=lambda analysis, found: select_highlights(analysis),
            heading="Highlights",
            lines=highlight_lines,
            marks=highlight_marks,
        ),
        Section(
            name="entities",
            run=lambda analysis, found: find_cast(analysis),
            reads_doc=True,
            heading="Cast",
            lines=cast_lines,
        ),
        Section(
            name="quotes",
            run=lambda analysis, found: find_quotes(analysis, found["entities"]),
            requires=("entities",),
            reads_doc=True,
            heading="Quotes",
            lines=quote_lines,
            marks=quote_marks,
        ),
        Section(
            name="dates",
            run=lambda analysis, found: find_dates(analysis),
            marks=date_marks,
        ),
        Section(
            name="timeline",
            run=lambda analysis, found: build_timeline(analysis, found["dates"]),
            requires=("dates",),
            heading="Timeline",
            lines=timeline_lines,
        ),
    )
}

SECTION_NAMES: tuple[SectionName, ...] = get_args(SectionName)


def _check_registry() -> None:
    """The registry, the ``Digest`` fields and the ``SectionName`` literal name the same
    sections, in the same order (a section added in one place only fails at import)."""
    if not (tuple(SECTIONS) == tuple(SECTION_ITEMS) == SECTION_NAMES):
        raise RuntimeError(
            f"sections disagree: registry {tuple(SECTIONS)}, Digest fields "
            f"{tuple(SECTION_ITEMS)}, SectionName {SECTION_NAMES}"
        )


_check_registry()


def resolve_sections(only: Sequence[str] | None) -> tuple[SectionName, ...]:
    """The sections to compute and output for ``only``, in stage order.

    only (Sequence[str] | None): section names; None (or empty) means every section. A plain
        string is refused: ``only="dates"`` would otherwise be read letter by letter.
    RETURNS (tuple[SectionName, ...]): the sections asked for and those they read (quotes
        name their speakers by entity id, timeline events their dates by index).
    """
    if isinstance(only, str | bytes):
        raise TypeError(f"only must be a list of section names, not a string: only=[{only!r}]")
    asked = tuple(SECTIONS) if not only else tuple(dict.fromkeys(only))
    unknown = [name for name in asked if name not in SECTIONS]
    if unknown:
        raise ConfigError(
            f"unknown section {', '.join(map(str, unknown))}; choose from {', '.join(SECTIONS)}"
        )
    needed: set[str] = set()

    def visit(name: str) -> None:
        if name not in needed:
            needed.add(name)
            for dependency in SECTIONS[name].requires:
                visit(dependency)

    for name in asked:
        visit(name)
    return tuple(name for name in SECTION_NAMES if name in needed)


def reads_doc(sections: Sequence[str]) -> bool:
    """Whether any of these sections' stages reads spaCy's parse."""
    return any(SECTIONS[name].reads_doc for name in sections)
