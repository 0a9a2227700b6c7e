"""A batch output made of Parquet shards: a directory the Ray actors write into themselves.

Each shard is one batch of digests, written under a hidden temporary name and renamed to
``part-<run>-<seq>.parquet`` once complete, so a file with that name is always whole: a
run killed mid-write leaves at most a temporary file, which the next run removes. The
driver never sees the digests; it locks the directory, reads the ids of the complete
shards so a new run skips them, and counts the acknowledgements of the actors.

pyarrow is the ``parquet`` extra.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from newsdigest.batch.output import LockedOutput, OutputError, id_key
from newsdigest.extras import require

PURPOSE = "--shards"
SHARD_GLOB = "part-*.parquet"
TEMPORARY_GLOB = ".part-*.tmp"
# One row per digested record: its id, where it came from, and the newsdigest/1 digest as
# the JSON line the JSONL output would hold.
SHARD_COLUMNS = ("id", "source", "digest")
# How the failure to write a shard begins; the command stops on it (exit 74).
WRITE_FAILED = "cannot write the shard "


def new_run() -> str:
    """A name for one run's shards: its start time (so names sort by run) and a random tag."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + secrets.token_hex(3)


def shard_name(run: str, first_seq: int) -> str:
    """The file name of the shard holding a batch whose first record is ``first_seq``.

    A batch that Ray runs again (after an actor died) gets the same name, so its second
    write replaces the first instead of adding its digests twice.
    """
    return f"part-{run}-{first_seq:016x}.parquet"


def shard_schema() -> Any:
    """The Arrow schema of a shard (every column a string; ``id`` never null)."""
    pa = require("pyarrow", purpose=PURPOSE)
    return pa.schema(
        [
            pa.field("id", pa.string(), nullable=False),
            pa.field("source", pa.string()),
            pa.field("digest", pa.string(), nullable=False),
        ]
    )


def write_shard(directory: Path, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Write one shard: to a temporary name, flushed to disk, then renamed to ``name``.

    directory (Path): the output directory.
    name (str): the shard's file name (see :func:`shard_name`).
    rows (Sequence[Mapping]): the digested records, each with ``id``, ``source`` and
        ``line`` (the digest as one line of JSON).
    """
    pa = require("pyarrow", purpose=PURPOSE)
    pq = require("pyarrow.parquet", purpose=PURPOSE)
    columns = {
        "id": [row["id"] for row in rows],
        "source": [row["source"] for row in rows],
        "digest": [row["line"] for row in rows],
    }
    table = pa.Table.from_pydict(columns, schema=shard_schema())
    temporary = directory / f".{name}.tmp"
    try:
        pq.write_table(table, temporary, compression="zstd")
        fd = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, directory / name)
    except OSError as exc:
        raise OutputError(f"{WRITE_FAILED}{directory / name}: {exc.strerror}") from exc


def shard_ids(path: Path) -> list[str]:
    """The record ids one complete shard holds.

    path (Path): a ``part-*.parquet`` file.
    RETURNS (list[str]): its ids; raises :class:`OutputError` when it is not a shard.
    """
    pa = require("pyarrow", purpose=PURPOSE)
    pq = require("pyarrow.parquet", purpose=PURPOSE)
    try:
        ids = pq.read_table(path, columns=["id"]).column("id").to_pylist()
    except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
        raise OutputError(
            f"{path} is not a newsdigest shard ({str(exc).splitlines()[0]}): "
            "remove it or choose another --out"
        ) from exc
    return [value for value in ids if isinstance(value, str)]


class ShardDir(LockedOutput):
    """The shard directory of a batch run, locked against a second run on the same machine.

    path (Path): the directory; created when missing.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self.removed_temporary = 0

    def open(self) -> set[bytes]:
        """Lock the directory, remove the temporary files of an interrupted run, and read
        the ids of the complete shards.

        RETURNS (set[bytes]): the :func:`~newsdigest.batch.output.id_key` of every id
            already in a shard.
        """
        require("pyarrow.parquet", purpose=PURPOSE)
        if self.path.exists() and not self.path.is_dir():
            raise OutputError(f"{self.path} is a file; --shards writes a directory of shards")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {self.path}: {exc.strerror}") from exc
        self._lock(os.O_RDONLY | os.O_DIRECTORY)
        try:
            for leftover in self.path.glob(TEMPORARY_GLOB):
                leftover.unlink(missing_ok=True)
                self.removed_temporary += 1
            return {id_key(i) for shard in self.shards() for i in shard_ids(shard)}
        except BaseException:
            self.close()
            raise

    def shards(self) -> list[Path]:
        """The complete shards, in name order (by run, then by input position)."""
        return sorted(self.path.glob(SHARD_GLOB))
