"""The shipped highlight model and what it was trained with."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsdigest.errors import ConfigError
from newsdigest.highlights.learned import (
    META_FILE,
    MODEL_DIR,
    RANKER_FILE,
    WORD_LISTS,
    load_model,
    read_gzipped,
    write_gzipped,
)
from newsdigest.lexicon import fingerprint


def _copy_of_shipped(tmp_path: Path) -> Path:
    for name in (RANKER_FILE, META_FILE):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    return tmp_path


def test_shipped_model_records_every_word_list_its_features_read() -> None:
    meta = json.loads(read_gzipped(MODEL_DIR / META_FILE))
    assert meta["word_lists"] == fingerprint(WORD_LISTS)
    assert {"stopwords", "speech_verbs", "connectives", "caption_words"} <= set(WORD_LISTS)
    assert load_model(MODEL_DIR).stats.idf


def test_model_trained_with_another_word_list_is_refused_naming_it(tmp_path: Path) -> None:
    folder = _copy_of_shipped(tmp_path)
    meta = json.loads(read_gzipped(folder / META_FILE))
    meta["word_lists"]["stopwords"] = "0" * 16  # as if the list was edited after training
    write_gzipped(folder / META_FILE, json.dumps(meta))
    with pytest.raises(ConfigError, match="stopwords") as raised:
        load_model(folder)
    assert "speech_verbs" not in str(raised.value)


def test_model_that_records_no_word_lists_is_refused(tmp_path: Path) -> None:
    folder = _copy_of_shipped(tmp_path)
    meta = json.loads(read_gzipped(folder / META_FILE))
    del meta["word_lists"]
    write_gzipped(folder / META_FILE, json.dumps(meta))
    with pytest.raises(ConfigError, match="word lists"):
        load_model(folder)


def test_editing_a_list_after_training_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsdigest.highlights.learned as learned
    from newsdigest import lexicon

    def edited(names: list[str] | tuple[str, ...]) -> dict[str, str]:
        prints = lexicon.fingerprint(names)
        prints["connectives"] = lexicon.fingerprint(["stopwords"])["stopwords"]
        return prints

    monkeypatch.setattr(learned, "fingerprint", edited)
    with pytest.raises(ConfigError, match="connectives"):
        load_model(_copy_of_shipped(tmp_path))


def test_a_headline_is_read_only_where_training_found_it_helps() -> None:
    from dataclasses import replace

    from newsdigest.highlights.normalize import words

    model = load_model(MODEL_DIR)
    sentences = [
        words("The council voted on Tuesday to close the old bridge to all traffic."),
        words("Shop owners on the east bank said they feared losing customers."),
        words("A public meeting on the closure will be held next week."),
    ]
    title = words("Shop owners fear bridge closure")
    without = model.score(sentences, None)
    ignoring = replace(model, selection=replace(model.selection, use_title=False))
    assert list(ignoring.score(sentences, title)) == list(without)
    if model.selection.use_title and model.title_booster is not None:
        assert list(model.score(sentences, title)) != list(without)
