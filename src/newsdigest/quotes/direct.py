"""Direct quotes: each quote-marked passage, attributed by the reporting cue beside it.

A passage inside a sentence takes the reporting verb that governs it in the parse; one
standing alone the cue after it (``"...," Okafor said``), else the one before it (``She
said: "..."``), else a ``said:`` ending the previous line; a passage continuing the previous
quote takes its speaker. A short passage no cue attributes is a scare quote, and a title in
capitals is a title: both are left out.
"""

from __future__ import annotations

import re
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.model import Entity, Quote, Span
from newsdigest.quote_marks import Marked
from newsdigest.quotes.attribution import (
    Attribution,
    attribution_between,
    attribution_of,
    postposed_source,
    subject_of,
)
from newsdigest.quotes.cues import NAMING_FORMS, is_cue
from newsdigest.quotes.speakers import quote_with_speaker
from newsdigest.quotes.tokens import Tokens

# A short passage with no reporting verb near it is a scare quote or a title, not a quote.
SCARE_MAX_WORDS = 4
# So is a word or two quoted inside a sentence, unless someone gives them ("called it "X"").
SCARE_WORDS_IN_SENTENCE = 2
# A transcript line inside quote marks: "HOST: Welcome back."
_TRANSCRIPT_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+(?=\S)")
# Quote-marked words all capitalised, up to this many, are a title or a name.
TITLE_MAX_WORDS = 6
_TITLE_SMALL_WORDS = frozenset("a an the and of in on with for to at by or from".split())
_FRAME_TOKENS = 40
# A passage after one of these (or at the start of its line) is not inside a sentence.
_STANDS_ALONE = frozenset(":.!?\"”'’—–-")
_PERSONAL_SUBJECTS = frozenset({"he", "she", "i", "we"})


def direct_quotes(analysis: Analysis, cast: tuple[Entity, ...], tokens: Tokens) -> list[Quote]:
    """The quote-marked passages that are quotes, each with its attribution.

    analysis (Analysis): the analysed story (its ``marks`` are the passages).
    cast (tuple[Entity, ...]): the cast the speakers are resolved against.
    tokens (Tokens): the parse's tokens and which are quoted.
    RETURNS (list[Quote]): in text order; scare quotes and titles left out.
    """
    text = analysis.text
    passages = analysis.marks
    quotes: list[Quote] = []
    previous: tuple[Marked, Attribution] | None = None
    frame_ends = _frame_ends(text, passages)
    for i, passage in enumerate(passages):
        before = passages[i - 1].outer.end if i else 0
        content, found = _transcript_line(text, passage)
        if found is None:
            found = _attribute(text, passage, tokens, before, frame_ends[i])
        if _unnamed(found) and previous is not None and _follows_on(text, previous[0], passage):
            found = previous[1]
        if found is None and is_scare_quote(text, passage):
            continue
        if _is_title(text, passage) and not _names_words(text, found):
            continue
        if found is not None and found.speaker is not None:
            previous = (passage, found)
        quotes.append(quote_with_speaker(analysis, cast, content, True, found))
    return quotes


def _frame_ends(text: str, passages: list[Marked]) -> list[int]:
    """Where the frame after each passage ends: at the next passage that is not a nickname
    in the speaker's name (``state Sen. Robert "Bobby" Lane said``)."""
    ends = [len(text)] * len(passages)
    end = len(text)
    for i in range(len(passages) - 1, -1, -1):
        ends[i] = end
        if not is_scare_quote(text, passages[i]):
            end = passages[i].outer.start
    return ends


def _transcript_line(text: str, passage: Marked) -> tuple[Span, Attribution | None]:
    """A quoted transcript line names its speaker in capitals: ``"HOST: Welcome back.``"""
    label = _TRANSCRIPT_LABEL.match(text, passage.inner.start, passage.inner.end)
    if label is None:
        return passage.inner, None
    speaker = Span(label.start("label"), label.end("label"))
    colon = Span(label.end("label"), label.end("label") + 1)
    content = Span(label.end(), passage.inner.end)
    return content, Attribution(cue=colon, speaker=speaker, head=None)


