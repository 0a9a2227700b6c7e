"""Story clusters scored against real-world events: B-cubed F1 over documents.

The gold file is JSON lines with ``id``, ``topic``, ``subtopic`` (the event) and ``text``
(ECB+: each topic pairs two alike events). The stories are linked one by one into an
in-memory index, in file order, without publication dates (the records carry none).

The event comparison is a logistic model (:data:`newsdigest.corpus.cluster.FEATURES`),
fitted on (story, cluster) pairs met while the gold clusters are built story by story;
the join threshold is then chosen on the same stories. :func:`cross_validate` does both
on all topics but a held-out group and scores the held-out group, group by group, so the
figure it reports is one for topics the weights never saw.

The baseline: TF-IDF (sublinear, English stop words) and average-link agglomerative
clustering on cosine distance, cut at 0.85.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from newsdigest.corpus import cluster
from newsdigest.corpus.index import MemoryIndex, NewStory, StoryLinks, StoryRow
from newsdigest.corpus.links import LinkSettings, link_story
from newsdigest.errors import InputError
from newsdigest.evaluate._gold import read_jsonl
from newsdigest.model import Article, Digest
from newsdigest.settings import Settings

BASELINE_CUT = 0.85
FOLDS = 4
SHIFTS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5)
L2 = 1.0


@dataclass(frozen=True, slots=True)
class Scores:
    """B-cubed precision, recall and F1 (x100) over a set of documents."""

    precision: float
    recall: float
    f1: float
    documents: int
    clusters: int


@dataclass(frozen=True, slots=True)
class ClusterReport:
    """The baseline, the shipped weights (in-sample) and the held-out folds."""

    baseline: Scores
    shipped: Scores
    held_out: Scores | None
    folds: tuple[tuple[tuple[int, ...], Scores], ...]
    fitted: tuple[float, ...] | None


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The records of an ECB+-style gold file; one without ``id``/``subtopic``/``text`` fails."""
    records = []
    for number, record in read_jsonl(path):
        if not all(isinstance(record.get(k), str) for k in ("id", "subtopic", "text")):
            raise InputError(f"{path}:{number}: a record needs id, subtopic and text strings")
        record.setdefault("topic", record["subtopic"].rstrip("abcdefghijklmnopqrstuvwxyz"))
        records.append(record)
    return records


def digest_records(records: Sequence[dict[str, Any]], settings: Settings) -> dict[str, Digest]:
    """Each record's digest (cast, quotes and dates), by id."""
    from newsdigest.pipeline import Pipeline

    pipeline = Pipeline(settings)
    articles = [Article(text=r["text"], id=r["id"]) for r in records]
    only = ("entities", "quotes", "dates")
    return {r["id"]: d for r, d in zip(records, pipeline.pipe(articles, only=only), strict=True)}


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """B-cubed precision, recall and F1 of a clustering of the gold's documents."""
    members: dict[str, set[str]] = defaultdict(set)
    events: dict[str, set[str]] = defaultdict(set)
    for doc in gold:
        members[predicted[doc]].add(doc)
        events[gold[doc]].add(doc)
    p = r = 0.0
    for doc in gold:
        shared = len(members[predicted[doc]] & events[gold[doc]])
        p += shared / len(members[predicted[doc]])
        r += shared / len(events[gold[doc]])
    n = len(gold) or 1
    p, r = p / n, r / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    clusters = len({predicted[d] for d in gold})
    return Scores(100 * p, 100 * r, 100 * f, len(gold), clusters)


def link_records(
    records: Sequence[dict[str, Any]], digests: Mapping[str, Digest], settings: LinkSettings
) -> dict[str, StoryLinks]:
    """Link the records one by one, in order, into a new in-memory index."""
    index = MemoryIndex()
    out = {}
    for r in records:
        story = NewStory(
            story_id=r["id"], outlet=None, published=None, text=r["text"], digest=digests[r["id"]]
        )
        out[r["id"]] = link_story(index, story, settings)
    return out


