"""Who said what: direct quotes in every marking style, indirect speech, and their speakers.

One linear pass over the quote marks (:mod:`.marks`) and one over the tokens of
the story's single spaCy parse (:mod:`.cue_verbs`) find the quotes; each speaker
is then resolved against the cast (:mod:`.speakers`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.cast import entity_at
from newsdigest.model import Entity, Quote, Span
from newsdigest.quote_marks import Marked, find_marked
from newsdigest.quotes.cue_verbs import (
    NAMING_FORMS,
    Attribution,
    attribution_between,
    attribution_of,
    is_cue,
    reported_content,
    subject_of,
)
from newsdigest.quotes.speakers import resolve_speaker

__all__ = ["find_quotes", "resolve_speaker"]

# A short passage with no reporting verb near it is a scare quote or a title, not a quote.
SCARE_MAX_WORDS = 4
# Share of quoted tokens from which a clause opening with a quote is that quote's frame.
MOSTLY_QUOTED = 0.6
# A transcript line inside quote marks: "HOST: Welcome back."
_TRANSCRIPT_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+(?=\S)")
# A line whose first words, in capitals, name a speaker before a colon.
_LABELLED = re.compile(
    r"^[ \t\xa0\"“']*(?P<label>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):"
    r"[ \t\xa0]+(?P<content>[^\n]+)",
    re.MULTILINE,
)
# Quote-marked words all capitalised, up to this many, are a title or a name.
TITLE_MAX_WORDS = 6
_TITLE_SMALL_WORDS = frozenset("a an the and of in on with for to at by or from".split())
_SENTENCE_END = frozenset({".", "!", "?"})
_FRAME_TOKENS = 40
_PERSONAL_SUBJECTS = frozenset({"he", "she", "i", "we"})


class _Tokens:
    """Character-offset lookups over the tokens of the story's parse."""

    def __init__(self, doc: Any, passages: list[Marked]) -> None:
        self.doc = doc
        self.starts = [token.idx for token in doc]
        self.quoted = [False] * len(doc)
        for passage in passages:
            for i in self.between(passage.outer.start, passage.outer.end):
                self.quoted[i] = True

    def between(self, start: int, end: int) -> range:
        """Indexes of the tokens starting in ``[start, end)``."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))


def find_quotes(analysis: Analysis, cast: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """The story's quotes, direct and indirect, in text order, with resolved speakers.

    analysis (Analysis): the analysed story; its one spaCy parse is read, never re-run.
    cast (tuple[Entity, ...]): the cast the speakers are resolved against.
    RETURNS (tuple[Quote, ...]): scare quotes and titles in quote marks are left out.
    """
    text = analysis.text
    passages = find_marked(text)
    tokens = _Tokens(analysis.doc, passages)
    quotes = _direct_quotes(analysis, cast, passages, tokens)
    quotes.extend(_indirect_quotes(analysis, cast, quotes, tokens))
    return tuple(sorted(quotes, key=lambda q: (q.span.start, q.span.end)))


def _direct_quotes(
    analysis: Analysis, cast: tuple[Entity, ...], passages: list[Marked], tokens: _Tokens
) -> list[Quote]:
    text = analysis.text
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
        if found is None and _is_scare_quote(text, passage):
            continue
        if _is_title(text, passage) and not _names_words(text, found):
            continue
        if found is not None and found.speaker is not None:
            previous = (passage, found)
        quotes.append(_quote(analysis, cast, content, True, found))
    return quotes


def _frame_ends(text: str, passages: list[Marked]) -> list[int]:
    """Where the frame after each passage ends: at the next passage that is not a nickname
    in the speaker's name (``state Sen. Robert "Bobby" Lane said``)."""
    ends = [len(text)] * len(passages)
    end = len(text)
    for i in range(len(passages) - 1, -1, -1):
        ends[i] = end
        if not _is_scare_quote(text, passages[i]):
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


def _quote(
    analysis: Analysis,
    cast: tuple[Entity, ...],
    span: Span,
    direct: bool,
    found: Attribution | None,
) -> Quote:
    text = analysis.text
    speaker_span = found.speaker if found else None
    speaker = resolve_speaker(analysis, cast, speaker_span) if speaker_span else None
    if speaker is None and found is not None and found.alias is not None:
        # "Its president, Tom Lindqvist, said": the name beside the description.
        speaker = resolve_speaker(analysis, cast, found.alias)
        if speaker is not None:
            speaker_span = found.alias
    return Quote(
        text=text[span.start : span.end],
        span=span,
        direct=direct,
        speaker=speaker.id if speaker else None,
        speaker_text=text[speaker_span.start : speaker_span.end] if speaker_span else None,
        speaker_span=speaker_span,
        cue=text[found.cue.start : found.cue.end] if found else None,
        cue_span=found.cue if found else None,
    )


