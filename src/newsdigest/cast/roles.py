"""Titles and roles, in the story's own words.

Three places give a person a role:

- a title before the name: "Deputy Mayor Norm Kelly", "Ontario Premier Kathleen Wynne";
- an appositive beside it: "Nelson Wiseman, a professor at the University of Toronto",
  "Ford's friend and occasional driver, Alexander Lisi";
- a description elsewhere: "the premier" names the one person titled premier, and a
  story that opens on "Toronto's embattled mayor" before naming its main person gives
  that person the role (see :func:`link_descriptions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdigest.cast._mention import DESCRIPTION, Member, Mention
from newsdigest.lexicon import words
from newsdigest.model import Role, Span

# Words that make a title before a name, or a description on their own ("the mayor"), and
# occupations written before a name like a title ("economist Sara Lind").
TITLE_WORDS = words("title_words") | words("occupations")
# Courtesy words that are part of no role, but may show a person's gender ("Mrs.").
HONORIFICS = words("honorifics")
_FEMALE_HONORIFICS = words("female_honorifics")
_MALE_HONORIFICS = words("male_honorifics")
# Nouns that relate a person to another, standing as a role before a name.
RELATIONS = words("relations")
# Abbreviated titles, written out so that "Sen. Ann Lee" holds the office "the senator" names.
ABBREVIATIONS = {
    "sen.": "senator",
    "rep.": "representative",
    "gov.": "governor",
    "gen.": "general",
    "sgt.": "sergeant",
    "lt.": "lieutenant",
    "capt.": "captain",
    "col.": "colonel",
    "prof.": "professor",
    "rev.": "reverend",
}
# Titles that tell a person's gender, for the pronouns.
_FEMALE_TITLES = words("female_titles")
_MALE_TITLES = words("male_titles")
# Words that change which office a title names: a deputy mayor is not the mayor.
RANK_WORDS = words("rank_words")
# Words that only say where an office is: "the councilor" may be the City Councilor.
PLACE_MODIFIERS = words("place_modifiers")
# Lower-case words that may stand inside a title before a name ("former police chief").
TITLE_MODIFIERS = RANK_WORDS | PLACE_MODIFIERS | words("title_modifiers")
MAX_ROLE_TOKENS = 16
# A role states its holder's gender in its first words only.
ROLE_GENDER_WORDS = 3
# The main person must have this many name mentions, and this many times the runner-up.
MAIN_MIN_MENTIONS = 3
MAIN_MARGIN = 1.5


def is_title_word(token: Any) -> bool:
    """Whether a word is a title or honorific ("Mayor", "councilor", "Mr.")."""
    word = token.lower_
    return word in TITLE_WORDS or word.rstrip(".") in HONORIFICS


def honorific_gender(doc: Any, mention: Mention) -> str | None:
    """``m``/``f`` when the name follows "Mr."/"Mrs."/"Ms." and the like."""
    if mention.start == 0:
        return None
    return _gender_of(
        doc[mention.start - 1].lower_.rstrip("."), _FEMALE_HONORIFICS, _MALE_HONORIFICS
    )


def add_roles(doc: Any, people: Sequence[Member]) -> None:
    """Give each person the titles before their name and the appositives beside it."""
    for member in people:
        for mention in member.names:
            for role in (_title_before(doc, mention), *_appositives(doc, mention)):
                if role is not None and role.text.lower() not in {
                    r.text.lower() for r in member.roles
                }:
                    member.roles.append(role)
                    member.gender = member.gender or _role_gender(role)
            member.gender = member.gender or honorific_gender(doc, mention)


def _role_gender(role: Role) -> str | None:
    """The gender a role's leading words state ("spokeswoman", "his wife", "a father of
    two"); a later word may be someone else ("a lawyer for the mother")."""
    words = role.text.lower().split()[:ROLE_GENDER_WORDS]
    genders = (_gender_of(w, _FEMALE_TITLES, _MALE_TITLES) for w in words)
    return next((g for g in genders if g is not None), None)


def _gender_of(word: str, female: frozenset[str], male: frozenset[str]) -> str | None:
    return "f" if word in female else "m" if word in male else None


