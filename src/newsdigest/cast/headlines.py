"""Headlines: lines whose capitals say nothing about names.

In a line set in title case or in capitals ("Lindsay Lohan Checks Into Rehab", "CRICKET -
LEICESTERSHIRE TAKE OVER"), every word is capitalised, so a run of capitals is no sign of
a name, and spaCy's entities there run on over verbs and nouns. A name candidate in such a
line that holds names the story uses outside its headlines, and more words, is cut to the
names it holds: "Lindsay Lohan Checks Into Rehab" is "Lindsay Lohan" when the body says
"Lindsay Lohan", and "Obama Reverses Bush" is "Obama" and "Bush" when the body names
Barack Obama and George W. Bush. A candidate holding no such name is left as it is.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from newsdigest.cast._mention import (
    Mention,
    is_capitalised,
    is_word,
    name_key,
    surname_keys,
    word_key,
)
from newsdigest.lexicon import words

# Words a title-case headline may leave in lower case.
MINOR_WORDS = words("title_case_minor")
# A headline has at least this many other words, all of them capitalised (a sentence full
# of names, "Premier Walter Haines met Ms. Ana Ruiz ...", still has a verb in lower case).
HEADLINE_MIN_WORDS = 3
HEADLINE_SHARE = 1.0
_LONGEST_NAME = 6


def headline_tokens(doc: Any) -> list[bool]:
    """Per token, whether it stands in the story's headline: the lines at its top set in
    title case or in capitals, before its first line of running text (a line of a few words,
    a date or a byline, may stand between them; a results table further down is no headline).

    doc (Words): the parsed story.
    RETURNS (list[bool]): one flag per token.
    """
    flags = [False] * len(doc)
    line: list[Any] = []
    for token in doc:
        line.append(token)
        if "\n" in token.text or "\n" in token.whitespace_ or token.i == len(doc) - 1:
            content = [t for t in line if is_word(t) and t.lower_ not in MINOR_WORDS]
            if len(content) >= HEADLINE_MIN_WORDS:
                if sum(is_capitalised(t) for t in content) < HEADLINE_SHARE * len(content):
                    break  # running text: the headline is above
                for t in line:
                    flags[t.i] = True
            line = []
    return flags


def cut_to_known(doc: Any, mentions: list[Mention], headline: Sequence[bool]) -> list[Mention]:
    """The candidates, each one in a headline cut to the names of the body it holds.

    doc (Words): the parsed story.
    mentions (list[Mention]): name candidates in text order (``found`` = spaCy's label).
    headline (Sequence[bool]): per token, whether it stands in a headline.
    RETURNS (list[Mention]): the same candidates where nothing is cut; a cut piece takes the
        label spaCy gives the same name in the body.
    """
    if not any(headline):
        return mentions
    known = _body_names(doc, mentions, headline)
    if not known:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        pieces = _known_pieces(doc, m, known) if headline[m.start] else []
        whole = len(pieces) == 1 and (pieces[0].start, pieces[0].end) == (m.start, m.end)
        out.extend(pieces if pieces and not whole else [m])
    return out


def _body_names(
    doc: Any, mentions: list[Mention], headline: Sequence[bool]
) -> dict[tuple[str, ...], str]:
    """The names spaCy finds outside headlines, with the label it gives each most often;
    a person's surname alone stands for the person (a given name alone does not: in
    "Mark Waugh" it begins another name)."""
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if not m.found or any(headline[m.start : m.end]):
            continue
        key = name_key(doc, m)
        votes[key][m.found] += 1
        if m.found == "PERSON" and len(key) > 1:
            for part in surname_keys(doc, m):
                votes[part]["PERSON"] += 1
    return {key: vote.most_common(1)[0][0] for key, vote in votes.items()}


def _known_pieces(doc: Any, m: Mention, known: dict[tuple[str, ...], str]) -> list[Mention]:
    pieces = []
    i = m.start
    while i < m.end:
        for size in range(min(_LONGEST_NAME, m.end - i), 0, -1):
            label = known.get(tuple(word_key(t) for t in doc[i : i + size]))
            if label is not None:
                found = label if m.found else ""
                pieces.append(Mention(i, i + size, found, found=found))
                i += size
                break
        else:
            i += 1
    return pieces
