"""Training of the models that ship with newsdigest, one module per model.

Every trainer follows the same conventions, so that a model is rebuilt the same way
whichever it is (``newsdigest train highlights|cast``):

- it reads its gold data from ``data`` and writes its model files into ``out`` (the
  stage's package directory to ship them), nothing else;
- ``seed`` fixes every random choice: the same data and seed give the same files;
- it logs its steps with their seconds (:class:`Steps`) and returns a JSON-ready report
  of what it did, which the command prints;
- it lives here, outside the stage packages, and only a trainer imports
  :mod:`newsdigest.evaluate`: a stage never depends on its scorer.
"""

from __future__ import annotations

import logging
import time

DEFAULT_SEED = 7

log = logging.getLogger(__name__)


class Steps:
    """A training run's clock: each step is logged with the seconds since the start."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def done(self, message: str) -> None:
        """Log a finished step with the seconds since the run started."""
        log.info("%s (%.0f s)", message, self.seconds())

    def seconds(self) -> float:
        """Seconds since the run started."""
        return time.perf_counter() - self.started


__all__ = ["DEFAULT_SEED", "Steps"]
