"""``newsdigest eval``: score a component against gold data, next to its baseline."""

from __future__ import annotations

import click


@click.group("eval")
def eval_group() -> None:
    """Score highlights, entities, quotes or dates against a gold JSONL file."""
