"""Near-duplicates and wire copies: MinHash signatures of word shingles, found by LSH bands.

A story's signature is the minimum of 128 hash functions over its word 5-shingles, with the
number of shingles in front. Stories whose signatures agree on all the rows of at least one
of 32 bands are candidates (:func:`band_keys`, posted under kind ``band``); a candidate is a
copy when the estimated Jaccard similarity of the shingle sets, or the estimated share of
the shorter story found in the longer one, passes its threshold (:func:`is_copy`).
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5
# A copy shares most of its shingles: Jaccard (both ways) or containment (a trimmed copy).
JACCARD_COPY = 0.6
CONTAINMENT_COPY = 0.8
# Shorter stories are too short to call copies of anything: a headline, a caption.
MIN_SHINGLES = 20

_PRIME = (1 << 61) - 1
_MAX = np.uint64(0xFFFFFFFF)
_rng = np.random.RandomState(20131106)
_A = _rng.randint(1, 1 << 32, size=NUM_PERM, dtype=np.uint64)
_B = _rng.randint(0, 1 << 32, size=NUM_PERM, dtype=np.uint64)
_MIX = np.uint64(1_000_003)
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_HEADER = struct.Struct("<I")


@dataclass(frozen=True, slots=True)
class Signature:
    """A MinHash signature and the number of shingles it was computed from."""

    size: int
    mins: np.ndarray

    def to_bytes(self) -> bytes:
        """The stored form: the size, then 128 little-endian 32-bit minima."""
        return _HEADER.pack(self.size) + self.mins.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        """Read the stored form back."""
        (size,) = _HEADER.unpack_from(data)
        return cls(size, np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint64))


def shingles(text: str) -> np.ndarray:
    """The distinct 32-bit hashes of the story's word 5-shingles (lower-cased words).

    Each word is hashed once; a shingle's hash combines its words' hashes (polynomially,
    modulo 2**32), so the text is walked once.
    """
    words = np.fromiter(
        (zlib.crc32(w.lower().encode()) for w in _WORD.findall(text)), dtype=np.uint64
    )
    if len(words) < SHINGLE:
        return _combine(words) if len(words) else words
    n = len(words) - SHINGLE + 1
    combined = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        combined = (combined * _MIX + words[k : k + n]) & _MAX
    return np.unique(combined)


def _combine(words: np.ndarray) -> np.ndarray:
    total = np.uint64(0)
    for w in words:
        total = (total * _MIX + w) & _MAX
    return np.array([total], dtype=np.uint64)


def signature(text: str) -> Signature:
    """The MinHash signature of a story's text.

    text (str): the story.
    RETURNS (Signature): 128 minima (all at the maximum for an empty text).
    """
    hashes = shingles(text)
    if not len(hashes):
        return Signature(0, np.full(NUM_PERM, _MAX, dtype=np.uint64))
    permuted = (np.outer(hashes, _A) + _B) % np.uint64(_PRIME) & _MAX
    return Signature(len(hashes), permuted.min(axis=0))


def band_keys(sig: Signature) -> list[str]:
    """The LSH bucket of each band of a signature; none for a story too short to copy."""
    if sig.size < MIN_SHINGLES:
        return []
    rows = sig.mins.astype("<u4").reshape(BANDS, ROWS)
    return [f"{i:02d}{zlib.crc32(row.tobytes()):08x}" for i, row in enumerate(rows)]


def jaccard(a: Signature, b: Signature) -> float:
    """The estimated Jaccard similarity of two stories' shingle sets."""
    return float(np.mean(a.mins == b.mins))


def containment(a: Signature, b: Signature) -> float:
    """The estimated share of the shorter story's shingles that the other one holds."""
    j = jaccard(a, b)
    shared = j * (a.size + b.size) / (1 + j)
    return min(1.0, shared / max(1, min(a.size, b.size)))


def is_copy(a: Signature, b: Signature) -> bool:
    """Whether one story is a near-duplicate or a (trimmed) copy of the other."""
    if min(a.size, b.size) < MIN_SHINGLES:
        return False
    return jaccard(a, b) >= JACCARD_COPY or containment(a, b) >= CONTAINMENT_COPY


def closest_copy(sig: Signature, others: Sequence[tuple[str, Signature]]) -> str | None:
    """The id of the most similar story among ``others`` that this one copies, if any."""
    best, best_score = None, 0.0
    for story_id, other in others:
        if is_copy(sig, other):
            score = jaccard(sig, other)
            if best is None or score > best_score:
                best, best_score = story_id, score
    return best
