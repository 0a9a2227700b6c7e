"""Quote scores in the Gender Gap Tracker's terms: quotes, speakers and the sources' gender.

The gold file is JSON lines with ``text``, ``quotes`` (each: ``quote_start``/``quote_end``,
``speaker_reference`` = the name a reader would give the speaker, ``is_direct``) and the
names of the quoted people by gender, ``sources_female`` and ``sources_male``.

- Quotes: every quote, direct, indirect or mixed, is one item. Both sides are trimmed of
  white space, quote marks and commas at either end (the gold includes the marks, newsdigest
  gives the words between them). Predicted quotes are matched one to one, greatest overlap
  first, where the characters they share are at least 0.3 (and, in a second count, 0.8) of
  the characters either covers.
- Speaker accuracy: among quotes matched at 0.3, the share whose speaker name is compatible
  with ``speaker_reference``: the words of one (lower case, without "the", "a", honorifics
  and possessives) are all among the words of the other. The name is the speaker entity's
  name, else the speaker words as written; a quote without a speaker is a miss.
- Source gender: the people who speak in a story (cast members of type PERSON that are the
  speaker of at least one quote) with the gender newsdigest gives them, matched one to one by
  compatible name against ``sources_female`` and ``sources_male``: precision, recall and F1
  per gender. Baselines give no gender and get none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdigest.evaluate._gold import prf
from newsdigest.evaluate._spans import match
from newsdigest.model import Entity, Quote, Span

THRESHOLDS = (0.3, 0.8)
GENDERS = ("female", "male")
_TRIM = " \t\r\n\xa0\"“”„«»‘’'`,"
_NOT_NAME = frozenset("the a an mr mrs ms miss dr sir".split())
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class GgtQuote:
    """A gold quote: its trimmed content, the speaker's name as a reader gives it, directness."""

    span: Span
    reference: str | None
    direct: bool


@dataclass(frozen=True, slots=True)
class GgtDocument:
    """One GGT gold story: its quotes and the names of its quoted people by gender."""

    id: str
    text: str
    published: str | None
    quotes: tuple[GgtQuote, ...]
    sources: dict[str, tuple[str, ...]]


def is_ggt(record: dict[str, Any]) -> bool:
    """Whether a gold record is in the GGT form (speaker references, sources by gender)."""
    quotes = record.get("quotes") or []
    return "sources_female" in record or any("speaker_reference" in q for q in quotes)


def ggt_document(record: dict[str, Any], number: int = 0) -> GgtDocument:
    """The gold quotes and sources of one GGT record."""
    text: str = record["text"]
    quotes = []
    for item in record["quotes"]:
        span = trimmed(text, Span(item["quote_start"], item["quote_end"]))
        if len(span):
            quotes.append(GgtQuote(span, item.get("speaker_reference"), bool(item["is_direct"])))
    return GgtDocument(
        id=str(record.get("id", number)),
        text=text,
        published=record.get("objectid_time_utc") or record.get("published"),
        quotes=tuple(sorted(quotes, key=lambda q: q.span)),
        sources={g: tuple(record.get(f"sources_{g}") or ()) for g in GENDERS},
    )


def trimmed(text: str, span: Span) -> Span:
    """``span`` without white space, quote marks and commas at either end."""
    start, end = span.start, span.end
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return Span(start, end)


def name_words(name: str) -> frozenset[str]:
    """The words of a name that identify it: lower case, no articles, honorifics, possessives."""
    words = (w for w in _WORD.findall(name.lower().replace("’", "'")))
    return frozenset(w.removesuffix("'s") for w in words if w not in _NOT_NAME)


def compatible(name: str | None, reference: str | None) -> bool:
    """Whether a predicted speaker name and a gold one can name the same speaker."""
    if not name or not reference:
        return False
    ours, theirs = name_words(name), name_words(reference)
    return bool(ours) and bool(theirs) and (ours <= theirs or theirs <= ours)


@dataclass(slots=True)
class GgtCounts:
    """Matches and totals of one system over a set of GGT documents."""

    matched: dict[float, int] = field(default_factory=lambda: dict.fromkeys(THRESHOLDS, 0))
    predicted: int = 0
    gold: int = 0
    speaker_checked: int = 0
    speaker_right: int = 0
    gender_tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))
    gender_predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))
    gender_gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))
    gives_gender: bool = True
    misses: list[str] = field(default_factory=list)

    def quote_prf(self, threshold: float) -> tuple[float, float, float]:
        """Quote precision, recall and F1 (x100) at an overlap threshold."""
        return prf(self.matched[threshold], self.predicted, self.gold)

    def speaker_accuracy(self) -> float:
        """Share (x100) of quotes matched at 0.3 whose speaker name fits the reference."""
        return 100 * self.speaker_right / self.speaker_checked if self.speaker_checked else 0.0

    def gender_prf(self, gender: str) -> tuple[float, float, float]:
        """Source-gender precision, recall and F1 (x100) for ``female`` or ``male``."""
        return prf(self.gender_tp[gender], self.gender_predicted[gender], self.gender_gold[gender])


