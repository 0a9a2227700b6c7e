"""The Ray engine: the same job on Ray Data, for corpora that outgrow one machine.

Read tasks run the corpus readers (one task per file, or per slice of a directory), a pool
of actors each holding one pipeline digests the records with ``map_batches``, and the
driver streams the digests back into the output file, so resuming, the errors file and
the progress display work as with the local engine (with ``--shards`` the actors write
Parquet files themselves instead: :mod:`newsdigest.batch.ray_shards`). Every input path
must be readable from every node of the cluster (a shared file system); standard input is
not supported.

Ray is an optional extra (``pip install newsdigest[ray]``), imported only by this module and
:mod:`newsdigest.batch.ray_shards`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

from newsdigest.batch.local import DEFAULT_TIMEOUT, LocalEngine
from newsdigest.batch.records import (
    BadRecord,
    Item,
    Record,
    input_format,
    read_input,
    read_story_file,
    story_files,
)
from newsdigest.batch.work import Outcome
from newsdigest.errors import InputError
from newsdigest.extras import require
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings
from newsdigest.worker import PipelineFactory, usable_cores

log = logging.getLogger(__name__)

ROWS_PER_BLOCK = 64
FILES_PER_READ_TASK = 500
# The actors hold the cores; read tasks are light and must never wait for a free CPU,
# or the pipeline stalls with every CPU held by actors waiting for input.
READ_TASK_CPUS = 0.0
ACTOR_CPUS = 1.0

_RECORD_FIELDS = (
    "id", "body", "kind", "title", "published", "url", "outlet", "reference", "encoding",
)  # fmt: skip
_ROW_FIELDS = (*_RECORD_FIELDS, "source", "error", "seq")


def _row(seq: int, item: Item) -> dict[str, Any]:
    if isinstance(item, BadRecord):
        row: dict[str, Any] = dict.fromkeys(_RECORD_FIELDS)
        row.update(id=item.id, source=item.source, error=item.reason, seq=seq)
        return row
    row = {name: getattr(item, name) for name in _RECORD_FIELDS}
    row.update(source=item.source, error=None, seq=seq)
    return row


def _arrow_schema() -> Any:
    import pyarrow as pa

    fields = [pa.field(name, pa.string()) for name in _ROW_FIELDS if name != "seq"]
    return pa.schema([*fields, pa.field("seq", pa.int64())])


def _blocks(items: Iterator[Item], base: int) -> Iterator[Any]:
    import pyarrow as pa

    schema = _arrow_schema()
    rows: list[dict[str, Any]] = []
    for offset, item in enumerate(items):
        rows.append(_row(base + offset, item))
        if len(rows) == ROWS_PER_BLOCK:
            yield pa.Table.from_pylist(rows, schema=schema)
            rows = []
    if rows:
        yield pa.Table.from_pylist(rows, schema=schema)


def _read_shards(names: Sequence[str]) -> list[tuple[str, list[str], int]]:
    """The read tasks: (input name, files of a directory slice, first sequence number)."""
    shards: list[tuple[str, list[str], int]] = []
    base = 0
    for name in names:
        fmt = input_format(name)
        if fmt == "stdin":
            raise InputError(
                "the Ray engine reads files that every node can see; standard input (-) "
                "works only with --engine local"
            )
        path = str(Path(name).resolve())
        if fmt == "directory":
            files = [str(p) for p in story_files(Path(path))]
            for start in range(0, len(files), FILES_PER_READ_TASK):
                shards.append((path, files[start : start + FILES_PER_READ_TASK], base + start))
            base += len(files)
        else:
            shards.append((path, [], base))
            base += 1 << 40  # records of one file are numbered within its own range
    return shards


def _read_shard(directory: str, files: list[str], base: int) -> Iterator[Any]:
    if files:
        root = Path(directory)
        items: Iterator[Item] = (
            read_story_file(Path(f), record_id=Path(f).relative_to(root).as_posix()) for f in files
        )
    else:
        items = read_input(directory)
    yield from _blocks(items, base)


class _RecordSource:
    """A Ray Data datasource over the corpus readers (built lazily, as Ray is optional)."""

    @staticmethod
    def create(names: Sequence[str]) -> Any:
        from ray.data.block import BlockMetadata
        from ray.data.datasource import Datasource, ReadTask

        shards = _read_shards(names)

        class RecordSource(Datasource):
            def estimate_inmemory_data_size(self) -> int | None:
                return None

            def get_read_tasks(
                self,
                parallelism: int,
                per_task_row_limit: int | None = None,
                data_context: Any = None,
            ) -> list[ReadTask]:
                tasks = []
                for directory, files, base in shards:
                    meta = BlockMetadata(
                        num_rows=len(files) or None,
                        size_bytes=None,
                        input_files=tuple(files or [directory]),
                        exec_stats=None,
                    )
                    read = functools.partial(_read_shard, directory, files, base)
                    tasks.append(ReadTask(read, meta, schema=_arrow_schema()))
                return tasks

        return RecordSource()  # type: ignore[no-untyped-call]


class DigestActor:
    """A Ray actor that digests batches of record rows on its own worker process.

    The worker is the local engine's (one process, started once): it has the same time
    limit per record, and is replaced the same way when a record overruns or kills it.

    settings (Settings): options for every record.
    only (tuple[str, ...] | None): sections to compute.
    include_text (bool): whether digests carry the text.
    done (frozenset[bytes] | list[ObjectRef]): keys of ids already in the output, or a list
        holding one object reference to them.
    timeout (float): seconds one record may take.
    pipeline_factory (PipelineFactory): builds the worker's pipeline.
    """

    def __init__(
        self,
        settings: Settings,
        only: tuple[str, ...] | None,
        include_text: bool,
        done: frozenset[bytes] | list[Any],
        timeout: float = DEFAULT_TIMEOUT,
        pipeline_factory: PipelineFactory = Pipeline,
    ) -> None:
        self.engine = LocalEngine(
            settings,
            only=only,
            include_text=include_text,
            workers=1,
            timeout=timeout,
            pipeline_factory=pipeline_factory,
        ).keep()
        if isinstance(done, list):
            # an object reference in a list, so that Ray fetches the ids once, here
            import ray

            done = ray.get(done[0])
        self.done: frozenset[bytes] = frozenset(done)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        from newsdigest.batch.output import id_key

        outcomes: list[Outcome] = []
        records: list[Record] = []
        seqs: list[int] = []
        for row in batch.to_pylist():
            seq = int(row["seq"])
            if row["error"] is not None:
                outcomes.append(Outcome(seq, row["id"], row["source"], None, row["error"]))
            elif id_key(row["id"]) in self.done:
                outcomes.append(Outcome(seq, row["id"], row["source"], None, None))  # written
            else:
                records.append(Record(source=row["source"], **{k: row[k] for k in _RECORD_FIELDS}))
                seqs.append(seq)
        for outcome in self.engine.run(records):
            outcomes.append(outcome._replace(seq=seqs[outcome.seq]))
        rows = sorted((outcome._asdict() for outcome in outcomes), key=lambda row: row["seq"])
        return pa.Table.from_pylist(rows, schema=_outcome_schema())

    def __del__(self) -> None:
        engine = getattr(self, "engine", None)
        if engine is not None:
            engine.close()


def _outcome_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("seq", pa.int64()),
            pa.field("id", pa.string()),
            pa.field("source", pa.string()),
            pa.field("line", pa.string()),
            pa.field("error", pa.string()),
        ]
    )


class RayEngine:
    """Digest records on Ray Data: on this machine, or on the cluster at ``address``.

    settings (Settings): options for every record.
    only (Sequence[str] | None): sections to compute; None computes all.
    include_text (bool): whether digests carry the story text.
    workers (int | None): number of actors; None uses one per CPU of the cluster.
    ordered (bool): yield outcomes in input order.
    address (str | None): a running cluster (``ray://host:10001``, ``auto``); None starts Ray here.
    timeout (float): seconds one record may take (see :class:`DigestActor`).
    pipeline_factory (PipelineFactory): builds each worker's pipeline.
    actor (type[DigestActor]): the class ``map_batches`` runs (a :class:`DigestActor`).
    actor_args (tuple): appended to the actor's constructor arguments.
    """

    # Records per call of an actor; None: whatever blocks Ray Data makes.
    batch_size: int | None = None

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        only: Sequence[str] | None = None,
        include_text: bool = True,
        workers: int | None = None,
        ordered: bool = False,
        address: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        pipeline_factory: PipelineFactory = Pipeline,
        actor: type[DigestActor] = DigestActor,
        actor_args: tuple[Any, ...] = (),
    ) -> None:
        self.settings = settings or Settings()
        self.actor, self.actor_args = actor, actor_args
        self.timeout = timeout
        self.pipeline_factory = pipeline_factory
        self.only = tuple(only) if only else None
        self.include_text = include_text
        self.workers = workers
        self.ordered = ordered
        self.address = address

    def run(
        self,
        inputs: Sequence[str],
        *,
        done: frozenset[bytes] = frozenset(),
        stop: Callable[[], bool] = lambda: False,
    ) -> Generator[Outcome, None, None]:
        """Digest every record of the inputs; records whose id key is in ``done`` come back
        as outcomes with neither line nor error (skipped).

        inputs (Sequence[str]): files and directories every node can read.
        done (frozenset[bytes]): :func:`~newsdigest.batch.output.id_key` of ids to skip.
        stop (Callable[[], bool]): polled between batches; True ends the run.
        RETURNS (Iterator[Outcome]): one outcome per record, as batches finish.
        """
        ray = require("ray", purpose="--engine ray")
        source = _RecordSource.create(inputs)
        started_here = not ray.is_initialized()
        if started_here:
            _init_ray(ray, self.address)
        try:
            dataset = self._dataset(ray, source, done)
            for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
                for row in batch.to_pylist():
                    yield Outcome(row["seq"], row["id"], row["source"], row["line"], row["error"])
                if stop():
                    return
        finally:
            if started_here:
                ray.shutdown()

    def _dataset(self, ray: Any, source: Any, done: frozenset[bytes]) -> Any:
        from ray.data import DataContext

        context = DataContext.get_current()
        context.execution_options.preserve_order = self.ordered
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        workers = self.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        dataset = ray.data.read_datasource(source, num_cpus=READ_TASK_CPUS)
        return dataset.map_batches(
            self.actor,
            fn_constructor_args=(
                self.settings,
                self.only,
                self.include_text,
                [ray.put(done)],
                self.timeout,
                self.pipeline_factory,
                *self._actor_args(ray),
            ),
            batch_size=self.batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=ACTOR_CPUS,
        )

    def _actor_args(self, ray: Any) -> tuple[Any, ...]:
        """The arguments after the common ones of each actor's constructor (Ray is running)."""
        return self.actor_args


def _init_ray(ray: Any, address: str | None) -> None:
    if not log.isEnabledFor(logging.INFO):
        for name in ("ray", "ray.data"):
            logging.getLogger(name).setLevel(logging.ERROR)
    options: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.ERROR,
        "configure_logging": True,
    }
    if address:
        ray.init(address=address, **options)
        return
    ray.init(num_cpus=usable_cores(), **options)
