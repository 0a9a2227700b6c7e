"""The word lists every stage reads, each stated once, in a data file of this package.

A list is a ``<name>.txt`` file beside this module: words separated by white space, ``#``
starting a comment. Stages read them through :func:`words` (the words as written) or
:func:`verb_forms` (every inflected form of the verbs listed, since the spaCy pipeline runs
without a lemmatizer). A trained model records :func:`fingerprint` of the lists its features
read, and refuses to load when a list has changed since it was trained.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

__all__ = ["fingerprint", "inflect", "verb_forms", "words"]


@cache
def _read(name: str) -> str:
    try:
        return resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LookupError(f"no word list named {name!r} in newsdigest.lexicon") from exc


@cache
def words(name: str) -> frozenset[str]:
    """The words of the list ``name`` (``lexicon/<name>.txt``), as written there.

    name (str): the list's file name without ``.txt``, e.g. ``speech_verbs``.
    RETURNS (frozenset[str]): its words; raises ``LookupError`` for an unknown list.
    """
    return frozenset(_entries(name))


def _entries(name: str) -> list[str]:
    out: list[str] = []
    for line in _read(name).splitlines():
        out.extend(line.split("#", 1)[0].split())
    return out


@cache
def _irregular() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in _read("irregular_verbs").splitlines():
        forms = line.split("#", 1)[0].split()
        if forms:
            table[forms[0]] = tuple(forms)
    return table


def inflect(verb: str) -> frozenset[str]:
    """The forms of an English verb: ``say`` gives say, says, said, saying.

    Irregular verbs come from the ``irregular_verbs`` list; a verb whose final consonant
    doubles is listed in ``doubling_verbs``.
    """
    irregular = _irregular().get(verb)
    if irregular is not None:
        return frozenset(irregular)
    if verb.endswith("e"):
        return frozenset({verb, verb + "s", verb + "d", verb[:-1] + "ing"})
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return frozenset({verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"})
    if verb.endswith(("sh", "ch", "ss", "x")):
        return frozenset({verb, verb + "es", verb + "ed", verb + "ing"})
    doubled = verb + verb[-1] if verb in words("doubling_verbs") else verb
    return frozenset({verb, verb + "s", doubled + "ed", doubled + "ing"})


@cache
def verb_forms(name: str) -> frozenset[str]:
    """Every form of every verb in the list ``name`` ("say" gives say, says, said, saying)."""
    return frozenset(form for verb in _entries(name) for form in inflect(verb))


def fingerprint(names: list[str] | tuple[str, ...]) -> dict[str, str]:
    """A short digest of each named list's words, for a model to record what it was fed.

    names (list[str] | tuple[str, ...]): the lists a model's features read.
    RETURNS (dict[str, str]): list name -> first 16 hex digits of the SHA-256 of its sorted
        words; editing a comment or the order of words leaves it unchanged.
    """
    return {
        name: hashlib.sha256(" ".join(sorted(words(name))).encode()).hexdigest()[:16]
        for name in sorted(names)
    }