def _attribute(
    text: str, passage: Marked, tokens: _Tokens, before: int, after: int
) -> Attribution | None:
    """The attribution of a passage: a reporting verb after it, before it, or governing it.

    A quote inside a sentence ("called it a "slow-motion disaster"") is attributed by the verb
    that governs it in the parse; a quote standing alone by the verb beside it.
    """
    line_start = text.rfind("\n", 0, passage.outer.start) + 1
    line_end = text.find("\n", passage.outer.end)
    line_end = len(text) if line_end < 0 else line_end
    if _is_partial(text, passage, line_start):
        governing = _governing_cue(tokens, passage) or _main_verb(tokens, passage)
        if governing is not None:
            return attribution_of(tokens.doc[governing], tokens.quoted)
    # A quote closed after a full stop ends its sentence: what follows is a new one.
    ends_sentence = passage.closed and text[passage.inner.end - 1 : passage.inner.end] == "."
    stop = min(after, line_end)
    found = None if ends_sentence else _attribute_after(tokens, passage.outer.end, stop)
    if found is not None:
        return found
    preceding = _frame_before(tokens, max(before, line_start), passage.outer.start)
    if preceding is not None:
        return attribution_of(tokens.doc[preceding], tokens.quoted)
    if text[line_start : passage.outer.start].strip() == "":
        return _colon_intro(text, tokens, line_start)
    return None


def _attribute_after(tokens: _Tokens, start: int, stop: int) -> Attribution | None:
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
        named = attribution_between(doc, doc[cue], cue + 1, end)
    if parsed.speaker is not None and window.contains(parsed.speaker):
        return parsed
    return named or parsed


def _sentence_end(tokens: _Tokens, first: int, stop: int) -> int:
    """Index just past the last token of the sentence that starts at ``first``."""
    doc = tokens.doc
    for i in range(first, stop):
        if doc[i].text in _SENTENCE_END and not tokens.quoted[i]:
            return i
    return stop


def _frame_after(tokens: _Tokens, start: int, stop: int) -> int | None:
    """The first reporting verb after a passage, before its sentence ends."""
    doc = tokens.doc
    for n, i in enumerate(tokens.between(start, stop)):
        if n > _FRAME_TOKENS or (doc[i].text in _SENTENCE_END and not tokens.quoted[i]):
            return None
        if not tokens.quoted[i] and is_cue(doc[i]):
            return i
    return None


def _frame_before(tokens: _Tokens, start: int, stop: int) -> int | None:
    """The last reporting verb before a passage, back to the previous sentence's end."""
    doc = tokens.doc
    for i in reversed(tokens.between(start, stop)):
        if doc[i].text in _SENTENCE_END and not tokens.quoted[i]:
            return None
        if not tokens.quoted[i] and is_cue(doc[i]):
            return i
    return None


def _governing_cue(tokens: _Tokens, passage: Marked) -> int | None:
    """The reporting verb above the passage in the parse, the outermost one with a source.

    A report inside a report belongs to the outer source: in "Ruiz said the mayor was
    "plainly wrong"" and "Ruiz said the mayor called it "a scandal"" the words are Ruiz's
    report. With no source in the chain, the nearest reporting verb.
    """
    doc = tokens.doc
    inside = tokens.between(passage.inner.start, passage.inner.end)
    roots = [
        doc[i] for i in inside if not passage.inner.start <= doc[i].head.idx < passage.inner.end
    ]
    outer: int | None = None
    nearest: int | None = None
    for root in roots[:2]:
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


def _main_verb(tokens: _Tokens, passage: Marked) -> int | None:
    """The main verb of a sentence that quotes someone with no reporting verb, when its
    subject is a person: in "Whitfield went after the budget as a "bottomless pit"" the words
    are Whitfield's."""
    doc = tokens.doc
    inside = tokens.between(passage.inner.start, passage.inner.end)
    root = next(
        (doc[i] for i in inside if not passage.inner.start <= doc[i].head.idx < passage.inner.end),
        None,
    )
    if root is None:
        return None
    node: Any = root.head
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


def _names_someone(token: Any) -> bool:
    return bool(token.ent_type_) or token.pos_ in ("PROPN", "PRON")


def _colon_intro(text: str, tokens: _Tokens, line_start: int) -> Attribution | None:
    """``He said:`` ending the previous line introduces a quote that fills this line."""
    prev_end = _rstrip_end(text, line_start)
    if prev_end <= 0 or text[prev_end - 1] != ":":
        return None
    prev_start = text.rfind("\n", 0, prev_end) + 1
    cue = _frame_before(tokens, prev_start, prev_end)
    return attribution_of(tokens.doc[cue], tokens.quoted) if cue is not None else None


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \t\xa0\r\n":
        end -= 1
    return end