def speaker_name(quote: Quote, entities: dict[str, Entity]) -> str | None:
    """The name a quote gives its speaker: the entity's name, else the words as written."""
    entity = entities.get(quote.speaker or "")
    return entity.name if entity is not None else quote.speaker_text


def quoted_people(quotes: Iterable[Quote], cast: Sequence[Entity]) -> dict[str, list[str]]:
    """Names of the people who speak, by the gender the cast gives them."""
    speakers = {q.speaker for q in quotes if q.speaker}
    people: dict[str, list[str]] = {g: [] for g in GENDERS}
    for entity in cast:
        if entity.id in speakers and entity.type == "PERSON" and entity.gender in people:
            people[entity.gender].append(entity.name)
    return people


def score_ggt(
    counts: GgtCounts,
    gold: GgtDocument,
    quotes: Sequence[Quote],
    cast: Sequence[Entity],
    *,
    gives_gender: bool = True,
) -> None:
    """Add one document's matches to ``counts``."""
    text = gold.text
    spans = [trimmed(text, q.span) for q in quotes]
    entities = {e.id: e for e in cast}
    counts.predicted += len(quotes)
    counts.gold += len(gold.quotes)
    gold_spans = [g.span for g in gold.quotes]
    for threshold in THRESHOLDS:
        counts.matched[threshold] += len(match(spans, gold_spans, threshold))
    for i, j in match(spans, gold_spans):
        counts.speaker_checked += 1
        name = speaker_name(quotes[i], entities)
        reference = gold.quotes[j].reference
        if compatible(name, reference):
            counts.speaker_right += 1
        else:
            counts.misses.append(
                f"{gold.id}: {text[spans[i].start : spans[i].end][:50]!r} "
                f"speaker {name!r}, gold {reference!r}"
            )
    counts.gives_gender = gives_gender
    if not gives_gender:
        return
    ours = quoted_people(quotes, cast)
    for gender in GENDERS:
        counts.gender_gold[gender] += len(gold.sources[gender])
        counts.gender_predicted[gender] += len(ours[gender])
        counts.gender_tp[gender] += _name_matches(ours[gender], gold.sources[gender])


def _name_matches(ours: Sequence[str], theirs: Sequence[str]) -> int:
    """Pairs of compatible names, each name used once (the same words first)."""
    used_ours: set[int] = set()
    used_theirs: set[int] = set()
    for exact in (True, False):
        for i, name in enumerate(ours):
            for j, reference in enumerate(theirs):
                if i in used_ours or j in used_theirs:
                    continue
                if name_words(name) == name_words(reference) or (
                    not exact and compatible(name, reference)
                ):
                    used_ours.add(i)
                    used_theirs.add(j)
    return len(used_ours)


def ggt_row(counts: GgtCounts) -> dict[str, Any]:
    """One system's GGT scores as a JSON-ready dict."""
    row: dict[str, Any] = {}
    for threshold in THRESHOLDS:
        p, r, f = counts.quote_prf(threshold)
        row[f"quotes@{threshold}"] = {"p": p, "r": r, "f1": f}
    row["quotes_gold"] = counts.gold
    row["quotes_predicted"] = counts.predicted
    row["speaker_accuracy"] = counts.speaker_accuracy()
    row["speakers_checked"] = counts.speaker_checked
    for gender in GENDERS:
        if counts.gives_gender:
            p, r, f = counts.gender_prf(gender)
            row[f"gender_{gender}"] = {"p": p, "r": r, "f1": f, "gold": counts.gender_gold[gender]}
        else:
            row[f"gender_{gender}"] = None
    return row


def ggt_table_lines(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Table lines of GGT rows (each row with ``split``, ``documents`` and ``system``)."""
    lines = [
        f"{'split':<6}{'docs':>5}  {'system':<11}{'P@.3':>6}{'R@.3':>6}{'F1@.3':>7}"
        f"{'F1@.8':>7}{'speaker':>9}{'female F1':>11}{'male F1':>9}"
    ]
    for row in rows:
        female, male = row["gender_female"], row["gender_male"]
        lines.append(
            f"{row['split']:<6}{row['documents']:>5}  {row['system']:<11}"
            f"{row['quotes@0.3']['p']:>6.1f}{row['quotes@0.3']['r']:>6.1f}"
            f"{row['quotes@0.3']['f1']:>7.1f}{row['quotes@0.8']['f1']:>7.1f}"
            f"{row['speaker_accuracy']:>9.1f}"
            f"{_cell(female):>11}{_cell(male):>9}"
        )
    lines.append(
        "speaker: quotes matched at 0.3 whose speaker name is compatible with the gold "
        "reference (%); female/male F1: quoted people by the gender given them"
    )
    return lines


def _cell(score: dict[str, float] | None) -> str:
    return "–" if score is None else f"{score['f1']:.1f}"
