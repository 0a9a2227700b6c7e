"""The cast's working types: a mention as a token range, and a member with all its mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsdigest.analysis import Words as Words
from newsdigest.analysis import words_of as words_of
from newsdigest.model import Role, Span

NAME, DESCRIPTION, PRONOUN = "name", "description", "pronoun"


@dataclass(slots=True)
class Mention:
    """Tokens ``[start, end)`` of the spaCy Doc that refer to a cast member.

    start (int): index of the first token.
    end (int): index one past the last token.
    label (str): the entity type (spaCy's label set: PERSON, ORG, GPE, ...).
    kind (str): ``name``, ``description`` ("the mayor") or ``pronoun``.
    found (str): spaCy's own label for these words, ``""`` where spaCy saw no entity.
    """

    start: int
    end: int
    label: str
    kind: str = NAME
    found: str = ""

    def span(self, doc: Any) -> Span:
        """The character span of the mention in the Doc's text."""
        last = doc[self.end - 1]
        return Span(doc[self.start].idx, last.idx + len(last.text))

    def words(self, doc: Any) -> tuple[str, ...]:
        """The mention's token texts."""
        return tuple(t.text for t in doc[self.start : self.end])


@dataclass(slots=True)
class Member:
    """One person, organisation or place while the cast is being built.

    label (str): the entity type.
    names (list[Mention]): the proper-name mentions, in text order.
    others (list[Mention]): descriptions and pronouns that refer to the member.
    roles (list[Role]): titles and roles the story gives it.
    gender (str | None): ``m``/``f`` as the story states it: an honorific or a title
        ("Mrs.", "spokeswoman"), else the pronouns linked to the member (once one is linked,
        only pronouns of that gender are).
    """

    label: str
    names: list[Mention]
    others: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None

    @property
    def first(self) -> int:
        """Token index of the first mention."""
        return min(m.start for m in (*self.names, *self.others))
