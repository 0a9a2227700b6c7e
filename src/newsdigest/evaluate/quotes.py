"""Quote scores against PolNeAR-style attribution gold, next to a quote-mark baseline.

The gold file is JSON lines with ``text`` and ``quotes``: one record per attribution
with ``quote_start``/``quote_end`` (the content; ``quote_segments`` when it is in
pieces), ``speaker_start``/``speaker_end`` (the source as written, may be null),
``is_direct`` and ``has_quote_marks``.

- Direct quotes: each quote-marked piece of an attributed content (direct or indirect:
  a partial quote inside reported speech counts) is one gold quote (a quote running over
  several paragraphs is one piece per paragraph); a direct content with no marks is one
  piece. The marks are looked for in the text, whatever ``has_quote_marks`` says.
  Predicted quotes with ``direct`` true are matched one to one, greatest overlap first,
  where the characters they share are at least 0.3 of the characters either covers
  (intersection over union).
- Indirect attributions: each content without ``is_direct`` is one gold item,
  matched the same way by predicted quotes with ``direct`` false; recall is the
  figure of interest.
- Speakers: among matched direct quotes whose gold source is given, the share
  whose ``speaker_span`` overlaps the gold source span (a null speaker is counted and is
  not an overlap, so leaving a speaker out never raises the share); ``resolved`` also counts a
  speaker whose cast entity has a mention overlapping the gold source (the gold
  may name a resolved person rather than the pronoun beside the quote).

The baseline is what off-the-shelf tools do: pairs of double quote marks (straight
or curly), each attributed to the nearest PERSON entity of spaCy in its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdigest.analysis import Analysis
from newsdigest.errors import InputError
from newsdigest.evaluate._gold import in_split, prf, read_jsonl
from newsdigest.model import Article, Entity, Quote, Span
from newsdigest.settings import Settings

MIN_OVERLAP = 0.3
# Gold pieces: double marks of every style, and curly single marks (headlines).
_GOLD_MARKED = re.compile(r"(?:``|''|[\"“„«‘])(?P<inner>[^\n]*?)(?:''|[\"”»]|’(?![A-Za-z]))")
_BASELINE_MARKED = re.compile(r"\"([^\"\n]+)\"|“([^”\n]+)”")


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A gold quote: its content and the span of its source, when the gold names one."""

    span: Span
    speaker: Span | None


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
    misses: list[str] = field(default_factory=list)

    def direct_prf(self) -> tuple[float, float, float]:
        """Direct-quote precision, recall and F1, x100."""
        return prf(self.direct_tp, self.direct_predicted, self.direct_gold)

    def indirect_prf(self) -> tuple[float, float, float]:
        """Indirect-attribution precision, recall and F1, x100."""
        return prf(self.indirect_tp, self.indirect_predicted, self.indirect_gold)

    def speaker_accuracy(self) -> float:
        """Share (x100) of matched direct quotes whose speaker span overlaps the gold source
        (a quote with no speaker counts as not overlapping)."""
        return 100 * self.speaker_right / self.speaker_checked if self.speaker_checked else 0.0

    def speaker_resolved_accuracy(self) -> float:
        """As :meth:`speaker_accuracy`, also crediting a resolved entity's mention."""
        return 100 * self.speaker_resolved / self.speaker_checked if self.speaker_checked else 0.0


@dataclass(slots=True)
class QuoteReport:
    """Scores of newsdigest and of the baseline on the same documents."""

    documents: int
    split: str
    newsdigest: QuoteCounts
    baseline: QuoteCounts


def overlap(a: Span, b: Span) -> float:
    """Characters shared over characters covered by either span (0 when disjoint)."""
    shared = min(a.end, b.end) - max(a.start, b.start)
    if shared <= 0:
        return 0.0
    return shared / (max(a.end, b.end) - min(a.start, b.start))


def read_gold(path: Path) -> Iterator[GoldDocument]:
    """Gold documents of a JSONL file; a malformed line raises ``InputError`` naming it."""
    for number, record in read_jsonl(path):
        try:
            yield gold_document(record, number)
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a quote gold record ({exc})") from exc


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
            indirect.append(GoldQuote(Span(item["quote_start"], item["quote_end"]), speaker))
    return GoldDocument(
        id=str(record.get("id", number)),
        text=text,
        published=record.get("dct") or record.get("published"),
        direct=tuple(sorted(direct.values(), key=lambda g: g.span)),
        indirect=tuple(indirect),
    )


def _marked_pieces(text: str, segments: list[Span], direct: bool) -> Iterator[Span]:
    """Quote-marked pieces of an attributed content, one per paragraph at most per pair."""
    for part in _lines(text, _joined(text, segments)):
        region_start = max(0, part.start - 2)
        found = False
        for match in _GOLD_MARKED.finditer(text, region_start, min(len(text), part.end + 2)):
            inner = Span(match.start("inner"), match.end("inner"))
            if inner.overlaps(part) and any(ch.isalnum() for ch in match.group("inner")):
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


