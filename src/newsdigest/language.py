"""The language of a story, and the refusal of stories that are clearly not in English.

Detection is py3langid's naive Bayes model (shipped in its wheel), with probabilities
normalised over its 140 languages. A story is refused only when the evidence is plain:
enough letters, a confident verdict for another language, and no substantial part of the
story in the expected language. Short texts and mixed texts are never refused on a guess.

The thresholds come from measurement (``docs/cli.md`` gives the figures): no English
development article, and no piece of 70 letters or more cut from one, is detected as
another language with a confidence of 0.9; paragraphs of 100 letters or more in French,
Spanish and German are detected with at least 0.93, and whole paragraphs with 0.97.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from newsdigest.errors import InputError

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# Fewer letters than this and the story is never refused: the verdict would be a guess.
MIN_LETTERS = 100
# A verdict for another language below this confidence is never acted upon.
MIN_CONFIDENCE = 0.95
# A story with at least this share of its letters in the expected language is mixed.
MIXED_SHARE = 0.2
# Lines are judged one by one for the share, long ones in blocks of this many letters.
BLOCK_LETTERS = 100
# Only the beginning of a very long story is read (detection costs ~3 ms per 1,000 chars).
SAMPLE_CHARS = 20_000

UNDETERMINED = "und"

NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian",
    "bg": "Bulgarian", "bn": "Bengali", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh",
    "ko": "Korean", "la": "Latin", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ms": "Malay", "mt": "Maltese", "nl": "Dutch", "no": "Norwegian", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_WORD = re.compile(r"[^\W\d_]+")
# English words that other languages written in Latin letters practically never use, so a
# text dense with them is English without asking the model (which costs ~10 ms a story).
# Words that are also common French, Spanish, German, Dutch or Italian ("on", "in", "an",
# "he", "was", "will", "die") are left out.
ENGLISH_MARKERS = frozenset(
    """the of and to that for with by from his her she said are were has have had would
    been this their they not but who which it is be""".split()
)
# Among the first PLAIN_WORDS words, at least this share of markers reads as plain English.
PLAIN_WORDS = 150
PLAIN_SHARE = 0.12


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # loaded on first use, once per process: ~80 MB and a few seconds
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_name(code: str) -> str:
    """The English name of a language code, or the code itself when it has none here.

    code (str): an ISO 639 code such as ``fr``.
    RETURNS (str): e.g. ``French``.
    """
    return NAMES.get(code, code)


def letter_count(text: str) -> int:
    """The number of letters in ``text`` (digits, spaces and punctuation left out)."""
    return sum(char.isalpha() for char in text)


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language of a text, with its probability.

    text (str): any text; only its first ``SAMPLE_CHARS`` characters are read.
    RETURNS (tuple[str, float]): the ISO 639 code and a probability in [0, 1];
        ``("und", 0.0)`` when the text has no letters.
    """
    sample = text[:SAMPLE_CHARS]
    if not letter_count(sample):
        return UNDETERMINED, 0.0
    code, confidence = _identifier().classify(sample)
    return str(code), float(confidence)


def language_share(text: str, code: str) -> float:
    """The share of a text's letters in blocks detected as language ``code``.

    text (str): any text; only its first ``SAMPLE_CHARS`` characters are read.
    code (str): the language to measure.
    RETURNS (float): a share in [0, 1]; 0.0 for a text without letters.
    """
    blocks = _blocks(text[:SAMPLE_CHARS])
    total = sum(letters for _, letters in blocks)
    if not total:
        return 0.0
    identifier = _identifier()
    found = sum(letters for block, letters in blocks if identifier.classify(block)[0] == code)
    return found / total


def _blocks(text: str) -> list[tuple[str, int]]:
    """Each line, its sentences gathered into blocks of at least ``BLOCK_LETTERS`` letters."""
    blocks: list[tuple[str, int]] = []
    for line in text.splitlines():
        first = len(blocks)
        pieces: list[str] = []
        letters = 0
        for piece in _SENTENCE_END.split(line):
            pieces.append(piece)
            letters += letter_count(piece)
            if letters >= BLOCK_LETTERS:
                blocks.append((" ".join(pieces), letters))
                pieces, letters = [], 0
        if letters and len(blocks) > first:  # a short tail joins its line's last block
            last, last_letters = blocks.pop()
            blocks.append((" ".join([last, *pieces]), last_letters + letters))
        elif letters:
            blocks.append((" ".join(pieces), letters))
    return blocks


def plainly_english(text: str) -> bool:
    """Whether a text's first words are dense with English function words (see
    :data:`ENGLISH_MARKERS`): a verdict that needs no model and costs a fraction of one."""
    words = [m.group().lower() for m in islice(_WORD.finditer(text), PLAIN_WORDS)]
    if len(words) < PLAIN_WORDS:
        return False
    return sum(word in ENGLISH_MARKERS for word in words) >= PLAIN_SHARE * len(words)


def check_language(text: str, expected: str = "en") -> str | None:
    """Refuse a story that is clearly not in the expected language; say which language it is.

    text (str): the story.
    expected (str): the language newsdigest reads (ISO 639-1).
    RETURNS (str | None): the story's language for ``Article.language``: the detected code
        when the verdict is confident and the story long enough, else None (undetermined).
        Raises :class:`InputError` (exit 65, HTTP 422) naming the language when the story
        has at least ``MIN_LETTERS`` letters, is detected as another language with at least
        ``MIN_CONFIDENCE``, and less than ``MIXED_SHARE`` of it reads as ``expected``.
    """
    if expected == "en" and plainly_english(text):
        return "en"
    if letter_count(text[:SAMPLE_CHARS]) < MIN_LETTERS:
        return None
    code, confidence = detect_language(text)
    if confidence < MIN_CONFIDENCE:
        return None
    if code == expected or language_share(text, expected) >= MIXED_SHARE:
        return code
    raise InputError(
        f"the story reads as {language_name(code)} ({code}, confidence {confidence:.2f}), "
        f"not {language_name(expected)}; to digest it anyway, set the language to {expected} "
        f"(--language {expected})"
    )
