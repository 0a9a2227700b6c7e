"""Train the cast's name-type classifier on part of the CoNLL-2003 development set.

Usage: python scripts/train_cast_labeller.py [--data ../shared/data/conll2003_dev.jsonl]
       [--split even]

The documents with an even index train the model; the odd ones are held out for
``newsdigest eval entities --split odd``. A candidate whose words overlap a gold name
with other bounds is left out of training: the model learns what is a name and of
which type, not CoNLL's exact bounds (a cast must not lose "Ministry of Transportation"
because a corpus annotated "the Ministry of Transportation of Ontario"). The model and
its context-word table are written into the package (``src/newsdigest/cast/model/``).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from newsdigest.cast._mention import words_of
from newsdigest.cast.labeller import (
    CATEGORICAL,
    CLASSES,
    MODEL_DIR,
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

REPO = Path(__file__).resolve().parents[1]
PARAMS = {
    "objective": "multiclass",
    "num_class": len(CLASSES),
    "learning_rate": 0.08,
    "num_leaves": 15,
    "min_data_in_leaf": 10,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.9,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "seed": 7,
    "deterministic": True,
    "num_threads": 1,
    "verbose": -1,
}
ROUNDS = 80


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=REPO.parent / "shared/data/conll2003_dev.jsonl"
    )
    parser.add_argument("--split", default="even", choices=["even", "odd", "all"])
    args = parser.parse_args()
    import lightgbm
    import numpy as np

    records = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    records = [r for i, r in enumerate(records) if in_split(i, args.split)]
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
    data = lightgbm.Dataset(
        np.array(rows), label=np.array(targets), categorical_feature=list(CATEGORICAL)
    )
    booster = lightgbm.train(PARAMS, data, num_boost_round=ROUNDS)
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(MODEL_FILE))
    VOCAB_FILE.write_text(json.dumps({"words": vocab.words}, indent=0) + "\n", encoding="utf-8")
    print(f"trained on {len(records)} documents, {len(rows)} candidates -> {MODEL_FILE.name}")


if __name__ == "__main__":
    main()