def match(predicted: list[Span], gold: list[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) at overlap >= 0.3, best first."""
    candidates = sorted(
        (
            (overlap(p, g), i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
            if p.overlaps(g)
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for score, i, j in candidates:
        if score < MIN_OVERLAP or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def score_document(
    counts: QuoteCounts, gold: GoldDocument, quotes: Iterable[Quote], cast: tuple[Entity, ...]
) -> None:
    """Add one document's matches to ``counts``."""
    quotes = list(quotes)
    direct = [q for q in quotes if q.direct]
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


def baseline_quotes(analysis: Analysis) -> list[Quote]:
    """Double-quote-mark pairs, each given the nearest spaCy PERSON in its paragraph."""
    text = analysis.text
    people = [span for span, label in analysis.ner if label == "PERSON"]
    quotes: list[Quote] = []
    for found in _BASELINE_MARKED.finditer(text):
        group = 1 if found.group(1) is not None else 2
        span = Span(found.start(group), found.end(group))
        paragraph = analysis.paragraph_index(span.start)
        nearby = [
            p
            for p in people
            if analysis.paragraph_index(p.start) == paragraph and not p.overlaps(span)
        ]
        nearest = min(
            nearby,
            key=lambda p: min(abs(p.start - span.end), abs(span.start - p.end)),
            default=None,
        )
        quotes.append(
            Quote(
                text=text[span.start : span.end],
                span=span,
                direct=True,
                speaker_text=text[nearest.start : nearest.end] if nearest else None,
                speaker_span=nearest,
            )
        )
    return quotes


def evaluate_quotes(
    documents: Iterable[GoldDocument],
    *,
    splits: Sequence[str] = ("all",),
    settings: Settings | None = None,
) -> list[QuoteReport]:
    """Score newsdigest and the baseline on the gold documents, once per split.

    documents (Iterable[GoldDocument]): the gold stories.
    splits (Sequence[str]): any of ``all``, ``even`` (0-based record index even: the part
        the rules were tuned on) and ``odd`` (held out); each story is parsed once.
    settings (Settings | None): names the spaCy pipeline.
    RETURNS (list[QuoteReport]): one report per split, in the order asked.
    """
    from newsdigest.cast import find_cast
    from newsdigest.quotes import find_quotes

    reports = {name: QuoteReport(0, name, QuoteCounts(), QuoteCounts()) for name in splits}
    for index, gold in enumerate(documents):
        wanted = [name for name in splits if in_split(index, name)]
        if not wanted:
            continue
        analysis = Analysis(Article(text=gold.text, id=gold.id), settings)
        cast = find_cast(analysis)
        ours = find_quotes(analysis, cast)
        base = baseline_quotes(analysis)
        for name in wanted:
            report = reports[name]
            score_document(report.newsdigest, gold, ours, cast)
            score_document(report.baseline, gold, base, ())
            report.documents += 1
    return [reports[name] for name in splits]


def report_rows(reports: Iterable[QuoteReport]) -> list[dict[str, Any]]:
    """The reports as JSON-ready rows, one per split and system."""
    rows: list[dict[str, Any]] = []
    for report in reports:
        for system, counts in (("newsdigest", report.newsdigest), ("baseline", report.baseline)):
            p, r, f = counts.direct_prf()
            ip, ir, i_f = counts.indirect_prf()
            rows.append(
                {
                    "split": report.split,
                    "documents": report.documents,
                    "system": system,
                    "direct": {"p": p, "r": r, "f1": f, "gold": counts.direct_gold},
                    "speaker_overlap": counts.speaker_accuracy(),
                    "speaker_resolved": counts.speaker_resolved_accuracy(),
                    "speakers_checked": counts.speaker_checked,
                    "speakers_missing": counts.speaker_missing,
                    "indirect": {"p": ip, "r": ir, "f1": i_f, "gold": counts.indirect_gold},
                }
            )
    return rows


def render_report(reports: Iterable[QuoteReport], *, source: str) -> str:
    """A plain-text table of the reports."""
    lines = [
        f"quotes: {source} (match at character overlap >= {MIN_OVERLAP})",
        f"{'split':<6}{'docs':>5}  {'system':<11}{'direct P':>9}{'R':>6}{'F1':>6}"
        f"{'speaker':>9}{'resolved':>9}{'indirect P':>11}{'R':>6}{'F1':>6}",
    ]
    for row in report_rows(reports):
        d, i = row["direct"], row["indirect"]
        lines.append(
            f"{row['split']:<6}{row['documents']:>5}  {row['system']:<11}"
            f"{d['p']:>9.1f}{d['r']:>6.1f}{d['f1']:>6.1f}"
            f"{row['speaker_overlap']:>9.1f}{row['speaker_resolved']:>9.1f}"
            f"{i['p']:>11.1f}{i['r']:>6.1f}{i['f1']:>6.1f}"
        )
    lines.append(
        "speaker: matched direct quotes whose speaker_span overlaps the gold source (%; a null "
        "speaker counts as a miss); resolved also credits a mention of the resolved speaker"
    )
    return "\n".join(lines) + "\n"
