"""Speed, size and memory of the corpus store, and the latency of its queries.

Three parts, each optional (``--parts``):

- ``add``: ``newsdigest corpus add`` of RECORDS stories (the dev articles repeated with new
  ids) into a new SQLite file, against ``newsdigest batch`` writing JSONL from the same
  records in the same run (each in a fresh process, one after the other, alternating when
  ``--rounds`` > 1): articles/s of each and their ratio, database size per story, and the
  resident memory of the main process sampled through the run (it must stay flat).
- ``queries``: p50 and p99 latency of each query on a SQLite corpus of QUERY_STORIES
  stories, built with ``corpus add --from-digests`` from digests of the dev articles (all
  sections, made once) under new ids, outlets and dates.
- ``postgres``: the same on PostgreSQL with PG_STORIES stories (a server is started on a
  socket in a temporary folder, as the tests do, unless ``--pg URL`` names one).

    .venv/bin/python benchmarks/corpus.py --records 100000 --only highlights
    .venv/bin/python benchmarks/corpus.py --parts queries,postgres
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "cnndm_dev.jsonl"
CLI = "import sys; from newsdigest.cli import main; sys.exit(main())"
# Invented outlet names, one per story in turn.
OUTLETS = (
    "Northern Ledger", "Harbour Gazette", "Coast Courier", "Valley Times", "City Herald",
    "Prairie Post", "Island Wire", "Metro Daily",
)  # fmt: skip
FIRST_DAY = dt.date(2024, 1, 1)
DAYS = 730
SAMPLES = 200  # calls of each query


def story_fields(i: int) -> dict[str, Any]:
    """The id, outlet and publication date of the ``i``-th story of a built corpus."""
    day = FIRST_DAY + dt.timedelta(days=(i * 7919) % DAYS)
    return {"id": f"s{i:06d}", "outlet": OUTLETS[i % len(OUTLETS)], "published": day.isoformat()}


def build_records(source: Path, records: int, target: Path) -> None:
    """Repeat the dev articles as JSONL records with new ids, outlets and dates."""
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    with target.open("w", encoding="utf-8") as out:
        for i in range(records):
            row = {**story_fields(i), "text": rows[i % len(rows)]["article"]}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def dev_digests(source: Path, cache: Path) -> list[dict[str, Any]]:
    """Digests of the dev articles with every section (made once, kept in ``cache``)."""
    if not cache.exists():
        from newsdigest import load
        from newsdigest.pipeline import Pipeline

        pipeline = Pipeline()
        rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
        with cache.open("w", encoding="utf-8") as out:
            for row in rows:
                digest = pipeline(load({"id": row["id"], "text": row["article"]})).to_dict()
                out.write(json.dumps(digest, ensure_ascii=False) + "\n")
    return [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]


def build_digests(base: list[dict[str, Any]], stories: int, target: Path) -> None:
    """``stories`` digests: the dev digests in turn under new ids, outlets and dates."""
    with target.open("w", encoding="utf-8") as out:
        for i in range(stories):
            digest = base[i % len(base)]
            fields = story_fields(i)
            article = {**digest["article"], **fields}
            out.write(json.dumps({**digest, "article": article}, ensure_ascii=False) + "\n")


@dataclass
class Run:
    """One command's figures: wall time and the main process's memory through the run."""

    label: str
    records: int
    seconds: float = 0.0
    rss_mib: list[tuple[float, float]] = field(default_factory=list)  # (seconds, MiB)

    @property
    def rate(self) -> float:
        return self.records / self.seconds

    def rss_quarters(self) -> list[float]:
        """Peak resident memory (MiB) in each quarter of the run."""
        quarters = [0.0] * 4
        for at, mib in self.rss_mib:
            index = min(3, int(4 * at / max(self.seconds, 1e-9)))
            quarters[index] = max(quarters[index], mib)
        return quarters


def _rss_mib(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def run_command(label: str, records: int, args: list[str]) -> Run:
    """Run ``newsdigest ARGS`` in a fresh process, sampling its memory twice a second."""
    run = Run(label, records)
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, *args], stderr=subprocess.PIPE, text=True
    )
    finished = threading.Event()

    def sample() -> None:
        while not finished.is_set():
            mib = _rss_mib(process.pid)
            if mib is not None:
                run.rss_mib.append((time.monotonic() - started, mib))
            finished.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    run.seconds = time.monotonic() - started
    finished.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{label} failed ({process.returncode}):\n{stderr}")
    return run


def part_add(options: argparse.Namespace, tmp: Path) -> None:
    records = tmp / "records.jsonl"
    build_records(options.data, options.records, records)
    common = ["--workers", str(options.workers), "--no-progress"]
    if options.only:
        common += ["--only", options.only]
    batches: list[Run] = []
    adds: list[Run] = []
    for round_ in range(options.rounds):
        out, db = tmp / f"batch-{round_}.jsonl", tmp / f"corpus-{round_}.db"
        batch = ["batch", str(records), "--out", str(out), *common]
        batches.append(run_command("batch -> JSONL", options.records, batch))
        add = ["corpus", "add", str(records), "--db", str(db), *common]
        adds.append(run_command("corpus add -> SQLite", options.records, add))
        size = sum(p.stat().st_size for p in tmp.glob(f"corpus-{round_}.db*"))
        print(
            f"round {round_ + 1}: batch {batches[-1].rate:.1f}/s, corpus add "
            f"{adds[-1].rate:.1f}/s (ratio {adds[-1].rate / batches[-1].rate:.2f}), "
            f"database {size / options.records / 1024:.1f} KiB per story",
            flush=True,
        )
        out.unlink()
        if round_ + 1 < options.rounds:
            for path in tmp.glob(f"corpus-{round_}.db*"):
                path.unlink()
    best_batch = max(batches, key=lambda r: r.rate)
    best_add = max(adds, key=lambda r: r.rate)
    sections = options.only or "all sections"
    print(
        f"\nadd: {options.records:,} records ({sections}, {options.workers} workers), "
        f"best of {options.rounds}"
    )
    for run in (best_batch, best_add):
        quarters = ", ".join(f"{mib:.0f}" for mib in run.rss_quarters())
        print(
            f"  {run.label:<22} {run.seconds:8.1f} s  {run.rate:8.1f}/s  "
            f"main RSS per quarter of the run: {quarters} MiB"
        )
    print(f"  ratio corpus add / batch: {best_add.rate / best_batch.rate:.2f} (target >= 0.8)")


@dataclass
class Query:
    """One query of the benchmark: its name, whether an index serves it, and a call."""

    name: str
    indexed: bool
    call: Callable[[Any, int], object]


def queries(store: Any, sample: dict[str, list[str]]) -> list[Query]:
    """The queries timed, each called with the store and the call's number."""
    from newsdigest.corpus import digests
    from newsdigest.corpus import queries as q

    def pick(name: str, i: int) -> str:
        values = sample[name]
        return values[i % len(values)]

    def month(i: int) -> q.Window:
        day = FIRST_DAY + dt.timedelta(days=(i * 37) % DAYS)
        return q.Window(
            since=day.strftime("%Y-%m"), until=day.strftime("%Y-%m"), outlet=pick("outlets", i)
        )

    return [
        Query("stories (newest 50)", True, lambda s, i: q.stories(s)),
        Query(
            "stories --outlet --since --until (a month)",
            True,
            lambda s, i: q.stories(s, window=month(i)),
        ),
        Query("stories --search WORD", True, lambda s, i: q.stories(s, search=pick("words", i))),
        Query("show ID", True, lambda s, i: digests.show(s, pick("ids", i))),
        Query("show ID --changes", True, lambda s, i: digests.changes(s, pick("ids", i))),
        Query("quotes (newest 50)", True, lambda s, i: q.quotes(s)),
        Query("quotes --person NAME", True, lambda s, i: q.quotes(s, person=pick("people", i))),
        Query("quotes --search WORD", True, lambda s, i: q.quotes(s, search=pick("words", i))),
        Query("timeline (first 50 by date)", True, lambda s, i: q.timeline(s)),
        Query("timeline --person NAME", True, lambda s, i: q.timeline(s, person=pick("people", i))),
        Query("search WORD", True, lambda s, i: q.search(s, pick("words", i))),
        Query(
            "people --outlet --since --until (a month)",
            True,
            lambda s, i: q.people(s, window=month(i)),
        ),
        Query("people (whole corpus)", True, lambda s, i: q.people(s)),
    ]


