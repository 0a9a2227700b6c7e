"""Corpus readers: JSONL, CSV, directories of stories and standard input, streamed as records.

Every reader yields one item per story, in input order, without holding the corpus in
memory: a :class:`Record` when the story could be read, a :class:`BadRecord` (with the
reason) when it could not, so that one broken line never stops a run.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, cast

from newsdigest.errors import InputError, NoInput
from newsdigest.ingest.load import BODY_FIELDS
from newsdigest.ingest.text import decode_bytes

RecordKind = Literal["text", "html"]

STORY_SUFFIXES: dict[str, RecordKind] = {
    ".txt": "text",
    ".story": "text",
    ".html": "html",
    ".htm": "html",
}
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz")
CSV_SUFFIXES = (".csv", ".csv.gz")
STDIN = "-"
HIGHLIGHT_MARK = "@highlight"
# Articles are longer than csv's default field limit of 128 KiB.
CSV_FIELD_LIMIT = 2**31 - 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """One story of a corpus, read but not yet digested.

    id (str): the record's id, given or derived from its content.
    body (str): the story text, or the page's HTML when ``kind`` is ``html``.
    kind (str): ``text`` or ``html``.
    source (str): where it came from (``file:line``), for error reports.
    reference (str | None): reference highlights, one per line (``.story`` files, JSONL).
    """

    id: str
    body: str
    kind: RecordKind = "text"
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    reference: str | None = None
    encoding: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class BadRecord:
    """A story that could not be read; it goes to the errors file with its reason.

    id (str | None): the record's id when it could be found.
    source (str): where it came from (``file:line``).
    reason (str): one line saying what is wrong.
    """

    id: str | None
    source: str
    reason: str


Item = Record | BadRecord


def content_id(body: str, *, title: str | None, published: str | None, url: str | None) -> str:
    """A stable id for a record that has none: a hash of its story and metadata.

    RETURNS (str): ``sha256-`` and 20 hex digits; the same content always gets the same id.
    """
    canonical = json.dumps([body, title, published, url], ensure_ascii=False)
    return "sha256-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


def record_from_mapping(row: Mapping[str, Any], *, source: str) -> Item:
    """A record from a JSONL object or a CSV row with the fields ``id``, ``text``/``article``/
    ``html``, ``title``, ``published``, ``url`` and ``reference`` (all but the story optional).
    """
    found = next(((name, kind) for name, kind in BODY_FIELDS if _present(row.get(name))), None)
    raw_id = row.get("id")
    given_id = None if raw_id is None or str(raw_id).strip() == "" else str(raw_id).strip()
    if found is None:
        return BadRecord(id=given_id, source=source, reason="record has no text, article or html")
    name, kind = found[0], cast(RecordKind, found[1])
    body = row[name]
    if not isinstance(body, str):
        return BadRecord(
            id=given_id, source=source, reason=f"field {name!r} must be a string, not {_kind(body)}"
        )
    title, published, url, outlet = (
        _optional(row.get(key)) for key in ("title", "published", "url", "outlet")
    )
    reference = row.get("reference")
    if isinstance(reference, list):
        reference = "\n".join(str(line) for line in reference)
    record_id = given_id or content_id(body, title=title, published=published, url=url)
    return Record(
        id=record_id,
        body=body,
        kind=kind,
        title=title,
        published=published,
        url=url,
        outlet=outlet,
        reference=_optional(reference),
        source=source,
    )


def _present(value: Any) -> bool:
    return value is not None and value != ""


def _optional(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def read_jsonl(stream: IO[bytes], *, name: str) -> Iterator[Item]:
    """Records from a stream of JSON lines; blank lines are skipped."""
    for number, raw in enumerate(stream, start=1):
        source = f"{name}:{number}"
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield BadRecord(
                id=None, source=source, reason=f"line is not valid UTF-8 ({exc.reason})"
            )
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRecord(id=None, source=source, reason=f"line is not JSON: {exc.msg}")
            continue
        if not isinstance(row, dict):
            yield BadRecord(
                id=None, source=source, reason=f"line is a JSON {_kind(row)}, not an object"
            )
            continue
        yield record_from_mapping(row, source=source)


def read_csv(stream: IO[bytes], *, name: str) -> Iterator[Item]:
    """Records from a CSV file with a header row naming the columns."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text)
    try:
        for row in _long_fields(reader):
            source = f"{name}:{reader.line_num}"
            yield record_from_mapping(
                {k: v for k, v in row.items() if k is not None}, source=source
            )
    except UnicodeDecodeError as exc:
        line = reader.line_num + 1
        yield BadRecord(
            id=None,
            source=f"{name}:{line}",
            reason=f"file is not valid UTF-8 from here ({exc.reason})",
        )
    except csv.Error as exc:
        yield BadRecord(id=None, source=f"{name}:{reader.line_num}", reason=f"bad CSV: {exc}")


def _long_fields(reader: csv.DictReader[str]) -> Iterator[dict[str, Any]]:
    """The rows of a reader, each read with the field limit raised to hold whole articles.

    The limit belongs to the whole process, so it is raised only while a row is parsed and
    restored before the row is handed on.
    """
    while True:
        previous = csv.field_size_limit(CSV_FIELD_LIMIT)
        try:
            row = next(reader)
        except StopIteration:
            return
        finally:
            csv.field_size_limit(previous)
        yield row


