"""Reading pages leaves other libraries' logging alone; the command line quiets them itself."""

from __future__ import annotations

import subprocess
import sys

from newsdigest.ingest.extract import EXTRACTION_LOGGERS

_LEVELS = "import logging; print([logging.getLogger(n).level for n in {names!r}])"


def levels_after(code: str) -> str:
    """The levels of the extraction loggers, in a fresh interpreter, after ``code`` ran."""
    script = f"{code}\n{_LEVELS.format(names=EXTRACTION_LOGGERS)}"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return result.stdout.strip().splitlines()[-1]


def test_importing_newsdigest_and_reading_a_page_leaves_their_loggers_alone() -> None:
    code = (
        "import newsdigest, newsdigest.ingest.html as h\n"
        "h.article_from_html('<html><body><p>' + 'A sentence of the story. ' * 20 + '</p>')"
    )
    # as trafilatura leaves them itself (it sets htmldate's to WARNING when imported)
    assert levels_after(code) == levels_after("import trafilatura")
    assert levels_after(code) != levels_after(
        "from newsdigest.cli import main\nmain(['--version'])"
    )


def test_the_command_line_quiets_the_extraction_loggers() -> None:
    code = "from newsdigest.cli import main\nmain(['--version'])"
    assert levels_after(code) == str([50] * len(EXTRACTION_LOGGERS))