def time_queries(label: str, store: Any, stories: int, samples: int) -> None:
    """Print p50/p99 of each query, called ``samples`` times with varied arguments."""
    sample = _sample(store)
    print(f"\n{label}: {stories:,} stories, {samples} calls per query (ms)")
    print(f"  {'query':<46} {'p50':>8} {'p99':>8}  index")
    for query in queries(store, sample):
        times = []
        for i in range(samples):
            started = time.perf_counter()
            query.call(store, i)
            times.append((time.perf_counter() - started) * 1000)
        p50 = statistics.median(times)
        p99 = statistics.quantiles(times, n=100)[98]
        flag = (
            "yes" + (" (p99 < 100 ms)" if p99 < 100 else " (p99 >= 100 ms: NOT met)")
            if query.indexed
            else "no (scans)"
        )
        print(f"  {query.name:<46} {p50:8.1f} {p99:8.1f}  {flag}", flush=True)


def _sample(store: Any) -> dict[str, list[str]]:
    """Arguments to vary the calls: story ids, outlets, people's names, words."""
    db = store.db
    ids = [r["id"] for r in db.rows("SELECT id FROM stories ORDER BY id LIMIT 500")]
    people = [
        r["name"]
        for r in db.rows(
            "SELECT name FROM entities WHERE type = 'PERSON' AND version_id IN "
            "(SELECT current FROM stories ORDER BY id LIMIT 100) GROUP BY name LIMIT 50"
        )
    ]
    words = ["police", "election", "hospital", "court", "storm", "president", "school",
             "football", "fire", "market", "\"prime minister\"", "museum OR gallery"]  # fmt: skip
    return {"ids": ids, "outlets": list(OUTLETS), "people": people, "words": words}


