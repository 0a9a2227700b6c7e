"""Hostile web pages of 5 MB: seconds to read or refuse each, against lxml's parse of it.

Each page is a short story followed by one hostile construct repeated to the size asked
for: tags, attribute quotes and comments left open, deep nesting, runs of character
references, NUL bytes. In one process, for each page, best of ``--rounds``:

- ``lxml.html.fromstring(page)``: the baseline, a single pass of C over the page;
- ``article_from_html(page)``: newsdigest's whole extraction, read or refused.

With ``--trafilatura``, trafilatura's own ``bare_extraction`` is also timed on each page
(in a child process stopped after ``--cap`` seconds, since some of these pages take it
minutes): that is what the page limits spare it.

    python benchmarks/hostile_html.py [--size 5000000] [--rounds 3] [--trafilatura]
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import time
from collections.abc import Callable

STORY = "<p>" + "The council voted on Monday to keep the harbour ferry running all winter. " * 6
HEAD = (
    "<!DOCTYPE html><html><head><title>Ferry to run all winter</title></head><body><article>"
    + (STORY + "</p>") * 3
)


def repeated(unit: str, size: int, before: str = "") -> str:
    """The story, then ``before``, then ``unit`` repeated to about ``size`` characters."""
    count = max(1, (size - len(HEAD) - len(before)) // len(unit))
    return HEAD + before + unit * count


def nested(depth: int) -> str:
    return HEAD + "<div>" * depth + STORY + "</p>" + "</div>" * depth


PAGES: dict[str, Callable[[int], str]] = {
    "unclosed tags": lambda size: repeated("<a ", size),
    "unclosed tags with attributes": lambda size: repeated("<a href=x ", size),
    "unclosed attribute quote": lambda size: repeated("word ", size, '<a href="'),
    "attribute quotes, each left open": lambda size: repeated("<a href='x>y ", size),
    "unclosed comment": lambda size: repeated("word ", size, "<!--"),
    "comment openers": lambda size: repeated("<!--", size),
    "dashes in a comment": lambda size: repeated("--!-", size, "<!--"),
    "bogus comments": lambda size: repeated("<!", size),
    "unclosed script": lambda size: repeated("<!--<script>", size, "<script>"),
    "unclosed paragraphs": lambda size: repeated("<p>word", size),
    "200,000 nested elements": lambda size: nested(200_000),
    "nested elements to the size": lambda size: nested(size // 11),
    "named references": lambda size: repeated("&amp;", size, "<p>"),
    "legacy references": lambda size: repeated("&copy", size, "<p>"),
    "numeric references": lambda size: repeated("&#x41;", size, "<p>"),
    "bare ampersands": lambda size: repeated("&", size, "<p>"),
    "NUL bytes": lambda size: repeated("\x00", size, "<p>"),
    "NUL bytes in tags": lambda size: repeated("<\x00a\x00>", size),
    "less-than signs": lambda size: repeated("< ", size, "<p>"),
    "caption classes": lambda size: repeated("<div class=caption id='credit'>x", size),
    "one long paragraph (not hostile)": lambda size: repeated("word ", size, "<p>"),
}


def best_seconds(run: Callable[[str], object], page: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run(page)
        best = min(best, time.perf_counter() - started)
    return best


def outcome(page: str) -> str:
    from newsdigest.errors import NewsdigestError
    from newsdigest.ingest.html import article_from_html

    try:
        article = article_from_html(page)
    except NewsdigestError as exc:
        return f"refused: {str(exc)[:58]}"
    return f"read: {len(article.text):,} characters"


def trafilatura_alone(page: str, cap: float) -> str:
    """Seconds of trafilatura's bare_extraction on the page, or '> cap' if stopped."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_time_trafilatura, args=(page, queue))
    child.start()
    child.join(cap)
    if child.is_alive():
        child.kill()
        child.join()
        return f">{cap:.0f}"
    return f"{queue.get():.2f}"


def _time_trafilatura(page: str, queue: multiprocessing.Queue[float]) -> None:
    import trafilatura

    started = time.perf_counter()
    with contextlib.suppress(Exception):  # only the time matters here
        trafilatura.bare_extraction(page, with_metadata=True, include_tables=True)
    queue.put(time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", type=int, default=5_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--trafilatura", action="store_true")
    parser.add_argument("--cap", type=float, default=60.0)
    args = parser.parse_args()

    import lxml.html
    import trafilatura

    from newsdigest.ingest.html import article_from_html

    article_from_html(HEAD + "</article></body></html>")  # load the extractor first
    if args.trafilatura:
        trafilatura.bare_extraction(HEAD, with_metadata=True)
    print(f"pages of {args.size:,} characters, best of {args.rounds} rounds")
    header = f"{'page':34} {'chars':>9} {'lxml s':>7} {'newsdigest s':>12} {'ratio':>6}"
    print(header + ("  trafilatura s" if args.trafilatura else "") + "  outcome")
    worst = 0.0
    for name, build in PAGES.items():
        page = build(args.size)
        baseline = best_seconds(lxml.html.fromstring, page, args.rounds)
        seconds = best_seconds(outcome, page, args.rounds)
        worst = max(worst, seconds)
        ratio = seconds / baseline
        line = f"{name:34} {len(page):9,} {baseline:7.2f} {seconds:12.2f} {ratio:6.1f}"
        if args.trafilatura:
            line += f"  {trafilatura_alone(page, args.cap):>13}"
        print(f"{line}  {outcome(page)}", flush=True)
    print(f"slowest page: {worst:.2f} s")


if __name__ == "__main__":
    main()
