"""Property tests repeat exactly in ``make test``; ``make fuzz`` tries ten times as many."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import REPO

PROPERTY_TEST = """
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

SEEN = Path(__file__).with_name("seen.txt")


@settings(max_examples=7)
@given(st.text())
def test_records_what_it_is_given(text: str) -> None:
    with SEEN.open("a", encoding="utf-8") as seen:
        seen.write(repr(text) + "\\n")
"""


def _run(folder: Path, *options: str) -> list[str]:
    """Run the property test of ``folder`` once; RETURNS the examples it was given."""
    seen = folder / "seen.txt"
    seen.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options, "."],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return seen.read_text(encoding="utf-8").splitlines()


def _suite(tmp_path: Path) -> Path:
    for name in ("conftest.py", "helpers.py"):
        shutil.copy2(REPO / "tests" / name, tmp_path / name)
    (tmp_path / "test_property.py").write_text(PROPERTY_TEST, encoding="utf-8")
    return tmp_path


def test_every_run_tries_the_same_examples(tmp_path: Path) -> None:
    suite = _suite(tmp_path)
    first = _run(suite)
    assert first == _run(suite)
    assert len(set(first)) > 1 and len(first) <= 7


def test_fuzz_tries_ten_times_the_examples_with_the_seed_given(tmp_path: Path) -> None:
    suite = _suite(tmp_path)
    fuzz = ("--hypothesis-profile=fuzz", "--hypothesis-seed=12345")
    first = _run(suite, *fuzz)
    assert 7 < len(first) <= 70
    assert len(set(first)) > 7
    assert first == _run(suite, *fuzz)
    assert first != _run(suite, "--hypothesis-profile=fuzz", "--hypothesis-seed=54321")
