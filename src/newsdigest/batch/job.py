"""A batch job: inputs in, digests and errors out, resumable, whatever the engine."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Literal, NamedTuple

from newsdigest.batch.local import DEFAULT_TIMEOUT, LocalEngine
from newsdigest.batch.output import ErrorLog, OutputLog, id_key
from newsdigest.batch.progress import Progress, StatusLines, format_duration, make_progress
from newsdigest.batch.records import BadRecord, Item, check_inputs, count_records, read_records
from newsdigest.batch.shards import PURPOSE as SHARDS_PURPOSE
from newsdigest.batch.shards import ShardDir
from newsdigest.batch.work import Outcome
from newsdigest.errors import InputError
from newsdigest.extras import require
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings
from newsdigest.worker import PipelineFactory

Engine = Literal["local", "ray"]
DUPLICATE = "duplicate id: an earlier record of the input has the same id"


@dataclass
class BatchSummary:
    """How a batch run went.

    digested (int): records written to the output in this run.
    failed (int): records written to the errors file.
    skipped (int): records already in the output from an earlier run.
    interrupted (bool): whether the run was stopped before the end of the input.
    seconds (float): wall time of the run.
    """

    digested: int = 0
    failed: int = 0
    skipped: int = 0
    interrupted: bool = False
    seconds: float = 0.0

    def line(self, out: Path, errors: Path) -> str:
        """The final line a run prints."""
        rate = self.digested / self.seconds if self.seconds > 0 else 0.0
        text = (
            f"newsdigest: {self.digested:,} digested, {self.failed:,} failed, "
            f"{self.skipped:,} already in {out} ({format_duration(self.seconds)}, {rate:.1f}/s)"
        )
        if self.failed:
            text += f"; failures are in {errors}"
        return text


def default_errors_path(out: Path) -> Path:
    """``digests.jsonl`` -> ``digests.errors.jsonl``, beside the output."""
    name = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(name + ".errors.jsonl")


class StopFlag:
    """Turns the first SIGINT or SIGTERM into a request to stop; a second SIGINT interrupts."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: dict[int, object] = {}

    def __call__(self) -> bool:
        return self.requested

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self) -> StopFlag:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]


def run_batch(
    inputs: Sequence[str],
    out: str | Path,
    *,
    errors: str | Path | None = None,
    settings: Settings | None = None,
    only: Sequence[str] | None = None,
    include_text: bool = True,
    workers: int | None = None,
    ordered: bool = False,
    engine: Engine = "local",
    address: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    stop: StopFlag | None = None,
    pipeline_factory: PipelineFactory = Pipeline,
    shards: bool = False,
    shard_rows: int | None = None,
) -> BatchSummary:
    """Digest every record of the inputs into ``out``, skipping the ids it already holds.

    inputs (Sequence[str]): JSONL/CSV files, story files, directories, or ``-`` for stdin.
    out (Path): the JSONL output, appended to; a run may be killed and run again. With
        ``shards``, a directory of Parquet shards instead.
    errors (Path | None): where failed records go; default ``OUT.errors.jsonl``.
    settings (Settings | None): options for every record.
    only (Sequence[str] | None): sections to compute; None computes all.
    include_text (bool): whether each digest carries the story text.
    workers (int | None): processes (or Ray actors); None uses every core.
    ordered (bool): write digests in input order.
    engine (str): ``local`` (a process pool) or ``ray`` (Ray Data).
    address (str | None): the Ray cluster to join; None starts Ray on this machine.
    timeout (float): seconds one record may take; a record over it goes to the errors file
        (``timed out after N s``) and its worker process is replaced.
    progress (Progress | None): where to report progress; default depends on stderr.
    stop (StopFlag | None): polled to stop early (installed on SIGINT/SIGTERM by the CLI).
    pipeline_factory (PipelineFactory): builds each worker's pipeline from the settings; it
        must be importable by name (a module-level function or class).
    shards (bool): with ``engine="ray"``, the actors write the digests as Parquet shards in
        the directory ``out`` (see :mod:`newsdigest.batch.shards`); needs pyarrow.
    shard_rows (int | None): with ``shards``, records per shard at most (default 256).
    RETURNS (BatchSummary): counts of digested, failed and skipped records.
    """
    if shards:
        require("pyarrow.parquet", purpose=SHARDS_PURPOSE)
        if engine != "ray":
            raise ValueError("shards are written by the Ray engine's actors: use engine='ray'")
        if ordered:
            raise ValueError("shards are written as batches finish, in no set order")
    names = check_inputs(inputs)
    out_path = Path(out)
    errors_path = Path(errors) if errors else default_errors_path(out_path)
    _refuse_overwriting_inputs(names, out_path, errors_path)
    stop = stop or StopFlag()
    summary = BatchSummary()
    started = time.monotonic()
    with ShardDir(out_path) if shards else OutputLog(out_path) as output:
        done = output.open()
        error_log = ErrorLog(errors_path)
        report = progress or make_progress()
        _count_in_background(names, len(done), report)
        try:
            options = _EngineOptions(
                settings or Settings(), only, include_text, workers, ordered, timeout,
                pipeline_factory,
            )  # fmt: skip
            shard_dir = out_path if shards else None
            outcomes = _outcomes(
                names, done, summary, options, engine, address, stop, shard_dir, shard_rows
            )
            written: set[bytes] = set()
            for outcome in outcomes:
                if outcome.line is None and outcome.error is None:
                    summary.skipped += 1  # the Ray engine leaves out ids already written
                    continue
                if engine == "ray" and isinstance(output, OutputLog):
                    # the local engine drops repeats before digesting (and the shard
                    # actors refuse them themselves); here Ray's come back digested
                    outcome = _refuse_repeat(outcome, written)
                if outcome.line is not None:
                    if isinstance(output, OutputLog):  # with shards, line names the shard
                        output.write(outcome.line)
                    summary.digested += 1
                else:
                    error_log.write(outcome.id, outcome.source, outcome.error or "failed")
                    summary.failed += 1
                report.advance(outcome.ok)
        finally:
            report.close()
            error_log.close()
            summary.seconds = time.monotonic() - started
    summary.interrupted = stop.requested
    return summary


