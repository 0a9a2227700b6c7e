"""Paths and small builders shared by the tests (importable as ``helpers``)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
EXAMPLE_STORY = EXAMPLES / "council_vote.txt"
EXAMPLE_PUBLISHED = "2026-03-11"
SEED_STORY = SHARED / "seeds" / "000_cf84cce25d965179.txt"
SEED_PUBLISHED = "2013-11-06"
