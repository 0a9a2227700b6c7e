"""The output of a batch: an append-only JSONL file that survives being killed, and resumes.

Each digest is written with one ``write`` system call of a whole line, straight to the
file (no buffer in the process), so a line the run has written is in the file even if the
run is killed the next moment. A kill during that call can leave at most one incomplete
last line; opening the file again cuts it off, and collects the ids already written so a
new run can skip them.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from newsdigest.errors import NewsdigestError

log = logging.getLogger(__name__)

# The prefix every digest line starts with, as written by this module.
_ID_PREFIX = re.compile(rb'\{"schema":"newsdigest/1","article":\{"id":("(?:[^"\\]|\\.)*")')
_READ_CHUNK = 1 << 20


class OutputError(NewsdigestError):
    """The output file cannot be written, is in use, or is not a newsdigest batch output."""

    exit_code = 74
    status = 500
    title = "Output failed"


def id_key(record_id: str) -> bytes:
    """The compact key under which a run remembers an id (128 bits of its hash)."""
    return hashlib.blake2b(record_id.encode("utf-8"), digest_size=16).digest()


class LockedOutput:
    """The output of a batch run (a file or a directory), held under an exclusive lock from
    :meth:`_lock` to :meth:`close`, so that two runs never write it at once.

    path (Path): the output.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    def _lock(self, flags: int) -> int:
        """Open the output with ``os.open`` flags and lock it; RETURNS (int): the descriptor."""
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot open {self.path}: {exc.strerror}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise OutputError(f"{self.path} is being written by another newsdigest batch") from exc
        self._fd = fd
        return fd

    def close(self) -> None:
        """Release the lock and close the output."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class OutputLog(LockedOutput):
    """The digests file of a batch run, opened for appending under an exclusive lock.

    path (Path): the JSONL file; created when missing.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self.repaired_bytes = 0

    def open(self) -> set[bytes]:
        """Lock the file, cut off an incomplete last line, and read the ids already written.

        RETURNS (set[bytes]): the :func:`id_key` of every digest already in the file.
        """
        fd = self._lock(os.O_RDWR | os.O_CREAT | os.O_APPEND)
        try:
            done, complete_end = self._scan()
            size = os.fstat(fd).st_size
            if complete_end < size:
                os.ftruncate(fd, complete_end)
                self.repaired_bytes = size - complete_end
                log.warning(
                    "%s: removed an incomplete last line (%d bytes) left by an interrupted run",
                    self.path,
                    self.repaired_bytes,
                )
        except BaseException:
            self.close()
            raise
        return done

    def _scan(self) -> tuple[set[bytes], int]:
        done: set[bytes] = set()
        offset = 0
        number = 0
        with open(self.path, "rb") as stream:
            for raw in stream:
                if not raw.endswith(b"\n"):
                    break
                number += 1
                if raw.strip():
                    record_id = _line_id(raw)
                    if record_id is None:
                        raise OutputError(
                            f"{self.path} line {number} is not a newsdigest digest: "
                            "is it the output of another program? choose another --out"
                        )
                    done.add(id_key(record_id))
                offset += len(raw)
        return done, offset

    def write(self, line: str) -> None:
        """Append one digest (a JSON line without its newline) in a single write."""
        _write_all(self._require_fd(), (line + "\n").encode("utf-8"), self.path)

    def _require_fd(self) -> int:
        if self._fd is None:
            raise OutputError(f"{self.path} is not open")
        return self._fd


def _line_id(raw: bytes) -> str | None:
    match = _ID_PREFIX.match(raw)
    if match:
        value = json.loads(match.group(1))
        return value if isinstance(value, str) else None
    try:
        data: Any = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("newsdigest/"):
        return None
    article = data.get("article")
    record_id = article.get("id") if isinstance(article, dict) else None
    return record_id if isinstance(record_id, str) else None


def _write_all(fd: int, data: bytes, path: Path) -> None:
    view = memoryview(data)
    try:
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc


class ErrorLog:
    """The errors file of a run: one JSON line per failed record (``id``, ``source``, ``reason``).

    It describes the latest run: it is emptied when the run starts, since records that failed
    before are tried again.
    path (Path): the JSONL file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._fd = os.open(
                self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644
            )
        except OSError as exc:
            raise OutputError(f"cannot open {self.path}: {exc.strerror}") from exc

    def write(self, record_id: str | None, source: str, reason: str) -> None:
        """Append one failure."""
        data = {"id": record_id, "source": source, "reason": reason}
        line = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        _write_all(self._fd, line.encode("utf-8"), self.path)

    def close(self) -> None:
        """Close the file."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
