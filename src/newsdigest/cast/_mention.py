"""The cast's working types: a mention as a token range, and a member with all its mentions."""

from __future__ import annotations

import unicodedata
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
    confidence (float): how sure the type is (the classifier's probability; 1 for a rule).
    """

    start: int
    end: int
    label: str
    kind: str = NAME
    found: str = ""
    confidence: float = 1.0

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


def word_key(token: Any) -> str:
    """A word as names are compared: lower case, without invisible characters (a zero-width
    space inside "Traeger"), with one apostrophe ("O’Brien" is "o'brien")."""
    text = token.lower_
    if text.isascii():
        return str(text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf").replace("’", "'")


def name_key(doc: Any, mention: Mention) -> tuple[str, ...]:
    """The words of a name as compared (:func:`word_key`): equal keys name the same thing."""
    return tuple(word_key(t) for t in doc[mention.start : mention.end])


def is_capitalised(token: Any) -> bool:
    """Whether a word starts with a capital letter (a name's word, or a sentence start)."""
    return bool(token.text[:1].isupper())


def is_word(token: Any) -> bool:
    """Whether a token is a word of letters, an apostrophe or a hyphen inside it allowed
    ("O'Brien", "Minnan-Wong")."""
    text = token.text
    return any(c.isalpha() for c in text) and all(
        c.isalpha() or c in "'’-" or unicodedata.category(c) == "Cf" for c in text
    )


def surname_keys(doc: Any, mention: Mention) -> list[tuple[str, ...]]:
    """The keys of a full name's endings that can stand for the person ("Minnan-Wong").

    An ending starts at a capitalised word after the first ("Denzil Minnan-Wong" gives
    "minnan - wong" and "wong", "Jim O'Brien" gives "o'brien"); an initial never starts one.
    """
    key = name_key(doc, mention)
    return [
        key[k:]
        for k in range(1, len(key))
        if is_word(doc[mention.start + k]) and is_capitalised(doc[mention.start + k])
    ]