def _attribute(
    text: str, passage: Marked, tokens: Tokens, before: int, after: int
) -> Attribution | None:
    """The attribution of a passage: a reporting verb after it, before it, or governing it.

    A quote inside a sentence ("called it a "slow-motion disaster"") is attributed by the verb
    that governs it in the parse; a quote standing alone by the verb beside it.
    """
    line_start = text.rfind("\n", 0, passage.outer.start) + 1
    line_end = text.find("\n", passage.outer.end)
    line_end = len(text) if line_end < 0 else line_end
    if is_partial(text, passage, line_start):
        governing = _governing_cue(tokens, passage) or _main_verb(tokens, passage)
        if governing is not None:
            return attribution_of(tokens.doc[governing], tokens.quoted)
    # A quote closed after a full stop ends its sentence: what follows is a new one.
    ends_sentence = passage.closed and text[passage.inner.end - 1 : passage.inner.end] == "."
    stop = min(after, line_end)
    found = None if ends_sentence else _attribute_after(tokens, passage.outer.end, stop)
    if found is not None:
        return found
    preceding = frame_before(tokens, max(before, line_start), passage.outer.start)
    if preceding is not None:
        return attribution_of(tokens.doc[preceding], tokens.quoted)
    if text[line_start : passage.outer.start].strip() == "":
        return _colon_intro(text, tokens, line_start)
    return None


def _attribute_after(tokens: Tokens, start: int, stop: int) -> Attribution | None:
    """``"...," Okafor said`` or ``"...," said Okafor``: the cue after a passage and its source."""
    doc = tokens.doc
    frame = tokens.between(start, stop)
    cue = _frame_after(tokens, start, stop)
    if cue is None:
        return None
    parsed = attribution_of(doc[cue], tokens.quoted)
    if doc[cue].lower_ == "according":
        return parsed
    first = frame.start
    if any(not (doc[i].is_punct or doc[i].is_space) for i in range(first, cue)):
        window = Span(doc[first].idx, doc[cue].idx)
        named = attribution_between(doc, doc[cue], first, cue)
    else:
        end = _sentence_end(tokens, cue + 1, frame.stop)
        window = Span(doc[cue].idx, doc[end - 1].idx + len(doc[end - 1]) if end > cue else 0)
        named = attribution_between(doc, doc[cue], cue + 1, end) or postposed_source(doc[cue])
    if parsed.speaker is not None and window.contains(parsed.speaker):
        return parsed
    return named or parsed


def _sentence_end(tokens: Tokens, first: int, stop: int) -> int:
    """Index just past the last token of the sentence that starts at ``first``."""
    for i in range(first, stop):
        if tokens.ends_sentence(i):
            return i
    return stop


def _frame_after(tokens: Tokens, start: int, stop: int) -> int | None:
    """The first reporting verb after a passage, before its sentence ends."""
    doc = tokens.doc
    for n, i in enumerate(tokens.between(start, stop)):
        if n > _FRAME_TOKENS or tokens.ends_sentence(i):
            return None
        if not tokens.quoted[i] and is_cue(doc[i]):
            return i
    return None


def frame_before(tokens: Tokens, start: int, stop: int) -> int | None:
    """The last reporting verb before ``stop``, back to the previous sentence's end."""
    doc = tokens.doc
    for i in reversed(tokens.between(start, stop)):
        if tokens.ends_sentence(i):
            return None
        if not tokens.quoted[i] and is_cue(doc[i]):
            return i
    return None


def _governing_cue(tokens: Tokens, passage: Marked) -> int | None:
    """The reporting verb above the passage in the parse, the outermost one with a source.

    A report inside a report belongs to the outer source: in "Ruiz said the mayor was
    "plainly wrong"" and "Ruiz said the mayor called it "a scandal"" the words are Ruiz's
    report. With no source in the chain, the nearest reporting verb.
    """
    outer: int | None = None
    nearest: int | None = None
    for root in _roots(tokens, passage)[:2]:
        node = root.head
        for _ in range(8):
            if not tokens.quoted[node.i] and is_cue(node):
                nearest = nearest if nearest is not None else int(node.i)
                if attribution_of(node, tokens.quoted).speaker is not None:
                    outer = int(node.i)
            if node.head.i == node.i or "\n" in node.head.text:
                break
            node = node.head
        if outer is not None:
            return outer
    return nearest