def split_story(text: str) -> tuple[str, str | None]:
    """Split a CNN/Daily Mail ``.story`` file into the story and its ``@highlight`` lines.

    RETURNS (tuple[str, str | None]): the story text (without trailing white space) and the
        highlights, one per line, or None when there are none.
    """
    lines = text.splitlines(keepends=True)
    marks = [i for i, line in enumerate(lines) if line.strip() == HIGHLIGHT_MARK]
    if not marks:
        return text, None
    story = "".join(lines[: marks[0]]).rstrip()
    highlights: list[str] = []
    for start, end in zip(marks, [*marks[1:], len(lines)], strict=True):
        words = " ".join(line.strip() for line in lines[start + 1 : end] if line.strip())
        if words:
            highlights.append(words)
    return story, "\n".join(highlights) or None


def read_story_file(path: Path, *, record_id: str) -> Item:
    """One record from a ``.txt``, ``.html`` or ``.story`` file."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return BadRecord(id=record_id, source=source, reason=f"cannot read file: {exc.strerror}")
    try:
        text, encoding = decode_bytes(data)
    except InputError as exc:
        return BadRecord(id=record_id, source=source, reason=str(exc))
    kind = STORY_SUFFIXES[path.suffix.lower()]
    reference = None
    if path.suffix.lower() == ".story":
        text, reference = split_story(text)
    return Record(
        id=record_id, body=text, kind=kind, reference=reference, encoding=encoding, source=source
    )


def story_files(directory: Path) -> Iterator[Path]:
    """The story files under a directory, recursively, in a stable (sorted) order."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in STORY_SUFFIXES:
                yield Path(root) / name


def read_directory(directory: Path) -> Iterator[Item]:
    """Records from every story file under a directory; each id is the file's relative path."""
    for path in story_files(directory):
        yield read_story_file(path, record_id=path.relative_to(directory).as_posix())


def input_format(name: str) -> str:
    """What kind of input a name is: ``stdin``, ``directory``, ``jsonl``, ``csv`` or ``story``.

    name (str): a path, or ``-`` for JSONL on standard input.
    RETURNS (str): the format; raises ``NoInput`` or ``InputError`` for unusable names.
    """
    if name == STDIN:
        return "stdin"
    path = Path(name)
    if path.is_dir():
        return "directory"
    if not path.exists():
        raise NoInput(f"no such file or directory: {name}")
    lower = path.name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(CSV_SUFFIXES):
        return "csv"
    if path.suffix.lower() in STORY_SUFFIXES:
        return "story"
    raise InputError(
        f"cannot tell the format of {name}: name it .jsonl or .csv (optionally .gz), "
        "give a story file (.txt, .html, .story) or a directory of them"
    )


def read_input(name: str) -> Iterator[Item]:
    """Stream the records of one input (see :func:`input_format`)."""
    fmt = input_format(name)
    if fmt == "stdin":
        yield from read_jsonl(sys.stdin.buffer, name="<stdin>")
    elif fmt == "directory":
        yield from read_directory(Path(name))
    elif fmt == "story":
        yield read_story_file(Path(name), record_id=Path(name).name)
    else:
        with _open_binary(Path(name)) as stream:
            reader = read_jsonl if fmt == "jsonl" else read_csv
            yield from reader(stream, name=name)


def _open_binary(path: Path) -> IO[bytes]:
    try:
        if path.name.lower().endswith(".gz"):
            return gzip.open(path, "rb")  # type: ignore[return-value]
        return path.open("rb")
    except OSError as exc:
        raise NoInput(f"cannot read {path}: {exc.strerror}") from exc


def read_records(inputs: Iterable[str]) -> Iterator[Item]:
    """Stream the records of every input in turn.

    inputs (Iterable[str]): JSONL or CSV files, story files, directories, or ``-`` for stdin.
    RETURNS (Iterator[Record | BadRecord]): one item per story, in input order.
    """
    for name in inputs:
        yield from read_input(name)


def check_inputs(inputs: Iterable[str]) -> list[str]:
    """Check that every input can be read before a run starts; ``-`` may appear once."""
    names = list(inputs)
    if not names:
        raise NoInput("no input given: name JSONL or CSV files, directories, or - for stdin")
    if names.count(STDIN) > 1:
        raise InputError("standard input (-) can be read only once")
    for name in names:
        input_format(name)
    return names


def count_records(inputs: Iterable[str]) -> int | None:
    """How many records the inputs hold, read cheaply; None when one of them is stdin."""
    total = 0
    for name in inputs:
        fmt = input_format(name)
        if fmt == "stdin":
            return None
        if fmt == "directory":
            total += sum(1 for _ in story_files(Path(name)))
        elif fmt == "story":
            total += 1
        elif fmt == "jsonl":
            with _open_binary(Path(name)) as stream:
                total += sum(1 for line in stream if line.strip())
        else:
            with _open_binary(Path(name)) as stream:
                text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="", errors="replace")
                total += sum(1 for _ in _long_fields(csv.DictReader(text)))
    return total