def _is_partial(text: str, passage: Marked, line_start: int) -> bool:
    """Whether a passage stands inside a sentence ("called it a "slow-motion disaster"")."""
    lead = text[line_start : passage.outer.start].rstrip()
    return bool(lead) and lead[-1] not in ":.!?\"”'’—–-"


def _follows_on(text: str, previous: Marked, passage: Marked) -> bool:
    """A passage continuing the previous one: same paragraph, or across a continued break."""
    between = text[previous.outer.end : passage.outer.start]
    if previous.continued:
        return "\n\n" not in between.replace("\r", "") or between.strip() == ""
    return "\n" not in between


def _is_scare_quote(text: str, passage: Marked) -> bool:
    """A few words that need a reporting verb near them to count as a quote."""
    words = text[passage.inner.start : passage.inner.end].split()
    return len(words) <= SCARE_MAX_WORDS


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


def _indirect_quotes(
    analysis: Analysis, cast: tuple[Entity, ...], direct: list[Quote], tokens: _Tokens
) -> list[Quote]:
    """Reported speech: a reporting verb's clause, or the clause ``according to X`` qualifies."""
    doc = tokens.doc
    quotes: list[Quote] = []
    for token in doc:
        if tokens.quoted[token.i] or not is_cue(token):
            continue
        content = reported_content(token)
        if content is None:
            continue
        span = _trimmed(doc, content[0], content[1])
        if span is None or _opens_quoted(tokens, span):
            continue
        found = attribution_of(token, tokens.quoted)
        if found.speaker is not None and found.speaker.start <= span.start < found.speaker.end:
            # A clause that starts with its own source is a misparse, not a report.
            continue
        quotes.append(_quote(analysis, cast, span, False, found))
    quotes.extend(_labelled_lines(analysis, cast, tokens))
    return _outermost_reports(quotes)


def _outermost_reports(quotes: list[Quote]) -> list[Quote]:
    """Drop a report inside another report by the same speaker ("he said he expects ...")."""
    reach: dict[str, int] = {}  # per speaker, the furthest end of a report seen so far
    kept: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: (q.span.start, -q.span.end)):
        speaker = quote.speaker
        repeated = bool(kept) and kept[-1].span == quote.span
        if speaker is not None and reach.get(speaker, -1) >= quote.span.end and not repeated:
            continue
        if speaker is not None:
            reach[speaker] = max(reach.get(speaker, -1), quote.span.end)
        kept.append(quote)
    return kept


def _labelled_lines(
    analysis: Analysis, cast: tuple[Entity, ...], tokens: _Tokens
) -> Iterator[Quote]:
    """Lines that name their speaker before a colon: a headline "Ruiz: ...", a transcript
    "HOST: ...". The label must be a cast member or in capitals ("Correction:" is not)."""
    text = analysis.text
    for line in _LABELLED.finditer(text):
        label = Span(line.start("label"), line.end("label"))
        content = Span(line.start("content"), _rstrip_end(text, line.end("content")))
        words = text[label.start : label.end]
        if entity_at(cast, label) is None and not (words.isupper() and len(words) > 1):
            continue
        if len(text[content.start : content.end].split()) < 3:
            continue
        colon = text.index(":", label.end)
        found = Attribution(cue=Span(colon, colon + 1), speaker=label, head=None)
        yield _quote(analysis, cast, content, False, found)


def _trimmed(doc: Any, first: int, last: int) -> Span | None:
    """The tokens ``first..last`` without punctuation at either end, if they say something."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last < first:
        return None
    # Three words make a report; fewer only when they name something ("attacked Okafor").
    if last - first < 2 and not any(
        doc[i].pos_ in ("PROPN", "NOUN") for i in range(first, last + 1)
    ):
        return None
    return Span(doc[first].idx, doc[last].idx + len(doc[last]))


def _opens_quoted(tokens: _Tokens, span: Span) -> bool:
    """Whether a clause starts in quote marks and is mostly quoted: a direct quote's frame.

    ``"The plan is right," she said`` is a direct quote; ``she said the plan is "right"``
    is reported speech with a partial quote in it.
    """
    inside = tokens.between(span.start, span.end)
    if not inside or not tokens.quoted[inside.start]:
        return False
    quoted = sum(1 for i in inside if tokens.quoted[i])
    return quoted >= MOSTLY_QUOTED * len(inside)


def _unnamed(found: Attribution | None) -> bool:
    """Whether an attribution names no source (no reporting verb, or one with no subject)."""
    return found is None or found.speaker is None