def _role(doc: Any, start: int, end: int) -> Role | None:
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or doc[start].pos_ == "ADV"
        or doc[start].tag_ == "PRP$"
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= start or end - start > MAX_ROLE_TOKENS:
        return None
    if any('"' in t.text or "“" in t.text or "\n" in t.text for t in doc[start:end]):
        return None
    last = doc[end - 1]
    return Role(
        text=doc.span(start, end).text, span=Span(doc[start].idx, last.idx + len(last.text))
    )


def _title_before(doc: Any, mention: Mention) -> Role | None:
    start = mention.start
    while start > 0 and _blank(doc[start - 1]):
        start -= 1  # "forward\xa0Roy Asotasi": a no-break space is its own token
    if start == 0 or not is_title_word(doc[start - 1]):
        return None
    while start > 0 and (
        _in_title(doc[start - 1])
        or _modifies(doc[start - 1], start, mention.start)
        or _blank(doc[start - 1])
    ):
        start -= 1
    if all(t.lower_.rstrip(".") in HONORIFICS for t in doc[start : mention.start]):
        return None
    return _role(doc, start, mention.start)


def _blank(token: Any) -> bool:
    return bool(token.is_space) and "\n" not in token.text


def _modifies(token: Any, start: int, end: int) -> bool:
    """A lower-case word that qualifies the title ("presidential" in "presidential candidate")."""
    return (
        token.dep_ in ("amod", "compound")
        and token.pos_ in ("ADJ", "NOUN")
        and start <= token.head.i < end
        and "\n" not in token.text
    )


def _in_title(token: Any) -> bool:
    if "\n" in token.text or token.is_punct or token.lower_.rstrip(".") in HONORIFICS:
        return False
    if token.lower_ in TITLE_WORDS or token.lower_ in TITLE_MODIFIERS:
        return True
    return bool(token.text[:1].isupper()) and token.pos_ in ("PROPN", "NOUN", "ADJ")


def _appositives(doc: Any, mention: Mention) -> list[Role | None]:
    """Noun phrases set off by a comma beside the name ("Lee, a lawyer at X,")."""
    root = doc.span(mention.start, mention.end).root
    roles: list[Role | None] = []
    for child in root.rights:
        start = child.left_edge.i
        set_off = start > 0 and doc[start - 1].text in (",", "(", "–", "—")
        if child.dep_ == "appos" and child.pos_ == "NOUN" and start >= mention.end and set_off:
            roles.append(_role(doc, start, child.right_edge.i + 1))
    roles.append(_role_before_comma(doc, mention))
    return roles


def _role_before_comma(doc: Any, mention: Mention) -> Role | None:
    """A role before a comma that the name closes: "Ford's friend and driver, Alexander Lisi".

    The role's nouns must name a person's position or relation (a title, an occupation,
    "friend", "predecessor"), and a proper name inside it must be a possessor ("Ford's"),
    so that "friends from school, Sharmeena Begum" gives no role.
    """
    comma = mention.start - 1
    after = doc[mention.end] if mention.end < len(doc) else None
    if comma < 1 or doc[comma].text != "," or (after is not None and after.text not in ".,;"):
        return None
    noun = doc[comma - 1]
    if noun.pos_ != "NOUN" or noun.tag_ != "NN":
        return None
    nouns = [noun]
    while nouns[-1].dep_ == "conj" and nouns[-1].head.i < nouns[-1].i:
        nouns.append(nouns[-1].head)
    if not any(n.lower_ in TITLE_WORDS or n.lower_ in RELATIONS for n in nouns):
        return None
    start = nouns[-1].left_edge.i
    for token in doc[start : noun.i]:
        following = doc[token.i + 1]
        possessor = following.text in ("'s", "’s", "'", "’") or following.pos_ == "PROPN"
        if token.pos_ == "PROPN" and not possessor:
            return None
    return _role(doc, start, noun.i + 1)


