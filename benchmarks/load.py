"""A bounded load run against ``newsdigest serve`` on loopback: requests/s, p50/p99 latency, errors.

By default it starts its own server on a free loopback port, sends a fixed number of
requests from a fixed number of concurrent clients, stops by itself, and stops the server.
For comparison it first digests the same story in this process, one after another (the
baseline), and reports the server's throughput as a ratio of that.

    python benchmarks/load.py                         # 50 clients, 2,000 requests
    python benchmarks/load.py --requests 200 --concurrency 10 --workers 1
    python benchmarks/load.py --url http://127.0.0.1:8000   # a server already running

Exit status: 0 when every request got a 200, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "council_vote.txt"
LAUNCH = "import sys; from newsdigest.cli import main; sys.exit(main(sys.argv[1:]))"
SERVING = re.compile(r"serving on (http://\S+) with")
START_DEADLINE = 180.0


@dataclass
class Report:
    requests: int
    concurrency: int
    workers: int | None
    story_chars: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    error_kinds: dict[str, int]
    baseline_stories_per_s: float | None
    ratio_to_baseline: float | None


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (``share`` in 0..1)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def require_loopback(url: str) -> None:
    """Refuse any target that is not this machine."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    sys.exit(f"load.py: {url} is not a loopback address; this benchmark only targets this machine")


def baseline(story: str, published: str, count: int) -> float:
    """Stories per second digested in this process, one after another, after a warm-up."""
    from newsdigest.ingest.text import article_from_text
    from newsdigest.pipeline import Pipeline

    pipeline = Pipeline()
    article = article_from_text(story, published=published)
    pipeline(article).to_dict()
    started = time.perf_counter()
    for _ in range(count):
        pipeline(article).to_dict()
    return count / (time.perf_counter() - started)


class Server:
    """``newsdigest serve`` on a free loopback port, for the length of the run."""

    def __init__(self, workers: int | None, log_path: Path) -> None:
        args = ["serve", "--host", "127.0.0.1", "--port", "0"]
        if workers:
            args += ["--workers", str(workers)]
        self.log_path = log_path
        with log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", LAUNCH, *args], stdout=log, stderr=subprocess.STDOUT
            )
        self.url = self._wait()

    def _wait(self) -> str:
        deadline = time.monotonic() + START_DEADLINE
        url = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"load.py: the server exited:\n{self.log_path.read_text()}")
            found = url or SERVING.search(self.log_path.read_text())
            if found:
                url = found if isinstance(found, str) else found.group(1)
                try:
                    if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                        return url
                except httpx.TransportError:
                    pass
            time.sleep(0.2)
        self.stop()
        sys.exit("load.py: the server did not become ready")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


async def load(
    url: str, payload: dict[str, str], total: int, concurrency: int, max_seconds: float
) -> tuple[list[float], dict[str, int], float]:
    """Send ``total`` requests from ``concurrency`` clients; stop early at ``max_seconds``."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    issued = 0
    deadline = time.monotonic() + max_seconds

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal issued
        while issued < total and time.monotonic() < deadline:
            issued += 1
            started = time.perf_counter()
            try:
                response = await http.post("/v1/digest", json=payload)
                kind = None if response.status_code == 200 else f"HTTP {response.status_code}"
            except httpx.HTTPError as exc:
                kind = type(exc).__name__
            latencies.append(time.perf_counter() - started)
            if kind:
                errors[kind] = errors.get(kind, 0) + 1

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    unsent = total - len(latencies)
    if unsent:
        errors["not sent before --max-seconds"] = unsent
    return latencies, errors, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests to send (2000)")
    parser.add_argument("--concurrency", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--workers", type=int, default=None, help="server workers (one per core)")
    parser.add_argument("--url", default=None, help="a running server on loopback instead")
    parser.add_argument("--story", type=Path, default=EXAMPLE, help="story to send")
    parser.add_argument("--published", default="2026-03-11", help="its publication date")
    parser.add_argument("--baseline", type=int, default=30, help="in-process digests (0: none)")
    parser.add_argument("--max-seconds", type=float, default=900, help="stop sending after this")
    parser.add_argument("--json", type=Path, default=None, help="also write the report here")
    args = parser.parse_args()

    story = args.story.read_text(encoding="utf-8")
    rate = baseline(story, args.published, args.baseline) if args.baseline else None
    payload = {"text": story, "published": args.published}
    with tempfile.TemporaryDirectory() as folder:
        server = None
        if args.url:
            require_loopback(args.url)
            url = args.url.rstrip("/")
        else:
            server = Server(args.workers, Path(folder) / "server.log")
            url = server.url
        try:
            latencies, errors, elapsed = asyncio.run(
                load(url, payload, args.requests, args.concurrency, args.max_seconds)
            )
        finally:
            if server:
                server.stop()

    per_s = len(latencies) / elapsed if elapsed else 0.0
    report = Report(
        requests=len(latencies),
        concurrency=args.concurrency,
        workers=args.workers,
        story_chars=len(story),
        seconds=round(elapsed, 2),
        requests_per_s=round(per_s, 2),
        p50_ms=round(1000 * percentile(latencies, 0.50), 1) if latencies else 0.0,
        p99_ms=round(1000 * percentile(latencies, 0.99), 1) if latencies else 0.0,
        max_ms=round(1000 * max(latencies), 1) if latencies else 0.0,
        errors=sum(errors.values()),
        error_kinds=errors,
        baseline_stories_per_s=round(rate, 2) if rate else None,
        ratio_to_baseline=round(per_s / rate, 2) if rate else None,
    )
    print(f"requests      {report.requests} from {report.concurrency} clients")
    print(f"story         {report.story_chars:,} characters ({args.story.name})")
    print(f"time          {report.seconds} s")
    print(f"throughput    {report.requests_per_s} requests/s")
    print(f"latency       p50 {report.p50_ms} ms, p99 {report.p99_ms} ms, max {report.max_ms} ms")
    print(f"errors        {report.errors} {errors or ''}".rstrip())
    if rate:
        print(f"baseline      {report.baseline_stories_per_s} stories/s in one process, sequential")
        print(f"ratio         {report.ratio_to_baseline}x the baseline")
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8")
    return 0 if report.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
