"""Web pages per second: extraction alone and the full digest, against trafilatura's extract().

The pages are built at run time: each CNN/Daily Mail dev article of ../shared is set in a
news page of the kind the tests use (navigation, a cookie banner, two ads, a share bar, a
related-stories box, comments and a footer), its sentences grouped three to a paragraph.
Without ../shared the team's own test pages are used. In the same process, on the same
pages, in the same order:

- ``trafilatura.extract(page)``: the baseline, trafilatura's own plain-text extraction;
- ``article_from_html(page)``: newsdigest's extraction (trafilatura with metadata, plus the
  page scan and alignment that map the text back to the page);
- ``digest_html(page)``: extraction and the full digest (spaCy loaded beforehand);
- ``digest(text)``: the full digest of the extracted text, for the cost of the digest alone.

    python benchmarks/html_pages.py [--shared ../shared] [--pages 100] [--rounds 2]
                                    [--extraction-only]

``--extraction-only`` leaves out the two digests (and spaCy).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
TEAM_PAGES = ROOT / "tests" / "pages"

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2015-04-{day:02d}T08:00:00Z">
<meta name="author" content="Staff Reporter">
<script>window.dataLayer = []; function track(e) {{ dataLayer.push(e); }}</script>
<style>body {{ font-family: serif; }} .ad {{ border: 1px solid #ccc; }}</style></head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><a href="/">The Daily Example</a><nav><ul>{nav}</ul></nav></header>
<div class="ad">Advertisement: Spring sale at Hartley Furniture, everything must go</div>
<main><article>
<h1>{title}</h1>
<p class="byline">By <a href="/staff">Staff Reporter</a></p>
<div class="share-bar">Share: <a href="#">Facebook</a> <a href="#">Email</a></div>
<div class="story-body">
{body}
</div>
<aside class="related"><h3>Related stories</h3><ul>{related}</ul></aside>
</article>
<section class="comments"><h3>Comments</h3>
<div class="comment"><p>Thanks for the report, very useful.</p></div>
<div class="comment"><p>I disagree with most of this.</p></div></section>
</main>
<footer><p>&copy; 2015 The Daily Example. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>
</body></html>
"""


def build_pages(shared: Path, limit: int) -> list[str]:
    """News pages around the CNN/DM dev articles, or the team's pages without ../shared."""
    source = shared / "data" / "cnndm_dev.jsonl"
    if not source.is_file():
        return [p.read_bytes().decode("utf-8", "replace") for p in sorted(TEAM_PAGES.glob("*"))]
    from newsdigest.sentences import split_sentences

    pages = []
    with source.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= limit:
                break
            text = json.loads(line)["article"]
            sentences = [text[s.start : s.end] for s in split_sentences(text)]
            paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
            ad = '<div class="ad">Advertisement: Try Kestrel Broadband free for 30 days</div>'
            body = [f"<p>{escape(p)}</p>" for p in paragraphs]
            body.insert(min(2, len(body)), ad)
            pages.append(
                TEMPLATE.format(
                    title=escape(" ".join(sentences[0].split()[:8]) if sentences else "News"),
                    day=number % 28 + 1,
                    nav="".join(f'<li><a href="/{s}">{s}</a></li>' for s in NAV),
                    related="".join(
                        f'<li><a href="/r/{i}">Related story {i}</a></li>' for i in range(4)
                    ),
                    body="\n".join(body),
                )
            )
    return pages


NAV = ("News", "Sport", "Business", "Opinion", "Weather", "Travel")


def pages_per_second(run: Callable[[str], Any], pages: list[str], rounds: int) -> tuple[float, int]:
    """Best of ``rounds`` passes over all pages; also the number of pages that failed."""
    from newsdigest.errors import NewsdigestError

    best = float("inf")
    failed = 0
    for _ in range(rounds):
        failed = 0
        started = time.perf_counter()
        for page in pages:
            try:
                run(page)
            except NewsdigestError:
                failed += 1
        best = min(best, time.perf_counter() - started)
    return len(pages) / best, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--extraction-only", action="store_true")
    args = parser.parse_args()

    import trafilatura

    import newsdigest
    from newsdigest.ingest.html import article_from_html

    pages = build_pages(args.shared, args.pages)
    texts = [article_from_html(page).text for page in pages]
    if not args.extraction_only:
        newsdigest.digest(texts[0])  # load spaCy before timing
    size = statistics.mean(len(p) for p in pages)
    print(f"{len(pages)} pages, mean {size / 1000:.1f} kB of HTML, best of {args.rounds} rounds")

    results = {
        "trafilatura.extract (baseline)": pages_per_second(trafilatura.extract, pages, args.rounds),
        "newsdigest article_from_html": pages_per_second(article_from_html, pages, args.rounds),
    }
    if not args.extraction_only:
        results["newsdigest digest_html"] = pages_per_second(
            newsdigest.digest_html, pages, args.rounds
        )
        text_iter = iter(texts * args.rounds)
        results["newsdigest digest (text only)"] = pages_per_second(
            lambda _: newsdigest.digest(next(text_iter)), pages, args.rounds
        )
    baseline = results["trafilatura.extract (baseline)"][0]
    print(f"{'':34} {'pages/s':>9} {'vs extract()':>13} {'failed':>7}")
    for name, (rate, failed) in results.items():
        print(f"{name:34} {rate:9.1f} {rate / baseline:12.2f}x {failed:7d}")


if __name__ == "__main__":
    main()