def cluster_scores(
    records: Sequence[dict[str, Any]], digests: Mapping[str, Digest], settings: LinkSettings
) -> Scores:
    """B-cubed of newsdigest's clusters of the records."""
    links = link_records(records, digests, settings)
    return bcubed({i: x.cluster_id for i, x in links.items()}, _gold(records))


def _gold(records: Iterable[dict[str, Any]]) -> dict[str, str]:
    return {r["id"]: r["subtopic"] for r in records}


def pair_examples(
    records: Sequence[dict[str, Any]],
    digests: Mapping[str, Digest],
    settings: cluster.ClusterSettings,
) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every (story, candidate cluster) pair, gold clusters built as we go.

    RETURNS (tuple): an (n, len(FEATURES)) array, and 1.0 where the cluster is the story's event.
    """
    index = MemoryIndex()
    rows: list[list[float]] = []
    labels: list[float] = []
    for seq, r in enumerate(records, start=1):
        event = r["subtopic"]
        story = cluster.event_features(r["text"], digests[r["id"]], None)
        df = index.document_frequencies(story.terms)
        vector = cluster.tfidf(story.terms, df, index.story_count() + 1)
        keys = cluster.event_keys(story, vector, settings.key_terms)
        found = index.lookup("event", keys)
        ranked = sorted(found, key=lambda c: (-len(found[c]), c))[: settings.candidates]
        for cid, row in sorted(index.clusters(ranked).items()):
            profile = cluster.Profile.from_json(row.profile)
            rows.append(cluster.pair_features(story, vector, profile, settings.window_days))
            labels.append(float(cid == event))
        old = index.clusters([event]).get(event)
        joined = cluster.joined(old, r["id"], story, vector, event)
        index.apply(
            StoryLinks(
                story_id=r["id"],
                cluster_id=event,
                duplicate_of=None,
                entity_ids={},
                story=StoryRow(r["id"], event, None, None, None, b"", seq),
                clusters=(joined,),
                postings=tuple(cluster.postings(joined, story, vector, settings.key_terms)),
                terms=tuple(story.terms),
            )
        )
    width = len(cluster.FEATURES)
    return np.array(rows, dtype=float).reshape(-1, width), np.array(labels, dtype=float)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (the bias, column 0, is free)."""
    w = np.zeros(x.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(x.shape[1] - 1)])
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty @ w
        hess = (x.T * (p * (1 - p))) @ x + penalty + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w


def fit_weights(
    records: Sequence[dict[str, Any]], digests: Mapping[str, Digest]
) -> tuple[float, ...]:
    """Weights fitted on these records: the logistic model, then the best join threshold."""
    base = cluster.ClusterSettings()
    x, y = pair_examples(records, digests, base)
    w = fit_logistic(x, y)
    best: tuple[float, tuple[float, ...]] | None = None
    for shift in SHIFTS:
        weights = tuple(round(float(v), 3) for v in w + np.r_[shift, np.zeros(len(w) - 1)])
        settings = LinkSettings(cluster=replace(base, weights=weights))
        f1 = cluster_scores(records, digests, settings).f1
        if best is None or f1 > best[0] + 1e-9:
            best = (f1, weights)
    assert best is not None
    return best[1]


def topic_folds(records: Sequence[dict[str, Any]], folds: int = FOLDS) -> list[tuple[Any, ...]]:
    """Groups of topics: every ``folds``-th topic, in sorted order."""
    topics = sorted(
        {r["topic"] for r in records},
        key=lambda t: (str(t).isdigit(), int(t) if str(t).isdigit() else 0, str(t)),
    )
    return [tuple(topics[i::folds]) for i in range(min(folds, len(topics)))]


