"""A user's search text read as a web search: words, "a phrase", ``OR`` and ``-word``.

PostgreSQL reads this syntax itself (``websearch_to_tsquery``); for SQLite it is turned into
an FTS5 query in which every term is a quoted phrase of plain words, so no input can reach
FTS5's own operators or make a syntax error.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


def fts5_query(text: str) -> str | None:
    """The FTS5 query for a search text.

    text (str): what the user typed: words are all required, ``"..."`` is a phrase,
        ``OR`` between two terms accepts either, ``-word`` excludes.
    RETURNS (str | None): the query; None when the text holds no word to search for.
    """
    groups: list[list[str]] = []
    excluded: list[str] = []
    either = False
    for match in _TOKEN.finditer(text):
        negative, phrase, word = match.group(1), match.group(2), match.group(3)
        if word == "OR":
            either = bool(groups)
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            negative, word = "-", word[1:]
        words = _WORD.findall(phrase if phrase is not None else word)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        if negative:
            excluded.append(term)
        elif either:
            groups[-1].append(term)
        else:
            groups.append([term])
        either = False
    if not groups:
        return None
    query = " AND ".join("(" + " OR ".join(group) + ")" for group in groups)
    return query + "".join(f" NOT {term}" for term in excluded)
