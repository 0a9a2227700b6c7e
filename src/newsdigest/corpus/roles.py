"""Role classes of quoted people, from the titles and roles their stories give them.

The classes: politician, official, police, expert (academic or expert), spokesperson,
witness (resident, witness, relative or neighbour) and other. Each has a word list in
``newsdigest/lexicon/role_<class>.txt``. A title is read word by word (and by pairs of
words, joined with "-", for "press secretary"); when it holds words of several classes the
first class of :data:`PRECEDENCE` wins, so a "police spokeswoman" is a spokesperson.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache

from newsdigest.lexicon import words

ROLE_CLASSES: tuple[str, ...] = (
    "politician",
    "official",
    "police",
    "expert",
    "spokesperson",
    "witness",
    "other",
)
# The class a title is read as when it holds words of several.
PRECEDENCE: tuple[str, ...] = (
    "spokesperson",
    "police",
    "politician",
    "official",
    "expert",
    "witness",
)
_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*\.?")
# A president of a club or a company is its official; a president alone heads a state.
_ORG_WORDS = frozenset(
    "association company firm inc corp council club board school university college "
    "society foundation union group bank institute league federation chamber".split()
)


@cache
def _lists() -> dict[str, frozenset[str]]:
    return {name: words(f"role_{name}") for name in PRECEDENCE}


def title_words(title: str) -> list[str]:
    """The lower-cased words of a title, and each pair of neighbours joined with "-"."""
    found = [w.lower() for w in _WORD.findall(title)]
    return found + [f"{a}-{b}" for a, b in itertools.pairwise(found)]


def title_class(title: str) -> str:
    """The role class of one title or role ("Deputy Mayor" -> politician)."""
    found = title_words(title)
    present = set(found)
    lists = _lists()
    for name in PRECEDENCE:
        hits = present & lists[name]
        if name == "politician" and hits == {"president"} and present & _ORG_WORDS:
            continue
        if name == "politician" and hits == {"president"} and {"of", "at", "for"} & present:
            continue
        if hits:
            return name
    return "other"


def role_class(titles: Sequence[str]) -> str:
    """The role class of a person: that of their first title that has one, else "other".

    titles (Sequence[str]): the person's titles and roles, most telling first.
    RETURNS (str): one of :data:`ROLE_CLASSES`.
    """
    for title in titles:
        found = title_class(title)
        if found != "other":
            return found
    return "other"