def fill(db: str, digests_file: Path, stories: int, label: str) -> float:
    """Add the digests with ``corpus add --from-digests``; RETURNS its seconds."""
    run = run_command(
        label,
        stories,
        ["corpus", "add", "--db", db, "--from-digests", str(digests_file), "--no-progress"],
    )
    quarters = ", ".join(f"{mib:.0f}" for mib in run.rss_quarters())
    print(
        f"{label}: {stories:,} stories in {run.seconds:.0f} s ({run.rate:.1f}/s), "
        f"main RSS per quarter: {quarters} MiB",
        flush=True,
    )
    return run.seconds


def replicate(url: str, total: int) -> int:
    """Copy the rows of a corpus's stories under new ids until it holds ``total`` stories.

    Adding stories one by one runs the corpus links for each, which on a shared machine
    takes hours for 100,000; the copies give the query tables their full size (every
    section, the full-text indexes, the links' rows) at the cost of repeating contents.
    RETURNS (int): the number of stories now stored.
    """
    from newsdigest.corpus import counts
    from newsdigest.corpus.store import open_store
    from newsdigest.corpus.tables import article_fields

    with open_store(url, write=True) as store:
        db = store.db
        base = int(db.value("SELECT count(*) FROM stories"))
        top = int(db.value("SELECT max(id) FROM versions"))
        article = ", ".join(name for f in article_fields() for name in f.columns)
        version = f"number, added, content_hash, input_hash, sections, text, {article}"
        copies = -(-total // base) - 1
        chosen = "(SELECT current FROM stories WHERE current <= ? ORDER BY current LIMIT ?)"
        for copy in range(1, copies + 1):
            which = (top, min(base, total - base * copy))
            off, suffix = copy * top, f"~{copy}"
            with db.transaction():
                db.execute(
                    f"INSERT INTO versions (id, story_id, {version}) SELECT id + ?, "
                    f"story_id || ?, {version} FROM versions WHERE id IN {chosen}",
                    (off, suffix, *which),
                )
                for table, names in _copied_tables():
                    db.execute(
                        f"INSERT INTO {table} (version_id, {names}) SELECT version_id + ?, "
                        f"{names} FROM {table} WHERE version_id IN {chosen}",
                        (off, *which),
                    )
                db.execute(
                    "INSERT INTO story_links (story_id, cluster_id, duplicate_of, published, "
                    "outlet, signature, seq) SELECT story_id || ?, cluster_id, duplicate_of, "
                    "published, outlet, signature, seq + ? FROM story_links WHERE story_id IN "
                    f"(SELECT id FROM stories WHERE current IN {chosen})",
                    (suffix, copy * base, *which),
                )
                db.execute(
                    "INSERT INTO stories (id, current, versions, first_added, last_added, title, "
                    "published, outlet) SELECT id || ?, current + ?, versions, first_added, "
                    f"last_added, title, published, outlet FROM stories WHERE current IN {chosen}",
                    (suffix, off, *which),
                )
        with db.transaction():
            db.execute("DELETE FROM people_counts")
            counts.count_all(db)
        return int(db.value("SELECT count(*) FROM stories"))


def _copied_tables() -> list[tuple[str, str]]:
    """Each item table (and child table) with its columns but ``version_id``."""
    from newsdigest.corpus.tables import item_tables

    found = []
    for table in item_tables():
        found.append((table.table, ", ".join(["idx", *table.column_names()])))
        if table.child is not None:
            found.append((table.child.table, "item, idx, span_start, span_end"))
    return found


def build(url: str, base: list[dict[str, Any]], added: int, total: int, label: str) -> None:
    """A corpus of ``total`` stories: ``added`` of them added with ``corpus add
    --from-digests`` (timed), the rest copies of their rows (see :func:`replicate`)."""
    digests_file = Path(tempfile.mkdtemp(prefix="newsdigest-bench-")) / "digests.jsonl"
    build_digests(base, added, digests_file)
    fill(url, digests_file, added, f"{label}, corpus add --from-digests")
    if total > added:
        started = time.monotonic()
        stored = replicate(url, total)
        print(f"{label}: copied to {stored:,} stories in {time.monotonic() - started:.0f} s")


def part_queries(options: argparse.Namespace, tmp: Path, base: list[dict[str, Any]]) -> None:
    from newsdigest.corpus.store import open_store

    db = options.sqlite_db or str(tmp / "queries.db")
    if not Path(db).exists():  # built here (kept when --sqlite-db names it)
        build(db, base, min(options.added, options.query_stories), options.query_stories, "SQLite")
    size = sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "*"))
    with open_store(db) as store:
        count = int(store.db.value("SELECT count(*) FROM stories"))
        print(f"SQLite database: {size / count / 1024:.1f} KiB per story ({size / 2**20:.0f} MiB)")
        time_queries("SQLite", store, count, options.samples)


