"""Throughput and memory of ``newsdigest batch``: 1 worker against 2, and the Ray engine.

Builds a corpus by repeating ``../shared/data/cnndm_dev.jsonl`` with new ids, runs the batch
command on it once per configuration (each in a fresh process, one after the other), and
reports articles/s, the speed-up over one worker, and the peak RSS of the main process and
of each worker (read from /proc while the run goes).

    .venv/bin/python benchmarks/batch.py --records 10000
    .venv/bin/python benchmarks/batch.py --records 200 --only highlights --engines local
    .venv/bin/python benchmarks/batch.py --records 60 --parse-batches 2,4,8   # in-process
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "cnndm_dev.jsonl"
CLI = "import sys; from newsdigest.cli import main; sys.exit(main())"


def build_corpus(source: Path, records: int, target: Path) -> None:
    """Repeat the dev articles with new ids until there are ``records`` of them."""
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    with target.open("w", encoding="utf-8") as f:
        for i in range(records):
            row = rows[i % len(rows)]
            copy = {"id": f"{row['id']}-{i // len(rows)}", "article": row["article"]}
            f.write(json.dumps(copy, ensure_ascii=False) + "\n")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _descendants(pid: int) -> list[int]:
    tree, found, todo = _children(), [], [pid]
    while todo:
        current = todo.pop()
        for child in tree.get(current, []):
            found.append(child)
            todo.append(child)
    return found


def _peak_kib(pid: int) -> tuple[int, str] | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]), cmdline
    return None


@dataclass
class Run:
    """One configuration's figures."""

    label: str
    records: int
    seconds: float = 0.0
    first_line: float = 0.0
    main_kib: int = 0
    worker_kib: list[int] = field(default_factory=list)
    actor_kib: list[int] = field(default_factory=list)
    cpu_seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.records / self.seconds

    @property
    def steady_rate(self) -> float:
        return self.records / max(self.seconds - self.first_line, 1e-9)


def _is_worker(cmdline: str) -> bool:
    """A digest worker process (the local engine's, or a Ray actor's own)."""
    return "multiprocessing" in cmdline and "spawn" in cmdline


def _is_actor(cmdline: str) -> bool:
    return "MapWorker" in cmdline or "DigestActor" in cmdline


def run_once(corpus: Path, out: Path, engine: str, workers: int, only: str | None) -> Run:
    """Run the batch command once, sampling the peak RSS of its processes."""
    args = [sys.executable, "-c", CLI, "batch", str(corpus), "--out", str(out)]
    args += ["--workers", str(workers), "--engine", engine, "--no-text", "--no-progress"]
    if only:
        args += ["--only", only]
    run = Run(f"{engine}, {workers} worker{'s' * (workers > 1)}", sum(1 for _ in corpus.open()))
    peaks: dict[int, tuple[int, str]] = {}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    finished = threading.Event()

    def sample() -> None:
        while not finished.is_set():
            for pid in [process.pid, *_descendants(process.pid)]:
                peak = _peak_kib(pid)
                if peak:
                    peaks[pid] = max(peaks.get(pid, peak), peak)
            if not run.first_line and out.exists() and out.stat().st_size > 0:
                run.first_line = time.monotonic() - started
            finished.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    run.seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    run.cpu_seconds = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    finished.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{run.label} failed ({process.returncode}):\n{stderr}")
    run.main_kib = peaks.get(process.pid, (0, ""))[0]
    run.worker_kib = sorted((kib for kib, cmd in peaks.values() if _is_worker(cmd)), reverse=True)
    run.actor_kib = sorted((kib for kib, cmd in peaks.values() if _is_actor(cmd)), reverse=True)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEV, help="JSONL with id and article.")
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--only", default=None, help="Sections to compute (default: all).")
    parser.add_argument("--engines", default="local,ray", help="local, ray or local,ray")
    parser.add_argument("--workers", default="1,2", help="Worker counts to compare.")
    parser.add_argument(
        "--parse-batches",
        default=None,
        help="Instead: CPU per digest, in this process, parsing this many stories at a time "
        "(e.g. 2,4,8; compared with one at a time).",
    )
    parser.add_argument("--rounds", type=int, default=5, help="Rounds of --parse-batches.")
    options = parser.parse_args()
    if not options.data.is_file():
        raise SystemExit(f"{options.data} not found (the development data lives in ../shared)")
    if options.parse_batches:
        sizes = [int(n) for n in options.parse_batches.split(",")]
        compare_parse_batches(options.data, options.records, sizes, options.rounds, options.only)
        return
    counts = [int(n) for n in options.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="newsdigest-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        build_corpus(options.data, options.records, corpus)
        runs = []
        for engine in options.engines.split(","):
            for workers in counts if engine == "local" else counts[-1:]:
                out = Path(tmp) / f"out-{engine}-{workers}.jsonl"
                runs.append(run_once(corpus, out, engine, workers, options.only))
                _print(runs[-1], runs[0])
    sections = options.only or "all"
    print(f"\n{options.records:,} records from {options.data.name}; sections: {sections}")


def compare_parse_batches(
    data: Path, records: int, sizes: list[int], rounds: int, only: str | None
) -> None:
    """CPU time per digest of stories parsed ``size`` at a time (``Pipeline.pipe``), against
    one at a time, alternating in the same process; prints the median ratio of the rounds."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")  # one thread, as in a worker, before numpy loads
    from newsdigest.ingest.load import load
    from newsdigest.pipeline import Pipeline

    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
    articles = [load(row["article"], html=False) for row in rows[:records]]
    sections = only.split(",") if only else None
    pipeline = Pipeline()
    pipeline(articles[0], only=sections)  # loads every model

    def cpu(size: int) -> float:
        started = time.process_time()
        if size == 1:
            for article in articles:
                pipeline(article, only=sections).to_dict()
        else:
            for digest in pipeline.pipe(articles, only=sections, batch_size=size):
                digest.to_dict()
        return time.process_time() - started

    ratios: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(rounds):
        alone = cpu(1)
        for size in sizes:
            ratios[size].append(alone / cpu(size))
    print(f"{len(articles)} stories, sections: {only or 'all'}; one at a time = 1.00")
    for size, values in ratios.items():
        shown = ", ".join(f"{v:.2f}" for v in values)
        print(f"{size:>3} at a time: x{statistics.median(values):.2f} less CPU (rounds: {shown})")


def _cpu(run: Run) -> str:
    if run.label.startswith("ray"):
        return "CPU n/a (Ray's workers are not children of the run)"
    per_article = run.cpu_seconds / run.records * 1000
    return f"CPU {per_article:.0f} ms/article, {run.cpu_seconds / run.seconds:.2f} cores busy"


def _print(run: Run, baseline: Run) -> None:
    workers = ", ".join(f"{kib / 1024:.0f}" for kib in run.worker_kib) or "-"
    if run.actor_kib:
        workers += "; Ray actors " + ", ".join(f"{kib / 1024:.0f}" for kib in run.actor_kib)
    print(
        f"{run.label:<18} {run.seconds:7.1f} s  {run.rate:7.1f} articles/s "
        f"(x{run.rate / baseline.rate:.2f} vs {baseline.label}; after the first digest "
        f"{run.steady_rate:.1f}/s, x{run.steady_rate / baseline.steady_rate:.2f})  "
        f"{_cpu(run)}  "
        f"peak RSS main {run.main_kib / 1024:.0f} MiB, workers {workers} MiB",
        flush=True,
    )


if __name__ == "__main__":
    main()