def cross_validate(
    records: Sequence[dict[str, Any]], digests: Mapping[str, Digest], folds: int = FOLDS
) -> tuple[Scores, list[tuple[tuple[Any, ...], Scores]], dict[str, StoryLinks]]:
    """Leave-topics-out: fit on the other topics, link and score the held-out ones.

    RETURNS (tuple): the pooled held-out scores, each fold's, and every held-out link.
    """
    held: dict[str, StoryLinks] = {}
    per_fold = []
    for group in topic_folds(records, folds):
        train = [r for r in records if r["topic"] not in group]
        test = [r for r in records if r["topic"] in group]
        weights = fit_weights(train, digests)
        settings = LinkSettings(cluster=cluster.ClusterSettings(weights=weights))
        links = link_records(test, digests, settings)
        held.update(links)
        per_fold.append((group, bcubed({i: x.cluster_id for i, x in links.items()}, _gold(test))))
    pooled = bcubed({i: x.cluster_id for i, x in held.items()}, _gold(records))
    return pooled, per_fold, held


def baseline_clusters(
    records: Sequence[dict[str, Any]], cut: float = BASELINE_CUT
) -> dict[str, str]:
    """TF-IDF (sublinear, stop words out) + average-link clustering on cosine distance."""
    from newsdigest.extras import require

    hierarchy = require("scipy.cluster.hierarchy", purpose="the clusters' baseline")

    counts = [cluster.content_words(r["text"]) for r in records]
    df: Counter[str] = Counter(t for c in counts for t in c)
    n = len(records)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    matrix = np.zeros((n, len(vocab)))
    for row, c in enumerate(counts):
        for t, k in c.items():
            matrix[row, vocab[t]] = (1 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True).clip(min=1e-12)
    if n < 2:
        return {r["id"]: "0" for r in records}
    distance = np.clip(1 - matrix @ matrix.T, 0, None)
    condensed = distance[np.triu_indices(n, 1)]
    tree = hierarchy.linkage(condensed, method="average")
    labels = hierarchy.fcluster(tree, t=cut, criterion="distance")
    return {r["id"]: str(label) for r, label in zip(records, labels, strict=True)}


def evaluate_clusters(
    records: Sequence[dict[str, Any]], digests: Mapping[str, Digest], *, cv: bool = True
) -> ClusterReport:
    """The baseline, the shipped weights and (``cv``) the held-out topic folds."""
    gold = _gold(records)
    baseline = bcubed(baseline_clusters(records), gold)
    shipped = cluster_scores(records, digests, LinkSettings())
    if not cv:
        return ClusterReport(baseline, shipped, None, (), None)
    pooled, folds, _ = cross_validate(records, digests)
    fitted = fit_weights(records, digests)
    return ClusterReport(baseline, shipped, pooled, tuple(folds), fitted)


def report_rows(report: ClusterReport) -> list[dict[str, Any]]:
    """JSON rows: one per system and fold."""
    rows = [_row("tfidf-average-link", "all", report.baseline)]
    rows.append(_row("newsdigest", "all (in-sample)", report.shipped))
    for group, scores in report.folds:
        rows.append(_row("newsdigest", "held-out topics " + ",".join(map(str, group)), scores))
    if report.held_out:
        rows.append(_row("newsdigest", "held-out folds pooled", report.held_out))
    return rows


def _row(system: str, docs: str, s: Scores) -> dict[str, Any]:
    return {
        "system": system,
        "documents": docs,
        "n": s.documents,
        "clusters": s.clusters,
        "precision": round(s.precision, 1),
        "recall": round(s.recall, 1),
        "f1": round(s.f1, 1),
    }


def render_report(report: ClusterReport, *, source: str) -> str:
    """A table of B-cubed scores, the baseline first."""
    lines = [f"Story clusters, B-cubed over documents against the event ({source})", ""]
    lines.append(
        f"{'system':<20} {'documents':<34} {'n':>4} {'clus':>5} {'P':>6} {'R':>6} {'F1':>6}"
    )
    for row in report_rows(report):
        lines.append(
            f"{row['system']:<20} {row['documents']:<34} {row['n']:>4} {row['clusters']:>5} "
            f"{row['precision']:>6.1f} {row['recall']:>6.1f} {row['f1']:>6.1f}"
        )
    if report.fitted:
        named = ", ".join(
            f"{n}={w:g}" for n, w in zip(cluster.FEATURES, report.fitted, strict=True)
        )
        lines += ["", f"weights fitted on all these topics: {named}"]
    return "\n".join(lines)
