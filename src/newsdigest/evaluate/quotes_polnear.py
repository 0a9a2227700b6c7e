"""Quote scores against PolNeAR-style attribution gold.

The gold file is JSON lines with ``text`` and ``quotes``: one record per attribution with
``quote_start``/``quote_end`` (the content; ``quote_segments`` when it is in pieces),
``speaker_start``/``speaker_end`` (the source as written, may be null), ``cue_start``/
``cue_end``, ``is_direct`` and ``has_quote_marks``.

- Direct quotes: each quote-marked piece of an attributed content (direct or indirect:
  a partial quote inside reported speech counts) is one gold quote (a quote running over
  several paragraphs is one piece per paragraph); a direct content with no marks is one
  piece. The marks are looked for in the text, whatever ``has_quote_marks`` says.
  Predicted quotes with ``direct`` true, and the quote-marked pieces of ``mixed`` ones, are
  matched one to one, greatest overlap first, where the characters they share are at least
  0.3 of the characters either covers (intersection over union).
- Indirect attributions: each content without ``is_direct`` is one gold item, matched the
  same way by the indirect and mixed quotes; recall is the figure of interest, also on the
  gold whose cue is a speech verb (or ``according to``) alone: PolNeAR also attributes the
  objects of stance and perception verbs ("rejected the plan"), which newsdigest does not
  report as quotes.
- Speakers: among matched direct quotes whose gold source is given, the share whose
  ``speaker_span`` overlaps the gold source span (a null speaker is counted and is not an
  overlap, so leaving a speaker out never raises the share); ``resolved`` also counts a
  speaker whose cast entity has a mention overlapping the gold source (the gold may name a
  resolved person rather than the pronoun beside the quote).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from newsdigest.evaluate._gold import prf
from newsdigest.evaluate._spans import match
from newsdigest.model import Entity, Quote, Span
from newsdigest.quote_marks import find_marked
from newsdigest.quotes.cues import SPEECH_FORMS

# Gold pieces: double marks of every style, and curly single marks (headlines).
_GOLD_MARKED = re.compile(r"(?:``|''|[\"“„«‘])(?P<inner>[^\n]*?)(?:''|[\"”»]|’(?![A-Za-z]))")


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A gold quote: its content, the span of its source when the gold names one, and
    whether its cue is a speech verb (or ``according to``)."""

    span: Span
    speaker: Span | None
    speech: bool = True


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold story and its quotes."""

    id: str
    text: str
    published: str | None
    direct: tuple[GoldQuote, ...]
    indirect: tuple[GoldQuote, ...]


@dataclass(slots=True)
class QuoteCounts:
    """Matches and totals for one system over a set of documents."""

    direct_tp: int = 0
    direct_predicted: int = 0
    direct_gold: int = 0
    speaker_checked: int = 0
    speaker_right: int = 0
    speaker_resolved: int = 0
    speaker_missing: int = 0
    indirect_tp: int = 0
    indirect_predicted: int = 0
    indirect_gold: int = 0
    speech_tp: int = 0
    speech_gold: int = 0
    misses: list[str] = field(default_factory=list)

    def direct_prf(self) -> tuple[float, float, float]:
        """Direct-quote precision, recall and F1, x100."""
        return prf(self.direct_tp, self.direct_predicted, self.direct_gold)

    def indirect_prf(self) -> tuple[float, float, float]:
        """Indirect-attribution precision, recall and F1, x100."""
        return prf(self.indirect_tp, self.indirect_predicted, self.indirect_gold)

    def speech_recall(self) -> float:
        """Indirect recall (x100) on the gold whose cue is a speech verb."""
        return prf(self.speech_tp, self.speech_tp, self.speech_gold)[1]

    def speaker_accuracy(self) -> float:
        """Share (x100) of matched direct quotes whose speaker span overlaps the gold source
        (a quote with no speaker counts as not overlapping)."""
        return 100 * self.speaker_right / self.speaker_checked if self.speaker_checked else 0.0

    def speaker_resolved_accuracy(self) -> float:
        """As :meth:`speaker_accuracy`, also crediting a resolved entity's mention."""
        return 100 * self.speaker_resolved / self.speaker_checked if self.speaker_checked else 0.0