def _refuse_repeat(outcome: Outcome, written: set[bytes]) -> Outcome:
    """A digest whose id was already written in this run becomes a failure."""
    if outcome.line is None or outcome.id is None:
        return outcome
    key = id_key(outcome.id)
    if key in written:
        return outcome._replace(line=None, error=DUPLICATE)
    written.add(key)
    return outcome


class _EngineOptions(NamedTuple):
    """What either engine needs to know, beyond the inputs."""

    settings: Settings
    only: Sequence[str] | None
    include_text: bool
    workers: int | None
    ordered: bool
    timeout: float
    pipeline_factory: PipelineFactory


def _outcomes(
    names: list[str],
    done: set[bytes],
    summary: BatchSummary,
    options: _EngineOptions,
    engine: Engine,
    address: str | None,
    stop: StopFlag,
    shard_dir: Path | None,
    shard_rows: int | None,
) -> Iterator[Outcome]:
    settings, only, include_text, workers, ordered, timeout, factory = options
    if shard_dir is not None:
        from newsdigest.batch.ray_shards import SHARD_ROWS, ShardEngine

        shard_engine = ShardEngine(
            shard_dir, settings, only=only, include_text=include_text, workers=workers,
            address=address, timeout=timeout, pipeline_factory=factory,
            shard_rows=shard_rows or SHARD_ROWS,
        )  # fmt: skip
        return shard_engine.run(names, done=frozenset(done), stop=stop)
    if engine == "ray":
        from newsdigest.batch.ray_engine import RayEngine

        ray_engine = RayEngine(
            settings, only=only, include_text=include_text, workers=workers, ordered=ordered,
            address=address, timeout=timeout, pipeline_factory=factory,
        )  # fmt: skip
        return ray_engine.run(names, done=frozenset(done), stop=stop)
    local = LocalEngine(
        settings, only=only, include_text=include_text, workers=workers, ordered=ordered,
        timeout=timeout, pipeline_factory=factory,
    )  # fmt: skip
    return local.run(_fresh(read_records(names), done, summary), stop=stop)


def _fresh(items: Iterable[Item], before: set[bytes], summary: BatchSummary) -> Iterator[Item]:
    """Leave out records written by an earlier run; a repeated id within the input fails."""
    this_run: set[bytes] = set()
    for item in items:
        if isinstance(item, BadRecord):
            yield item
            continue
        key = id_key(item.id)
        if key in before:
            summary.skipped += 1
        elif key in this_run:
            yield BadRecord(id=item.id, source=item.source, reason=DUPLICATE)
        else:
            this_run.add(key)
            yield item


def _count_in_background(names: list[str], already: int, report: Progress) -> None:
    """Count the records for the progress total without delaying the run."""
    if "-" in names:
        return

    def count() -> None:
        try:
            total = count_records(names)
        except Exception:  # the count only feeds the progress display
            return
        if total is not None:
            report.set_total(max(total - already, 0))

    threading.Thread(target=count, name="newsdigest-count", daemon=True).start()


def _refuse_overwriting_inputs(names: list[str], out: Path, errors: Path) -> None:
    targets = {out.resolve(), errors.resolve()}
    for name in names:
        if name != "-" and Path(name).resolve() in targets:
            raise InputError(f"{name} is both an input and an output; choose another --out")
    if out.resolve() == errors.resolve():
        raise InputError("--out and --errors name the same file")


__all__ = ["BatchSummary", "StatusLines", "StopFlag", "default_errors_path", "run_batch"]
