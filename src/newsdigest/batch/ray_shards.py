"""``batch --engine ray --shards``: the Ray actors write their digests as Parquet shards.

Each actor is the Ray engine's :class:`~newsdigest.batch.ray_engine.DigestActor` (the same
readers, worker process and time limit per record); after digesting a batch it writes the
batch's digests into a shard of its own in the output directory
(:func:`~newsdigest.batch.shards.write_shard`) and sends back only an acknowledgement per
record: its id, and the shard's name or the reason it failed. The driver counts these and
writes the errors file; no digest travels through it.

A repeated id within the input fails as with the other outputs: an :class:`IdClaims` actor
remembers which record (by its position in the input) claimed each id first, so a batch
that Ray runs again claims its own ids again, while a later record with the same id fails.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import Any

from newsdigest.batch.job import DUPLICATE
from newsdigest.batch.local import DEFAULT_TIMEOUT
from newsdigest.batch.output import OutputError, id_key
from newsdigest.batch.ray_engine import DigestActor, RayEngine
from newsdigest.batch.shards import WRITE_FAILED, new_run, shard_name, write_shard
from newsdigest.batch.work import Outcome
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings
from newsdigest.worker import PipelineFactory

# Records per shard (at most): few enough for an actor to hold and to redo after a stop,
# enough to keep the number of files small.
SHARD_ROWS = 256


class IdClaims:
    """A Ray actor that gives each id of a run to the first record that claims it."""

    def __init__(self) -> None:
        self.owners: dict[bytes, int] = {}

    def claim(self, keys: list[tuple[bytes, int]]) -> list[bool]:
        """Claim ids for records.

        keys (list[tuple[bytes, int]]): each record's id key and position in the input.
        RETURNS (list[bool]): for each, whether the record owns its id (it claimed it
            first, now or in an earlier attempt at the same batch).
        """
        return [self.owners.setdefault(key, seq) == seq for key, seq in keys]


class ShardActor(DigestActor):
    """A Ray actor that digests record rows and writes the digests as Parquet shards.

    settings, only, include_text, done, timeout, pipeline_factory: as :class:`DigestActor`.
    directory (str): the output directory, at the same path on every node.
    run (str): this run's name, part of every shard's name (:func:`new_run`).
    claims (ActorHandle): the run's :class:`IdClaims`.
    """

    def __init__(
        self,
        settings: Settings,
        only: tuple[str, ...] | None,
        include_text: bool,
        done: Any,
        timeout: float,
        pipeline_factory: PipelineFactory,
        directory: str,
        run: str,
        claims: Any,
    ) -> None:
        super().__init__(settings, only, include_text, done, timeout, pipeline_factory)
        self.directory = Path(directory)
        self.run = run
        self.claims = claims

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa
        import ray

        rows = batch.to_pylist()
        if not rows:
            return super().__call__(batch)
        fresh = [row for row in rows if row["error"] is None and id_key(row["id"]) not in self.done]
        owned = ray.get(self.claims.claim.remote([(id_key(r["id"]), r["seq"]) for r in fresh]))
        for row, mine in zip(fresh, owned, strict=True):
            if not mine:
                row["error"] = DUPLICATE
        outcomes = super().__call__(pa.Table.from_pylist(rows, schema=batch.schema))
        acks = outcomes.to_pylist()
        digested = [row for row in acks if row["line"] is not None]
        if digested:
            name = shard_name(self.run, min(row["seq"] for row in rows))
            written: str | None = name
            error: str | None = None
            try:
                write_shard(self.directory, name, digested)
            except OutputError as exc:  # raised, Ray would wrap it beyond recognition
                written, error = None, str(exc)
            for row in digested:
                row["line"], row["error"] = written, error
        return pa.Table.from_pylist(acks, schema=outcomes.schema)


class ShardEngine(RayEngine):
    """The Ray engine with :class:`ShardActor`: digests go to shards in ``directory``, and
    each outcome's ``line`` is the name of the shard that holds the digest.

    directory (Path): the output directory (every node must see it at the same path).
    settings, only, include_text, workers, address, timeout, pipeline_factory: as
        :class:`RayEngine`.
    shard_rows (int): records per actor call, so at most that many rows per shard.
    """

    def __init__(
        self,
        directory: Path,
        settings: Settings | None = None,
        *,
        only: Sequence[str] | None = None,
        include_text: bool = True,
        workers: int | None = None,
        address: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        pipeline_factory: PipelineFactory = Pipeline,
        shard_rows: int = SHARD_ROWS,
    ) -> None:
        super().__init__(
            settings, only=only, include_text=include_text, workers=workers, address=address,
            timeout=timeout, pipeline_factory=pipeline_factory, actor=ShardActor,
        )  # fmt: skip
        self.directory = directory.resolve()
        self.run_name = new_run()
        self.batch_size = shard_rows

    def run(
        self,
        inputs: Sequence[str],
        *,
        done: frozenset[bytes] = frozenset(),
        stop: Callable[[], bool] = lambda: False,
    ) -> Generator[Outcome, None, None]:
        """As :meth:`RayEngine.run`; raises :class:`OutputError` when an actor could not
        write a shard (a full disk, a directory the nodes cannot see)."""
        outcomes = super().run(inputs, done=done, stop=stop)
        try:
            for outcome in outcomes:
                if outcome.error is not None and outcome.error.startswith(WRITE_FAILED):
                    raise OutputError(outcome.error)
                yield outcome
        finally:
            outcomes.close()  # ends the run (and Ray, when it started here) now

    def _actor_args(self, ray: Any) -> tuple[Any, ...]:
        claims = ray.remote(num_cpus=0)(IdClaims).remote()
        return (str(self.directory), self.run_name, claims)
