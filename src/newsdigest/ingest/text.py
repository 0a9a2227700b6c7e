"""Plain-text stories: decoding bytes and refusing what cannot be a story."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path

from newsdigest.errors import InputError, NoInput, TooLarge
from newsdigest.model import Article

# Share of replacement or control characters above which decoded bytes are taken for binary.
MAX_NOISE_SHARE = 0.05
_NOISE = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a story's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else detected.

    data (bytes): the raw input.
    RETURNS (tuple[str, str]): the text and the name of the encoding used.
    """
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("input is binary (it contains NUL bytes), not a text story")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"input claims {encoding} but is not valid {encoding}: {exc.reason}"
        ) from exc


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman"]).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise InputError("input is not text in any encoding newsdigest recognises")
    encoding = best.encoding
    text = data.decode(encoding, errors="replace")
    if _noise_share(text) > MAX_NOISE_SHARE:
        raise InputError("input looks binary: most of it does not decode as text")
    return text, encoding


def _noise_share(text: str) -> float:
    """Share of replacement characters and control characters other than white space."""
    if not text:
        return 0.0
    return len(_NOISE.findall(text)) / len(text)


def check_story(text: str, *, max_chars: int) -> None:
    """Refuse text that cannot be digested: empty, binary-looking or over ``max_chars``."""
    if len(text) > max_chars:
        raise TooLarge(
            f"story has {len(text):,} characters, over the limit of {max_chars:,} "
            "(raise it with --max-chars)"
        )
    if not text.strip():
        raise InputError("story is empty (nothing but white space)")
    if "\x00" in text or _noise_share(text) > MAX_NOISE_SHARE:
        raise InputError("story looks binary: it is full of control characters")


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a story file; a missing or unreadable file is ``NoInput`` (exit 66)."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise NoInput(f"no such file: {path}") from exc
    except IsADirectoryError as exc:
        raise NoInput(f"{path} is a directory, not a story file") from exc
    except PermissionError as exc:
        raise NoInput(f"cannot read {path}: permission denied") from exc


def parse_published(value: str | dt.date | None) -> dt.date | None:
    """A publication date from ``YYYY-MM-DD`` (or an ISO date-time), or ``None``."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise InputError(f"publication date {value!r} is not YYYY-MM-DD") from exc


def article_from_text(
    text: str,
    *,
    title: str | None = None,
    published: str | dt.date | None = None,
    url: str | None = None,
    id: str | None = None,
    encoding: str | None = None,
) -> Article:
    """Build an Article from decoded text and its metadata."""
    return Article(
        text=text,
        id=id,
        title=title.strip() if title and title.strip() else None,
        published=parse_published(published),
        url=url,
        encoding=encoding,
    )