def title_key(words: Sequence[Any]) -> tuple[str, ...]:
    """The office a role or description names: its title words and rank words, lower case.

    "Deputy Mayor" -> (deputy, mayor); "Ontario Premier" -> (premier);
    "Toronto's embattled mayor" -> (mayor); "a professor at ..." -> (professor).
    """
    head = next((t for t in reversed(words) if t.lower_ in TITLE_WORDS and t.pos_ != "ADP"), None)
    if head is None:
        head = next((t for t in words if t.pos_ == "NOUN"), None)
        return (head.lower_,) if head is not None else ()
    before = [t.lower_ for t in words if t.i < head.i and t.lower_ in TITLE_MODIFIERS]
    return (*before, ABBREVIATIONS.get(head.lower_, head.lower_))


def _matches(description: tuple[str, ...], role: tuple[str, ...]) -> bool:
    """Whether a description names a role's office: "the mayor" is not the Deputy Mayor,
    "the minister" is not the Prime Minister, "the chief" is the Police Chief."""
    if description == role:
        return True
    return len(description) == 1 and description == role[-1:] and set(role[:-1]) <= PLACE_MODIFIERS


def descriptions(doc: Any, taken: Sequence[bool]) -> list[Mention]:
    """Definite singular titles standing for a person: "the mayor", "Toronto's embattled mayor".

    doc (spacy.tokens.Doc): the parsed story.
    taken (Sequence[bool]): per token, whether it already belongs to a name or a role.
    RETURNS (list[Mention]): description mentions (label PERSON, kind description).
    """
    found = []
    for token in doc:
        if token.lower_ not in TITLE_WORDS or token.tag_ != "NN" or taken[token.i]:
            continue
        if token.dep_ in ("compound", "appos") or any(c.dep_ == "appos" for c in token.children):
            continue
        if not any(_definite(c) for c in token.lefts):
            continue
        start = token.left_edge.i
        if any(taken[i] and doc[i].ent_type_ == "PERSON" for i in range(start, token.i)):
            continue
        found.append(Mention(start, token.i + 1, "PERSON", kind=DESCRIPTION))
    return found


def _definite(child: Any) -> bool:
    if child.dep_ == "det":
        return bool(child.lower_ == "the")
    return bool(child.dep_ == "poss" and child.pos_ == "PROPN")


def link_descriptions(
    doc: Any, people: Sequence[Member], found: Sequence[Mention], lead_end: int
) -> None:
    """Attach each description to the one person who holds that title.

    A description that no person's title matches, standing in the story's lead
    sentence (before token ``lead_end``), gives its title to the main person: the
    person named far more often than anyone else (news leads often name the role first).
    """
    main = _main_person(people)
    for mention in found:
        words = doc[mention.start : mention.end]
        key, places = title_key(words), _places(words)
        if not key:
            continue
        holders = [p for p in people if any(_holds(doc, r, key, places) for r in p.roles)]
        if len(holders) == 1:
            holders[0].others.append(mention)
        elif not holders and main is not None and not main.roles and mention.start < lead_end:
            role = _role(doc, mention.start, mention.end)
            if role is not None:
                main.roles.append(role)
                main.others.append(mention)


def _holds(doc: Any, role: Role, key: tuple[str, ...], places: set[str]) -> bool:
    """Whether a role is the office a description names ("the Leeds captain" needs Leeds)."""
    words = _words(doc, role)
    return _matches(key, title_key(words)) and (not places or bool(places & _places(words)))


def _places(words: Sequence[Any]) -> set[str]:
    """The proper names inside a title or description ("Toronto" in "Toronto Police Chief")."""
    return {
        t.lower_
        for t in words
        if t.pos_ == "PROPN" and t.lower_ not in TITLE_WORDS and t.lower_ not in TITLE_MODIFIERS
    }


def _words(doc: Any, role: Role) -> Any:
    span = doc.char_span(role.span.start, role.span.end, alignment_mode="expand")
    return span if span is not None else []


def _main_person(people: Sequence[Member]) -> Member | None:
    ranked = sorted(people, key=lambda p: len(p.names), reverse=True)
    if not ranked or len(ranked[0].names) < MAIN_MIN_MENTIONS:
        return None
    if len(ranked) > 1 and len(ranked[0].names) < MAIN_MARGIN * len(ranked[1].names):
        return None
    return ranked[0]
