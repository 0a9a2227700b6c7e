"""Hostile web pages of 5 MB: seconds to read or refuse each, against an ordinary page.

Each page is a short story followed by one hostile construct repeated to the size asked
for: tags, attribute quotes and comments left open, deep nesting, runs of character
references, NUL bytes. In one process, best of ``--rounds``:

- the baseline: ``article_from_html`` on an ordinary news page of the same size (the
  story and its boilerplate, with an inline script of data that makes up the size, as
  large pages have);
- ``article_from_html(page)`` on each hostile page: read or refused, and how long it took.

With ``--trafilatura``, trafilatura's own ``bare_extraction`` is also timed on each page
(in a child process stopped after ``--cap`` seconds, since some of these pages take it
minutes): that is what the page limits spare it. The last page is not hostile and keeps
within every limit, yet takes trafilatura long: the time limit (20 s) is what bounds it.

    python benchmarks/hostile_html.py [--size 5000000] [--rounds 3] [--trafilatura]
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import time
from collections.abc import Callable

PARAGRAPHS = (
    "The council voted on Monday to keep the harbour ferry running all winter, after a "
    "debate that lasted most of the evening and drew a crowd to the public gallery.",
    "The ferry carries about four hundred people a day between the old quay and the island, "
    "and its operator had said that the cold months no longer paid for themselves.",
    "The subsidy will come from a reserve set aside for coastal works, which leaves less "
    "money for the repairs to the sea wall that residents of the seafront have asked for.",
    "The operator said it would publish a winter timetable next week and keep the fares it "
    "charged last year until the council reviews the arrangement in the spring.",
)
STORY = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
HEAD = (
    "<!DOCTYPE html><html><head><title>Ferry to run all winter</title></head><body><article>"
    + STORY
)


def repeated(unit: str, size: int, before: str = "") -> str:
    """The story, then ``before``, then ``unit`` repeated to about ``size`` characters."""
    count = max(1, (size - len(HEAD) - len(before)) // len(unit))
    return HEAD + before + unit * count


def nested(depth: int) -> str:
    return HEAD + "<div>" * depth + STORY + "</div>" * depth


def ordinary(size: int) -> str:
    """A news page of about ``size`` characters, most of them an inline script of data."""
    item = '{"id": 1204, "headline": "Harbour dredging to start in March", "section": "news"}, '
    data = "<script>window.__DATA__ = [" + item * ((size - 3000) // len(item)) + "];</script>"
    return (
        "<!DOCTYPE html><html><head><title>Ferry to run all winter</title>"
        '<meta property="article:published_time" content="2026-02-03">'
        f"{data}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Ferry to run all winter</h1>{STORY}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    )


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
    "nested elements to the size": lambda size: nested((size - len(HEAD) - len(STORY)) // 11),
    "named references": lambda size: repeated("&amp;", size, "<p>"),
    "legacy references": lambda size: repeated("&copy", size, "<p>"),
    "numeric references": lambda size: repeated("&#x41;", size, "<p>"),
    "bare ampersands": lambda size: repeated("&", size, "<p>"),
    "NUL bytes": lambda size: repeated("\x00", size, "<p>"),
    "NUL bytes in tags": lambda size: repeated("<\x00a\x00>", size),
    "less-than signs": lambda size: repeated("< ", size, "<p>"),
    "caption classes": lambda size: repeated("<div class=caption id='credit'>x", size),
    "one long paragraph (not hostile)": lambda size: repeated("word ", size, "<p>"),
    # within every limit, and still long for trafilatura: the time limit is what stops it
    "40,000 short paragraphs (1.1 MB)": lambda size: HEAD + "<p>Word of a story here.</p>" * 40_000,
}


def best_seconds(pages: list[str], rounds: int) -> list[float]:
    """Seconds of ``article_from_html`` on each page, best of ``rounds``; the pages take
    turns in every round, so that each is timed in the same moments as the others."""
    best = [float("inf")] * len(pages)
    for _ in range(rounds):
        for index, page in enumerate(pages):
            started = time.perf_counter()
            outcome(page)
            best[index] = min(best[index], time.perf_counter() - started)
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

    import trafilatura

    from newsdigest.ingest.html import article_from_html

    article_from_html(HEAD + "</article></body></html>")  # load the extractor first
    if args.trafilatura:
        trafilatura.bare_extraction(HEAD, with_metadata=True)
    print(f"pages of {args.size:,} characters, best of {args.rounds} rounds")
    ordinary_page = ordinary(args.size)
    print(f"baseline, an ordinary page: {outcome(ordinary_page)}")
    header = f"{'page':34} {'chars':>9} {'seconds':>8} {'baseline s':>10} {'ratio':>7}"
    print(header + ("  trafilatura s" if args.trafilatura else "") + "  outcome")
    worst = 0.0
    for name, build in PAGES.items():
        page = build(args.size)
        seconds, baseline = best_seconds([page, ordinary_page], args.rounds)
        worst = max(worst, seconds)
        line = (
            f"{name:34} {len(page):9,} {seconds:8.2f} {baseline:10.2f} {seconds / baseline:6.1f}x"
        )
        if args.trafilatura:
            line += f"  {trafilatura_alone(page, args.cap):>13}"
        print(f"{line}  {outcome(page)}", flush=True)
    print(f"slowest page: {worst:.2f} s")


if __name__ == "__main__":
    main()
