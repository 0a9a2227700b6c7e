"""The training stories of the highlights: read, normalised, labelled and parted.

Each record of the CNN/Daily Mail release (``id``, ``split``, ``url``, ``article``,
``highlights``) becomes a :class:`Story`: its sentences as the highlighter sees them
(normalised, captions and boilerplate out), its reference highlights, the headline of
its URL where it has one, and which sentences the greedy ROUGE oracle chooses. Half of
the ``val`` split is held out, by a stable hash of the story id: one quarter tunes the
selection settings, the other is only reported on. A story that opens like one of the
development set is left out altogether.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdigest.highlights.captions import is_story, leading_furniture
from newsdigest.highlights.normalize import split_tokenized, words
from newsdigest.highlights.oracle import greedy_oracle
from newsdigest.highlights.story import MAX_SENTENCES
from newsdigest.highlights.titles import title_from_url

MATCH_CHARS = 200
TUNE_FRACTION = 0.25
HOLDOUT_FRACTION = 0.5


@dataclass(frozen=True, slots=True)
class Story:
    """A training story, normalised and labelled.

    id (str): its identifier in the release.
    split (str): ``train`` or ``val``.
    sentences (list[list[str]]): normalised tokens of each sentence.
    reference (list[list[str]]): normalised tokens of each reference highlight.
    title (list[str] | None): normalised headline words from the URL, if any.
    oracle (frozenset[int]): the sentences the greedy ROUGE oracle chooses.
    opening (str): the key of its first words, to recognise a story met elsewhere.
    """

    id: str
    split: str
    sentences: list[list[str]]
    reference: list[list[str]]
    title: list[str] | None
    oracle: frozenset[int]
    opening: str


def opening_key(text: str) -> str:
    """The first characters of a story's alphanumeric normalised words: a match key."""
    return _opening(words(text))


def _opening(tokens: list[str]) -> str:
    return " ".join(w for w in tokens[: MATCH_CHARS * 2] if w.isalnum())[:MATCH_CHARS]


def is_held_out(story_id: str, split: str, fraction: float) -> bool:
    """Whether a ``val`` story belongs to the held-out part (stable, by a hash of its id)."""
    if split != "val":
        return False
    digest = hashlib.sha1(story_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < fraction


def read_release(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a gzipped JSONL training release."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def normalise_record(record: dict[str, Any]) -> Story:
    """A release record as a normalised, labelled :class:`Story`."""
    tokens = words(record["article"])
    sentences = [s for s in split_tokenized(tokens) if is_story(s)]
    sentences = sentences[leading_furniture(sentences) :][:MAX_SENTENCES]
    reference = [words(line) for line in str(record["highlights"]).splitlines() if line.strip()]
    url = record.get("url")
    headline = title_from_url(url) if url else None
    return Story(
        id=str(record["id"]),
        split=str(record.get("split", "train")),
        sentences=sentences,
        reference=reference,
        title=words(headline) if headline else None,
        oracle=frozenset(greedy_oracle(sentences, [t for line in reference for t in line])),
        opening=_opening(tokens),
    )


def normalise_all(records: Sequence[dict[str, Any]], workers: int) -> list[Story]:
    """:func:`normalise_record` over every record, with ``workers`` processes."""
    if workers > 1:
        from multiprocessing import Pool

        with Pool(workers) as pool:
            return pool.map(normalise_record, records, chunksize=200)
    return [normalise_record(r) for r in records]


def excluded_openings(paths: Sequence[Path]) -> set[str]:
    """Opening keys of the stories in JSONL files (``article`` field) kept out of training."""
    keys: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                keys.add(opening_key(json.loads(line)["article"]))
    return keys


@dataclass(frozen=True)
class Split:
    """The stories of the release, parted.

    train (list[Story]): trained on, ``train`` split (no headline).
    titled (list[Story]): trained on, ``val`` split (with the headline of their URL).
    tune (list[Story]): held out; tune the selection settings.
    test (list[Story]): held out; only reported on.
    excluded (list[str]): ids of stories left out as they open like a development story.
    """

    train: list[Story]
    titled: list[Story]
    tune: list[Story]
    test: list[Story]
    excluded: list[str]


def part_stories(stories: Sequence[Story], keys: set[str]) -> Split:
    """Part stories: half of ``val`` held out (tune and test quarters), the rest trained on.

    keys (set[str]): opening keys of stories that must not be trained on.
    """
    split = Split([], [], [], [], [])
    for story in stories:
        if not story.sentences:
            continue
        if story.opening in keys:
            split.excluded.append(story.id)
        elif is_held_out(story.id, story.split, TUNE_FRACTION):
            split.tune.append(story)
        elif is_held_out(story.id, story.split, HOLDOUT_FRACTION):
            split.test.append(story)
        elif story.split == "val":
            split.titled.append(story)
        else:
            split.train.append(story)
    return split


def write_heldout(data: Sequence[Path], stories: Sequence[Story], path: Path) -> int:
    """Write held-out stories as a gold file ``newsdigest eval highlights`` reads.

    data (Sequence[Path]): the release files the stories were read from.
    stories (Sequence[Story]): the held-out stories.
    path (Path): the JSONL file to write (``id``, ``url``, ``article``, ``reference``).
    RETURNS (int): the number of records written.
    """
    wanted = {s.id for s in stories}
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for source in data:
            for record in read_release(source):
                if str(record["id"]) not in wanted:
                    continue
                line = {
                    "id": record["id"],
                    "url": record.get("url"),
                    "article": record["article"],
                    "reference": record["highlights"],
                }
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                written += 1
    return written