def _roots(tokens: Tokens, passage: Marked) -> list[Any]:
    """The tokens of a passage whose head in the parse lies outside it."""
    doc = tokens.doc
    inside = tokens.between(passage.inner.start, passage.inner.end)
    return [
        doc[i] for i in inside if not passage.inner.start <= doc[i].head.idx < passage.inner.end
    ]


def _main_verb(tokens: Tokens, passage: Marked) -> int | None:
    """The main verb of a sentence that quotes someone with no reporting verb, when its
    subject is a person: in "Whitfield went after the budget as a "bottomless pit"" the words
    are Whitfield's."""
    roots = _roots(tokens, passage)
    if not roots:
        return None
    node: Any = roots[0].head
    top: Any = None
    for _ in range(12):
        if not tokens.quoted[node.i] and node.pos_ in ("VERB", "AUX"):
            top = node
        if node.head.i == node.i or "\n" in node.head.text:
            break
        node = node.head
    if top is None:
        return None
    subject = subject_of(top)
    if subject is None or tokens.quoted[subject.i] or not _is_person(subject):
        return None
    return int(top.i)


def _is_person(token: Any) -> bool:
    """A person's name, or a pronoun that can only stand for people."""
    if token.lower_ in _PERSONAL_SUBJECTS:
        return True
    return token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and not token.ent_type_)


def _colon_intro(text: str, tokens: Tokens, line_start: int) -> Attribution | None:
    """``He said:`` ending the previous line introduces a quote that fills this line."""
    prev_end = rstrip_end(text, line_start)
    if prev_end <= 0 or text[prev_end - 1] != ":":
        return None
    prev_start = text.rfind("\n", 0, prev_end) + 1
    cue = frame_before(tokens, prev_start, prev_end)
    return attribution_of(tokens.doc[cue], tokens.quoted) if cue is not None else None


def rstrip_end(text: str, end: int) -> int:
    """``end`` moved back over white space."""
    while end > 0 and text[end - 1] in " \t\xa0\r\n":
        end -= 1
    return end


def is_partial(text: str, passage: Marked, line_start: int) -> bool:
    """Whether a passage stands inside a sentence ("called it a "slow-motion disaster"")."""
    lead = text[line_start : passage.outer.start].rstrip()
    return bool(lead) and lead[-1] not in _STANDS_ALONE


def _follows_on(text: str, previous: Marked, passage: Marked) -> bool:
    """A passage continuing the previous one: same paragraph, or across a continued break."""
    between = text[previous.outer.end : passage.outer.start]
    if previous.continued:
        return "\n\n" not in between.replace("\r", "") or between.strip() == ""
    return "\n" not in between


def is_scare_quote(text: str, passage: Marked) -> bool:
    """A few words that need a reporting verb near them to count as a quote."""
    words = text[passage.inner.start : passage.inner.end].split()
    return len(words) <= SCARE_MAX_WORDS


def is_scare_word(text: str, quote: Quote) -> bool:
    """Whether a direct quote is a word or two quoted inside a sentence ("the so-called
    "renoviction"") that no naming verb gives: words marked, not words said."""
    if len(quote.text.split()) > SCARE_WORDS_IN_SENTENCE:
        return False
    if (quote.cue or "").lower() in NAMING_FORMS and quote.speaker_span is not None:
        return False
    line_start = text.rfind("\n", 0, quote.span.start) + 1
    lead = text[line_start : quote.span.start].rstrip(" \t\"“‘'`„«")
    return bool(lead) and lead[-1] not in _STANDS_ALONE


def _names_words(text: str, found: Attribution | None) -> bool:
    """Whether someone named gives the words with a naming verb ("she called it "X"")."""
    if found is None or found.speaker is None:
        return False
    cue = text[found.cue.start : found.cue.end].lower()
    return cue in NAMING_FORMS


def _is_title(text: str, passage: Marked) -> bool:
    """A title or a nickname in quote marks: "Morning Report", "Slippery Sam"."""
    words = text[passage.inner.start : passage.inner.end].rstrip(".,").split()
    if not words or len(words) > TITLE_MAX_WORDS or words[-1][-1:] in "?!":
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in _TITLE_SMALL_WORDS for w in words)


def _unnamed(found: Attribution | None) -> bool:
    """Whether an attribution names no source (no reporting verb, or one with no subject)."""
    return found is None or found.speaker is None
