"""A server whose stories take as long as the test says, whatever the machine's speed.

A story that names a gate (``GATE <path>``) waits until that file exists; a story that says
BLOCK never finishes, as a runaway regular expression would not. Everything else is
digested as usual. ``serve`` runs such a server, as ``newsdigest serve`` would.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import time
from pathlib import Path

from newsdigest.cli.serve import serve_app
from newsdigest.model import Article
from newsdigest.pipeline import Pipeline
from newsdigest.server import ServerConfig, create_app
from newsdigest.settings import Settings

BLOCK = "BLOCK"
GATE = re.compile(r"GATE (\S+)")


class _GatedPipeline(Pipeline):
    def check(self, article: Article) -> Article:
        gate = GATE.search(article.text)
        while gate and not Path(gate.group(1)).exists():
            time.sleep(0.02)
        if BLOCK in article.text:
            threading.Event().wait()
        return super().check(article)


def gated_pipeline(settings: Settings) -> Pipeline:
    """The pipeline factory (importable by the worker processes)."""
    return _GatedPipeline(settings)


def serve(config_json: str) -> None:
    """Serve on a free loopback port with this pipeline and the ServerConfig fields given."""
    logging.basicConfig(level=logging.WARNING, format="newsdigest: %(levelname)s: %(message)s")
    fields = json.loads(config_json)
    fields["cors_origins"] = tuple(fields.get("cors_origins", ()))
    config = ServerConfig(**fields)
    app = create_app(Settings(), config, pipeline_factory=gated_pipeline)
    serve_app(app, host="127.0.0.1", port=0, workers=config.workers)


if __name__ == "__main__":
    serve(sys.argv[1])