def gold_document(record: dict[str, Any], number: int = 0) -> GoldDocument:
    """The gold quotes of one record: quote-marked pieces, and indirect contents."""
    text: str = record["text"]
    direct: dict[Span, GoldQuote] = {}
    indirect: list[GoldQuote] = []
    for item in record["quotes"]:
        speaker = None
        if item.get("speaker_start") is not None and item.get("speaker_end") is not None:
            speaker = Span(item["speaker_start"], item["speaker_end"])
        segments = item.get("quote_segments") or [[item["quote_start"], item["quote_end"]]]
        spans = [Span(s, e) for s, e in segments]
        # Every content is searched for marks: PolNeAR's has_quote_marks misses the
        # typewriter pairs (''...'') of some newspapers.
        for piece in _marked_pieces(text, spans, bool(item.get("is_direct"))):
            direct.setdefault(piece, GoldQuote(piece, speaker))
        if not item.get("is_direct"):
            content = Span(item["quote_start"], item["quote_end"])
            indirect.append(GoldQuote(content, speaker, _speech_cue(text, item)))
    return GoldDocument(
        id=str(record.get("id", number)),
        text=text,
        published=record.get("dct") or record.get("published"),
        direct=tuple(sorted(direct.values(), key=lambda g: g.span)),
        indirect=tuple(indirect),
    )


def _speech_cue(text: str, item: dict[str, Any]) -> bool:
    """Whether a gold attribution's cue is a speech verb or ``according to``."""
    if item.get("cue_start") is None or item.get("cue_end") is None:
        return False
    words = text[item["cue_start"] : item["cue_end"]].lower().split()
    return bool(words) and (words[0] == "according" or any(w in SPEECH_FORMS for w in words))


def _marked_pieces(text: str, segments: list[Span], direct: bool) -> Iterator[Span]:
    """Quote-marked pieces of an attributed content, one per paragraph at most per pair."""
    for part in _lines(text, _joined(text, segments)):
        region_start = max(0, part.start - 2)
        found = False
        for marked in _GOLD_MARKED.finditer(text, region_start, min(len(text), part.end + 2)):
            inner = Span(marked.start("inner"), marked.end("inner"))
            if inner.overlaps(part) and any(ch.isalnum() for ch in marked.group("inner")):
                found = True
                yield inner
        if not found and direct:
            yield part


def _joined(text: str, segments: list[Span]) -> list[Span]:
    """Segments merged where only white space separates them."""
    merged: list[Span] = []
    for span in sorted(segments):
        if merged and text[merged[-1].end : span.start].strip() == "":
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _lines(text: str, spans: list[Span]) -> Iterator[Span]:
    """Each span cut at line breaks, trimmed of white space and quote marks."""
    strip = " \t\xa0\r\n\"“”‘’'`"
    for span in spans:
        start = span.start
        for piece in text[span.start : span.end].split("\n"):
            end = start + len(piece)
            s, e = start, end
            while s < e and text[s] in strip:
                s += 1
            while e > s and text[e - 1] in strip:
                e -= 1
            if e > s:
                yield Span(s, e)
            start = end + 1


