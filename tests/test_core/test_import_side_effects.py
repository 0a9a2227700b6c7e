"""Importing newsdigest changes nothing of the process it joins: other libraries' loggers, the
csv module's field limit and the environment stay as the application set them."""

from __future__ import annotations

import json
import subprocess
import sys

# What a library may not change at import (spaCy and trafilatura add warning filters of
# their own at import, so warning filters are not among them).
_SNAPSHOT = """
import csv, json, logging, os, socket, sys
def snapshot():
    names = ["trafilatura", "htmldate", "courlan", "justext", "readability", "py3langid"]
    root = logging.getLogger()
    return {
        "loggers": {name: logging.getLogger(name).level for name in names},
        "root": [root.level, len(root.handlers)],
        "disabled": logging.root.manager.disable,
        "csv_field_size_limit": csv.field_size_limit(),
        "environment": dict(os.environ),
        "recursion_limit": sys.getrecursionlimit(),
        "socket_timeout": socket.getdefaulttimeout(),
    }
"""

_IMPORT_EVERYTHING = """
import importlib, pkgutil
import newsdigest, newsdigest.cli, newsdigest.batch
for module in pkgutil.walk_packages(newsdigest.__path__, "newsdigest."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
"""


def test_importing_every_module_leaves_the_process_as_it_was() -> None:
    script = (
        f"{_SNAPSHOT}\nbefore = snapshot()\n{_IMPORT_EVERYTHING}\n"
        "print(json.dumps([before, snapshot()]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    before, after = json.loads(result.stdout.strip().splitlines()[-1])
    changed = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
    assert not changed, changed
