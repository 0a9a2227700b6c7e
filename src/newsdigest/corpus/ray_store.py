"""``corpus add --engine ray``: the Ray actors store the digests in PostgreSQL themselves.

Each actor is batch's :class:`~newsdigest.batch.ray_engine.DigestActor` (the same readers,
worker process and time limit per record) with a connection of its own to the corpus: it
skips the records whose story's current version came from the same content, digests the
others, and stores them in one transaction per batch. Only the outcome of each record
travels back to the driver, which counts them and writes the errors file; no digest goes
through one file or process. PostgreSQL takes writers on many machines at once (an
advisory lock per story id keeps two writers of one story apart); a SQLite file does not,
so the Ray engine needs a ``postgresql://`` corpus.

Unlike the local engine, a repeated id within one run's input is not refused: its second
record is stored like any later add (unchanged, or a new version).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from newsdigest.batch.local import DEFAULT_TIMEOUT
from newsdigest.batch.ray_engine import DigestActor, RayEngine
from newsdigest.batch.records import Record
from newsdigest.batch.work import Outcome
from newsdigest.corpus.store import AddResult, Pending, open_store
from newsdigest.errors import InputError
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings
from newsdigest.worker import PipelineFactory

SKIPPED = "skipped"


def record_of(row: dict[str, Any]) -> Record:
    """The record a row of the Ray engine holds (the fields that make its content)."""
    return Record(
        id=row["id"],
        body=row["body"],
        kind=row["kind"],
        title=row["title"],
        published=row["published"],
        url=row["url"],
        outlet=row["outlet"],
        source=row["source"],
    )


class CorpusActor(DigestActor):
    """A Ray actor that digests record rows and stores the digests in the corpus ``db``.

    settings, only, include_text, done, timeout, pipeline_factory: as :class:`DigestActor`
        (the digests always carry their text; ``done`` is not used: the corpus says what
        is already stored).
    db (str): the ``postgresql://`` URL of the corpus.
    """

    def __init__(
        self,
        settings: Settings,
        only: tuple[str, ...] | None,
        include_text: bool,
        done: Any,
        timeout: float,
        pipeline_factory: PipelineFactory,
        db: str,
    ) -> None:
        super().__init__(settings, only, True, frozenset(), timeout, pipeline_factory)
        self.store = open_store(db, write=True)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        from newsdigest.corpus.add import record_hash

        rows = batch.to_pylist()
        hashes = {row["seq"]: record_hash(record_of(row)) for row in rows if row["error"] is None}
        current = self.store.current_inputs([row["id"] for row in rows if row["seq"] in hashes])
        stored = {
            seq for seq, row in ((r["seq"], r) for r in rows)
            if seq in hashes and current.get(row["id"]) == hashes[seq]
        }  # fmt: skip
        fresh = [row for row in rows if row["seq"] not in stored]
        skipped = [_stored(row, SKIPPED) for row in rows if row["seq"] in stored]
        digested = super().__call__(pa.Table.from_pylist(fresh, schema=batch.schema)).to_pylist()
        done = [row for row in digested if row["line"] is not None]
        results = self.store.add_many(
            [Pending(json.loads(row["line"]), hashes.get(row["seq"])) for row in done]
        )
        outcomes = [row for row in digested if row["line"] is None]
        outcomes += [_stored(row, result) for row, result in zip(done, results, strict=True)]
        ordered = sorted([*outcomes, *skipped], key=lambda row: row["seq"])
        return pa.Table.from_pylist(ordered, schema=_schema(pa))

    def __del__(self) -> None:
        store = getattr(self, "store", None)
        if store is not None:
            store.close()
        super().__del__()


def _stored(row: dict[str, Any], result: AddResult | InputError | str) -> dict[str, Any]:
    """The outcome row of a stored (or refused) digest: its result in place of the line."""
    if isinstance(result, InputError):
        line, error = None, str(result)
    else:
        line, error = json.dumps({"stored": result}), None
    return {"seq": row["seq"], "id": row["id"], "source": row["source"], "line": line,
            "error": error}  # fmt: skip


def _schema(pa: Any) -> Any:
    names = ("id", "source", "line", "error")
    return pa.schema([pa.field("seq", pa.int64()), *(pa.field(n, pa.string()) for n in names)])


def stored_outcomes(
    db: str,
    inputs: Sequence[str],
    *,
    settings: Settings | None = None,
    only: Sequence[str] | None = None,
    workers: int | None = None,
    address: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    pipeline_factory: PipelineFactory = Pipeline,
    stop: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[Outcome, str | None]]:
    """Run the records of ``inputs`` through :class:`CorpusActor` on Ray.

    db (str): the ``postgresql://`` URL of the corpus (its schema already checked).
    inputs (Sequence[str]): files and directories every node can read.
    RETURNS (Iterator[tuple[Outcome, str | None]]): each record's outcome with what the
        store did (``added``, ``updated``, ``unchanged``, ``skipped``), None when it failed.
    """
    engine = RayEngine(
        settings, only=only, include_text=True, workers=workers, address=address,
        timeout=timeout, pipeline_factory=pipeline_factory, actor=CorpusActor, actor_args=(db,),
    )  # fmt: skip
    for outcome in engine.run(inputs, stop=stop):
        result = json.loads(outcome.line)["stored"] if outcome.line is not None else None
        yield outcome, result