def part_postgres(options: argparse.Namespace, tmp: Path, base: list[dict[str, Any]]) -> None:
    from newsdigest.corpus.store import open_store

    server = None
    url = options.pg
    if url is None:
        sys.path.insert(0, str(REPO / "tests" / "test_corpus"))
        from pg_server import TemporaryPostgres, server_binaries

        binaries = server_binaries()
        if binaries is None:
            print("\npostgres: skipped (no initdb/pg_ctl: apt-get install postgresql)")
            return
        server = TemporaryPostgres(binaries)
        url = server.new_database("bench")
    try:
        build(url, base, min(options.added, options.pg_stories), options.pg_stories, "PostgreSQL")
        with open_store(url) as store:
            store.db.execute("ANALYZE")
            count = int(store.db.value("SELECT count(*) FROM stories"))
            time_queries("PostgreSQL", store, count, options.samples)
    finally:
        if server is not None:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default="add,queries,postgres", help="add, queries, postgres")
    parser.add_argument("--data", type=Path, default=DEV, help="JSONL with id and article.")
    parser.add_argument("--records", type=int, default=100_000, help="Records of the add part.")
    parser.add_argument(
        "--only", default="highlights", help="Sections of the add part ('' for all)."
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1, help="Runs of each command (best kept).")
    parser.add_argument("--query-stories", type=int, default=100_000)
    parser.add_argument("--pg-stories", type=int, default=10_000)
    parser.add_argument(
        "--added", type=int, default=2_000, help="Stories added one by one (the rest copied)."
    )
    parser.add_argument("--samples", type=int, default=SAMPLES, help="Calls of each query.")
    parser.add_argument(
        "--sqlite-db", default=None, help="The queries' corpus: reused if it exists, else built."
    )
    parser.add_argument("--pg", default=None, help="A PostgreSQL URL (default: start one).")
    cache = Path(tempfile.gettempdir()) / "newsdigest-bench-digests.jsonl"
    parser.add_argument("--cache", type=Path, default=cache, help="Dev digests kept between runs.")
    options = parser.parse_args()
    if not options.data.is_file():
        raise SystemExit(f"{options.data} not found (the development data lives in ../shared)")
    parts = set(options.parts.split(","))
    with tempfile.TemporaryDirectory(prefix="newsdigest-corpus-bench-") as name:
        tmp = Path(name)
        if "add" in parts:
            part_add(options, tmp)
        if parts & {"queries", "postgres"}:
            base = dev_digests(options.data, options.cache)
            if "queries" in parts:
                part_queries(options, tmp, base)
            if "postgres" in parts:
                part_postgres(options, tmp, base)


if __name__ == "__main__":
    main()
