"""Training the cast's name-type classifier on part of the CoNLL-2003 development set.

The recipe, reproducible with ``newsdigest train cast``: the documents with an even
index train the model; the odd ones are held out for ``newsdigest eval entities --split
odd``. A candidate whose words overlap a gold name with other bounds is left out of
training: the model learns what is a name and of which type, not CoNLL's exact bounds (a
cast must not lose "Ministry of Transportation" because a corpus annotated "the Ministry
of Transportation of Ontario"). The model and its context-word table are written into
``out`` (``src/newsdigest/cast/model`` to ship them).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsdigest.train import DEFAULT_SEED, Steps

PARAMS: dict[str, Any] = {
    "objective": "multiclass",
    "learning_rate": 0.08,
    "num_leaves": 15,
    "min_data_in_leaf": 10,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.9,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "deterministic": True,
    "num_threads": 1,
    "verbose": -1,
}
ROUNDS = 80


def train_cast(
    data: Path, out: Path, *, split: str = "even", seed: int = DEFAULT_SEED
) -> dict[str, Any]:
    """Train the name-type classifier and save it; return a report of what was done.

    data (Path): CoNLL-style JSONL (``text``, ``entities`` with ``start``/``end``/``label``).
    out (Path): directory to write ``labeller.lgb`` and ``labeller.json`` to.
    split (str): the documents trained on: ``even``, ``odd`` or ``all``.
    seed (int): LightGBM's seed (bagging and feature sampling).
    RETURNS (dict): documents and candidates trained on, files written, seconds.
    """
    import lightgbm
    import numpy as np

    from newsdigest.cast._mention import words_of
    from newsdigest.cast.labeller import (
        CATEGORICAL,
        CLASSES,
        MODEL_FILE,
        VOCAB_FILE,
        Vocab,
        candidates,
        context_words,
        doc_facts,
        features,
    )
    from newsdigest.cast.names import found_mentions
    from newsdigest.evaluate._gold import in_split
    from newsdigest.evaluate.entities import GOLD_TO_CLASS
    from newsdigest.nlp import load_pipeline
    from newsdigest.settings import DEFAULT_SPACY_PIPELINE

    steps = Steps()
    records = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
    records = [r for i, r in enumerate(records) if in_split(i, split)]
    nlp = load_pipeline(DEFAULT_SPACY_PIPELINE)
    examples = []
    counts: Counter[str] = Counter()
    for record, parsed in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        doc = words_of(parsed)
        gold = {(e["start"], e["end"]): GOLD_TO_CLASS[e["label"]] for e in record["entities"]}
        cands = candidates(doc, found_mentions(doc))
        for m in cands:
            prev, nxt, head = context_words(doc, m)
            counts.update((prev, nxt, head, doc[m.end - 1].lower_[-3:]))
        examples.append((doc, cands, gold))
    steps.done(f"{len(records)} documents parsed")
    vocab = Vocab.build(counts)
    rows: list[list[float]] = []
    targets: list[int] = []
    for doc, cands, gold in examples:
        for m, row in zip(cands, features(doc, cands, vocab, doc_facts(doc, cands)), strict=True):
            span = m.span(doc)
            label = gold.get((span.start, span.end))
            if label is None and any(s < span.end and span.start < e for s, e in gold):
                continue  # a name with other bounds: no lesson on whether it is a name
            rows.append(row)
            targets.append(CLASSES.index(label or "NONE"))
    dataset = lightgbm.Dataset(
        np.array(rows), label=np.array(targets), categorical_feature=list(CATEGORICAL)
    )
    params = dict(PARAMS, num_class=len(CLASSES), seed=seed)
    booster = lightgbm.train(params, dataset, num_boost_round=ROUNDS)
    steps.done(f"model fitted on {len(rows)} candidates")
    out.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(out / MODEL_FILE.name))
    (out / VOCAB_FILE.name).write_text(
        json.dumps({"words": vocab.words}, indent=0) + "\n", encoding="utf-8"
    )
    steps.done(f"model saved to {out}")
    return {
        "documents": len(records),
        "split": split,
        "candidates": len(rows),
        "files": [MODEL_FILE.name, VOCAB_FILE.name],
        "seconds": round(steps.seconds()),
    }
