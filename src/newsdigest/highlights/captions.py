"""Captions and boilerplate: the parts of a page's text that are not the story.

Stories copied from news pages carry photo captions glued to the next sentence
without punctuation (``... at the harbour on Sunday The ferry company said ...``),
captions of their own (``Rescued: The crew of the trawler ...``) and page furniture (``Scroll down
for video``, ``Share this article``, ``By . Daily Mail Reporter``). They are removed
before the highlights are chosen. Glued captions are found from letter case, so that
step needs the raw text; boilerplate is recognised on normalised tokens, so training
(whose text is lower-cased) drops the same sentences as run time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdigest.highlights.features import STOPWORDS
from newsdigest.lexicon import verb_forms, words
from newsdigest.model import Span
from newsdigest.sentences import text_style

# A sentence-opening word written with a capital where a caption ends without a stop.
_STARTERS = "|".join(sorted(w.capitalize() for w in words("glued_sentence_starters")))
# A word that usually precedes a title ("in The Long Road Home", "told The Times").
_TITLE_LEAD = STOPWORDS | words("title_leads")
_GLUE = re.compile(
    r"(?<=[\w)’'”%])(?P<gap>[ \t\u00a0]+)"
    r"(?=(?:(?:" + _STARTERS + r")\b(?![.:])|[‘“][A-Z]))"
)
_PREVIOUS_WORD = re.compile(r"([\w’']+)\W*$")
_LABEL = re.compile(r"^[‘'\"“]?[A-Z][\w’'-]*(?: [\w’'-]+){0,3}:\s")
_SPEECH_LABEL = re.compile(
    r"\b(?:" + "|".join(sorted(verb_forms("speech_verbs"))) + r")\b:", re.IGNORECASE
)
_PICTURED = re.compile(r"\((?:" + "|".join(sorted(words("caption_words"))) + r")[^)]{0,30}\)")

BOILERPLATE = tuple(sorted(tuple(phrase.split("_")) for phrase in words("boilerplate")))
_TRIGGERS = frozenset(p[0] for p in BOILERPLATE)
# The word lists read here; the highlight model records them (see .learned).
WORD_LISTS = (
    "glued_sentence_starters",
    "title_leads",
    "speech_verbs",
    "caption_words",
    "boilerplate",
    "byline_words",
    "time_zones",
    "referring_words",
    "first_person",
)


def is_boilerplate(tokens: Sequence[str]) -> bool:
    """Whether a sentence's normalised tokens are page furniture rather than story.

    tokens (Sequence[str]): the sentence's normalised tokens.
    RETURNS (bool): True for bylines, datelines of publication, share and video prompts.
    """
    head = list(tokens[:12])
    if not _TRIGGERS.intersection(head):
        return not any(_is_word(t) for t in tokens)
    for pattern in BOILERPLATE:
        n = len(pattern)
        for i in range(len(head) - n + 1):
            window = tuple(head[i : i + n])
            if window == pattern or (
                pattern[-1] == "20" and window[:-1] == pattern[:-1] and window[-1][:2] == "20"
            ):
                return True
    return not any(_is_word(t) for t in tokens)


_BYLINE_GLUE = words("byline_words")
_TIME_ZONES = words("time_zones")
# A speaker or a pronoun before a colon makes speech ("he said :"), not a caption's label.
_NOT_LABEL = verb_forms("speech_verbs") | words("referring_words") | words("first_person")


def _is_word(token: str) -> bool:
    return token[:1].isalnum() or token[-1:].isalnum()


def is_labelled_caption(tokens: Sequence[str]) -> bool:
    """Whether a sentence is a caption led by a short label (``overdose : david smith ...``).

    tokens (Sequence[str]): the sentence's normalised tokens.
    RETURNS (bool): True when one to three words and a colon open a sentence that is not
        speech (``he said :``, ``the statement read :``).
    """
    head = list(tokens[:6])
    if ":" not in head:
        return False
    colon = head.index(":")
    label = [t for t in head[:colon] if _is_word(t)]
    if not 1 <= len(label) <= 3 or any(t in _NOT_LABEL for t in label):
        return False
    return sum(1 for t in tokens[colon + 1 :] if _is_word(t)) >= 4


def is_story(tokens: Sequence[str]) -> bool:
    """Whether a sentence's tokens are story: neither boilerplate nor a labelled caption."""
    return not is_boilerplate(tokens) and not is_labelled_caption(tokens)


def leading_furniture(sentences: Sequence[Sequence[str]]) -> int:
    """How many sentences open a story without being story: byline and time stamps.

    ``by . martin robinson for mailonline . published : . 12:01 est , 3 june 2013 .``
    splits into short sentences that carry no news; the story starts after them.

    sentences (Sequence[Sequence[str]]): normalised tokens of each sentence.
    RETURNS (int): the number of leading sentences to skip.
    """
    skip = 0
    byline = False
    for tokens in sentences[:8]:
        words = [t for t in tokens if _is_word(t)]
        if words[:1] == ["by"] and len(words) <= 8:
            byline = True
        elif byline and 0 < len(words) <= 5 and not (set(words) & STOPWORDS - _BYLINE_GLUE):
            pass  # the name of the byline, or its "and associated press reporter"
        elif len(words) <= 9 and (
            _TIME_ZONES.intersection(words) or any(":" in t and t[:1].isdigit() for t in words)
        ):
            pass  # "12:01 est , 3 june 2013"
        else:
            break
        skip += 1
    return skip


def split_captions(text: str, span: Span) -> list[tuple[Span, bool]]:
    """A sentence cut where a caption is glued to it, each piece with whether it is a caption.

    text (str): the story.
    span (Span): one sentence of it.
    RETURNS (list[tuple[Span, bool]]): pieces in order, each flagged True for a caption.
    """
    pieces: list[tuple[Span, bool]] = []
    start = span.start
    for match in _GLUE.finditer(text, span.start, span.end):
        cut = match.start("gap")
        before = _PREVIOUS_WORD.search(text, max(start, cut - 40), cut)
        if before is None or before.group(1).lower() in _TITLE_LEAD:
            continue
        if len(text[start:cut].split()) < 5:
            continue
        piece = text[start:cut]
        if not _looks_like_caption(piece):
            continue
        pieces.append((Span(start, cut), True))
        start = match.end("gap")
    rest = Span(start, span.end)
    pieces.append((rest, _labelled(text[rest.start : rest.end])))
    return pieces


def _looks_like_caption(piece: str) -> bool:
    """A run of words glued to a sentence is a caption when nothing in it ends a sentence."""
    stripped = piece.rstrip(" \t\u00a0’'”\")")
    return not stripped.endswith((".", "!", "?", ":", ";", ","))


def _labelled(sentence: str) -> bool:
    """A sentence led by a short label and a colon (``Rescued: ...``) is a caption."""
    match = _LABEL.match(sentence)
    if match is None or _SPEECH_LABEL.search(match.group()):
        return False
    return bool(_PICTURED.search(sentence)) or len(match.group().split()) <= 3


def caption_free(text: str, sentences: Sequence[Span]) -> list[Span]:
    """The story's sentences without captions: glued ones cut off, captions dropped.

    Glued and labelled captions are found from letter case, so a text without it (all
    lower case or ALL CAPS, see :func:`newsdigest.sentences.text_style`) keeps its
    sentences whole; its boilerplate still goes, recognised on normalised tokens.
    """
    if text_style(text)[0]:
        return list(sentences)
    kept: list[Span] = []
    for span in sentences:
        kept.extend(piece for piece, caption in split_captions(text, span) if not caption)
    return kept
