"""People across stories: pairwise F1 over named gold mentions in different documents.

The gold (ECB+, ``persons``) gives person mentions with a cross-document ``instance``.
Only named mentions count: capitalised, and not a pronoun. A pair of mentions in two
different documents is gold-linked when they share an instance, and linked by newsdigest
when the cast entities holding them (an entity mention overlapping the gold mention) carry
the same ``corpus_id``. Counting pairs by group keeps this linear in the mentions.

The baseline: exact full-name match of spaCy PERSON entities (a mention is held by the
PERSON entity overlapping it; two are linked when the names are equal).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsdigest.corpus.index import StoryLinks
from newsdigest.evaluate._gold import prf
from newsdigest.model import Digest, Span

PRONOUNS = frozenset(
    "i me my mine myself you your yours yourself he him his himself she her hers herself it its "
    "itself we us our ours ourselves they them their theirs themselves who whom whose".split()
)

# (document id, mention start): the key of one gold mention.
MentionKey = tuple[str, int]


@dataclass(frozen=True, slots=True)
class PairScores:
    """Pairwise precision, recall and F1 (x100) and the counts behind them."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int
    mentions: int


def named_mentions(record: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """The named gold mentions of a record: (start, end, instance)."""
    out = []
    for m in record.get("persons", []):
        text = str(m.get("text", ""))
        if text[:1].isupper() and text.lower() not in PRONOUNS:
            out.append((int(m["start"]), int(m["end"]), str(m["instance"])))
    return out


def _cross_pairs(docs: Counter[str]) -> int:
    """Pairs of members of one group that lie in different documents."""
    n = sum(docs.values())
    return (n * n - sum(k * k for k in docs.values())) // 2


def pair_scores(
    gold: Mapping[MentionKey, str], predicted: Mapping[MentionKey, str | None]
) -> PairScores:
    """Pairwise scores of a linking of the gold mentions.

    gold (Mapping): mention -> gold instance.
    predicted (Mapping): mention -> the id linking it (None: held by nothing, linked to none).
    """
    by_gold: dict[str, Counter[str]] = defaultdict(Counter)
    by_pred: dict[str, Counter[str]] = defaultdict(Counter)
    by_both: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for key, instance in gold.items():
        doc = key[0]
        by_gold[instance][doc] += 1
        link = predicted.get(key)
        if link is not None:
            by_pred[link][doc] += 1
            by_both[(instance, link)][doc] += 1
    tp = sum(_cross_pairs(c) for c in by_both.values())
    pp = sum(_cross_pairs(c) for c in by_pred.values())
    gp = sum(_cross_pairs(c) for c in by_gold.values())
    p, r, f = prf(tp, pp, gp)
    return PairScores(p, r, f, tp, pp, gp, len(gold))


def gold_mentions(records: Iterable[Mapping[str, Any]]) -> dict[MentionKey, str]:
    """Every named gold mention of the records, with its instance."""
    return {(r["id"], start): inst for r in records for start, _, inst in named_mentions(r)}


def _holder(spans: Sequence[tuple[Span, str]], start: int, end: int) -> str | None:
    gold = Span(start, end)
    exact = [key for span, key in spans if span == gold]
    if exact:
        return exact[0]
    return next((key for span, key in spans if span.overlaps(gold)), None)


def newsdigest_links(
    records: Iterable[Mapping[str, Any]],
    digests: Mapping[str, Digest],
    links: Mapping[str, StoryLinks],
) -> dict[MentionKey, str | None]:
    """Each named gold mention's corpus id: that of the cast entity holding it."""
    out: dict[MentionKey, str | None] = {}
    for r in records:
        ids = links[r["id"]].entity_ids
        spans = [
            (m, ids[e.id]) for e in digests[r["id"]].entities if e.id in ids for m in e.mentions
        ]
        for start, end, _ in named_mentions(r):
            out[(r["id"], start)] = _holder(spans, start, end)
    return out


def baseline_links(
    records: Iterable[Mapping[str, Any]], person_spans: Mapping[str, Sequence[tuple[Span, str]]]
) -> dict[MentionKey, str | None]:
    """Exact full-name match: the lower-cased name of the spaCy PERSON entity holding it.

    person_spans (Mapping): document id -> (span, name) of its spaCy PERSON entities.
    """
    out: dict[MentionKey, str | None] = {}
    for r in records:
        spans = [(s, n.lower()) for s, n in person_spans[r["id"]]]
        for start, end, _ in named_mentions(r):
            out[(r["id"], start)] = _holder(spans, start, end)
    return out


def spacy_people(
    records: Iterable[Mapping[str, Any]], nlp: Any
) -> dict[str, list[tuple[Span, str]]]:
    """The PERSON entities spaCy finds in each record's text, by id."""
    records = list(records)
    docs = nlp.pipe([r["text"] for r in records])
    return {
        r["id"]: [
            (Span(e.start_char, e.end_char), e.text) for e in doc.ents if e.label_ == "PERSON"
        ]
        for r, doc in zip(records, docs, strict=True)
    }


def rows(label: str, docs: str, s: PairScores) -> dict[str, Any]:
    """One JSON row of the report."""
    return {
        "system": label,
        "documents": docs,
        "mentions": s.mentions,
        "precision": round(s.precision, 1),
        "recall": round(s.recall, 1),
        "f1": round(s.f1, 1),
        "gold_pairs": s.gold_pairs,
    }


def render(table: Sequence[dict[str, Any]], *, source: str) -> str:
    """A table of pairwise scores, the baseline first."""
    lines = [f"People across stories, pairwise F1 over named mentions ({source})", ""]
    lines.append(f"{'system':<22} {'documents':<34} {'mentions':>8} {'P':>6} {'R':>6} {'F1':>6}")
    for row in table:
        lines.append(
            f"{row['system']:<22} {row['documents']:<34} {row['mentions']:>8} "
            f"{row['precision']:>6.1f} {row['recall']:>6.1f} {row['f1']:>6.1f}"
        )
    return "\n".join(lines)


def evaluate_people(
    records: Sequence[dict[str, Any]],
    digests: Mapping[str, Digest],
    nlp: Any,
    *,
    cv: bool = True,
) -> list[dict[str, Any]]:
    """The baseline, newsdigest on all records, and on each held-out topic fold.

    On a held-out fold, the stories are clustered with weights fitted on the other topics
    (:func:`newsdigest.evaluate.clusters.cross_validate`), then their people linked.
    RETURNS (list[dict]): the report's rows.
    """
    from newsdigest.corpus.links import LinkSettings
    from newsdigest.evaluate.clusters import cross_validate, link_records, topic_folds

    gold = gold_mentions(records)
    table = [
        rows(
            "exact-name-spacy",
            "all",
            pair_scores(gold, baseline_links(records, spacy_people(records, nlp))),
        )
    ]
    links = link_records(records, digests, LinkSettings())
    table.append(
        rows("newsdigest", "all", pair_scores(gold, newsdigest_links(records, digests, links)))
    )
    if not cv:
        return table
    _, _, held = cross_validate(records, digests)
    for group in topic_folds(records):
        fold = [r for r in records if r["topic"] in group]
        scores = pair_scores(gold_mentions(fold), newsdigest_links(fold, digests, held))
        table.append(rows("newsdigest", "held-out topics " + ",".join(map(str, group)), scores))
    pooled = pair_scores(gold, newsdigest_links(records, digests, held))
    table.append(rows("newsdigest", "held-out folds pooled", pooled))
    return table