def score_document(
    counts: QuoteCounts, gold: GoldDocument, quotes: Iterable[Quote], cast: tuple[Entity, ...]
) -> None:
    """Add one document's matches to ``counts``."""
    quotes = list(quotes)
    direct = _direct_pieces(gold.text, quotes)
    indirect = [q for q in quotes if not q.direct]
    pairs = match([q.span for q in direct], [g.span for g in gold.direct])
    counts.direct_tp += len(pairs)
    counts.direct_predicted += len(direct)
    counts.direct_gold += len(gold.direct)
    mentions = {e.id: e.mentions for e in cast}
    for i, j in pairs:
        source = gold.direct[j].speaker
        if source is None:
            continue
        counts.speaker_checked += 1
        span = direct[i].speaker_span
        counts.speaker_missing += span is None
        right = span is not None and span.overlaps(source)
        counts.speaker_right += right
        entity = direct[i].speaker
        counts.speaker_resolved += right or any(
            m.overlaps(source) for m in mentions.get(entity or "", ())
        )
        if not right:
            said = gold.text[span.start : span.end] if span else None
            counts.misses.append(
                f"{gold.id}: {gold.text[direct[i].span.start : direct[i].span.end][:50]!r} "
                f"speaker {said!r}, gold {gold.text[source.start : source.end]!r}"
            )
    found = match([q.span for q in indirect], [g.span for g in gold.indirect])
    counts.indirect_tp += len(found)
    counts.indirect_predicted += len(indirect)
    counts.indirect_gold += len(gold.indirect)
    speech = [g.span for g in gold.indirect if g.speech]
    counts.speech_tp += len(match([q.span for q in indirect], speech))
    counts.speech_gold += len(speech)


def _direct_pieces(text: str, quotes: list[Quote]) -> list[Quote]:
    """The direct quotes, and each quote-marked piece of a mixed quote as a direct quote."""
    pieces: list[Quote] = []
    marks = None
    for quote in quotes:
        if quote.direct:
            pieces.append(quote)
        elif quote.kind == "mixed":
            marks = find_marked(text) if marks is None else marks
            for mark in marks:
                if quote.span.contains(mark.inner):
                    words = text[mark.inner.start : mark.inner.end]
                    pieces.append(_as_piece(quote, mark.inner, words))
    return pieces


def _as_piece(quote: Quote, span: Span, words: str) -> Quote:
    """The quote with other content: a piece of it."""
    return Quote(
        text=words,
        span=span,
        direct=True,
        kind="direct",
        speaker=quote.speaker,
        speaker_text=quote.speaker_text,
        speaker_span=quote.speaker_span,
        cue=quote.cue,
        cue_span=quote.cue_span,
    )


def polnear_row(counts: QuoteCounts) -> dict[str, Any]:
    """One system's PolNeAR scores as a JSON-ready dict."""
    p, r, f = counts.direct_prf()
    ip, ir, i_f = counts.indirect_prf()
    return {
        "direct": {"p": p, "r": r, "f1": f, "gold": counts.direct_gold},
        "speaker_overlap": counts.speaker_accuracy(),
        "speaker_resolved": counts.speaker_resolved_accuracy(),
        "speakers_checked": counts.speaker_checked,
        "speakers_missing": counts.speaker_missing,
        "indirect": {"p": ip, "r": ir, "f1": i_f, "gold": counts.indirect_gold},
        "indirect_speech_recall": counts.speech_recall(),
        "indirect_speech_gold": counts.speech_gold,
    }


def polnear_table_lines(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Table lines of PolNeAR rows (each row with ``split``, ``documents`` and ``system``)."""
    lines = [
        f"{'split':<6}{'docs':>5}  {'system':<11}{'direct P':>9}{'R':>6}{'F1':>6}"
        f"{'speaker':>9}{'resolved':>9}{'indirect P':>11}{'R':>6}{'F1':>6}{'speech R':>9}",
    ]
    for row in rows:
        d, i = row["direct"], row["indirect"]
        lines.append(
            f"{row['split']:<6}{row['documents']:>5}  {row['system']:<11}"
            f"{d['p']:>9.1f}{d['r']:>6.1f}{d['f1']:>6.1f}"
            f"{row['speaker_overlap']:>9.1f}{row['speaker_resolved']:>9.1f}"
            f"{i['p']:>11.1f}{i['r']:>6.1f}{i['f1']:>6.1f}{row['indirect_speech_recall']:>9.1f}"
        )
    lines.append(
        "speaker: matched direct quotes whose speaker_span overlaps the gold source (%; a null "
        "speaker counts as a miss); resolved also credits a mention of the resolved speaker; "
        "speech R: indirect recall on the gold whose cue is a speech verb"
    )
    return lines
