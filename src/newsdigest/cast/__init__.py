"""The cast: people, organisations and places, each once, with every mention."""

from __future__ import annotations

from newsdigest.analysis import Analysis
from newsdigest.model import Entity, Span

CAST_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC"}


def find_cast(analysis: Analysis) -> tuple[Entity, ...]:
    """Group spaCy's entities by name; a person's surname joins the full name it ends."""
    groups: dict[tuple[str, str], list[Span]] = {}
    names: dict[tuple[str, str], str] = {}
    for span, label in analysis.ner:
        kind = CAST_LABELS.get(label)
        if kind is None:
            continue
        name = _clean_name(analysis.text[span.start : span.end])
        if not name:
            continue
        key = (kind, name.lower())
        groups.setdefault(key, []).append(span)
        names.setdefault(key, name)
    _merge_surnames(groups, names)
    ordered = sorted(groups.items(), key=lambda item: item[1][0].start)
    return tuple(
        Entity(id=f"e{i}", type=key[0], name=names[key], mentions=tuple(sorted(spans)))
        for i, (key, spans) in enumerate(ordered, start=1)
    )


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.removeprefix("the ").removeprefix("The ")


def _merge_surnames(groups: dict[tuple[str, str], list[Span]], names: dict[tuple[str, str], str]) -> None:
    people = [key for key in groups if key[0] == "PERSON"]
    for key in people:
        if " " in key[1]:
            continue
        fuller = [k for k in people if k != key and k[1].split()[-1] == key[1]]
        if len(fuller) == 1:
            groups[fuller[0]].extend(groups.pop(key))
            names.pop(key)
