"""``newsdigest digest`` on web pages, through a real subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "pages"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsdigest", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
    )


def test_a_page_is_recognised_by_its_content_and_mapped_back() -> None:
    page = PAGES / "news_full.html"
    result = run("digest", str(page), "--only", "highlights,dates")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["article"]["title"].startswith("Harbour ferry")
    assert data["article"]["published"] == "2026-02-03"
    assert data["article"]["authors"] == ["Dana Whitfield"]
    html = page.read_text(encoding="utf-8")
    first = data["highlights"][0]
    start, end = first["html_spans"][0]
    assert html[start:end].startswith("The Millbrook harbour ferry")


def test_published_on_the_command_line_overrides_the_page() -> None:
    result = run("digest", str(PAGES / "news_full.html"), "--published", "2026-02-10")
    data = json.loads(result.stdout)
    assert data["article"]["published"] == "2026-02-10"
    monday = next(d for d in data["dates"] if d["text"] == "Monday")
    assert monday["value"] == "2026-02-09"


def test_html_can_be_forced_for_a_fragment_on_standard_input() -> None:
    fragment = (
        b"Intro line\n<p>The harbour ferry will keep running through the winter after the council "
        b"voted on Monday to pay for its fuel until the end of March.</p>"
    )
    plain = json.loads(run("digest", "--only", "dates", stdin=fragment).stdout)
    assert "<p>" in plain["text"] and "html_span" not in plain["dates"][0]
    forced = json.loads(run("digest", "--html", "--only", "dates", stdin=fragment).stdout)
    assert "<p>" not in forced["text"] and forced["dates"][0]["html_span"]


def test_the_marked_page_is_the_original_page_in_its_own_encoding() -> None:
    original = (PAGES / "legacy_cp1252.html").read_bytes()
    result = run("digest", str(PAGES / "legacy_cp1252.html"), "--format", "html")
    assert result.returncode == 0, result.stderr.decode()
    assert re.sub(rb"<mark [^>]*>|</mark>", b"", result.stdout) == original
    assert b'class="newsdigest newsdigest-highlight' in result.stdout
    assert b'class="newsdigest newsdigest-quote' in result.stdout.replace(
        b"newsdigest-highlight newsdigest-quote", b"newsdigest-quote"
    )


def test_a_text_story_gets_a_page_of_its_own(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "The council voted on Monday to keep the harbour ferry running.\n\n"
        '"It is a lifeline," said councillor Priya Ramanathan.\n',
        encoding="utf-8",
    )
    result = run("digest", str(story), "--format", "html", "--published", "2026-02-03")
    assert result.returncode == 0, result.stderr.decode()
    page = result.stdout.decode()
    assert page.startswith("<!DOCTYPE html>") and "<mark " in page
    assert "&quot;It is a lifeline,&quot;" in re.sub(r"<mark [^>]*>|</mark>", "", page)


def test_a_page_without_an_article_exits_65_with_one_line() -> None:
    result = run("digest", str(PAGES / "login_wall.html"))
    err = result.stderr.decode()
    assert result.returncode == 65, err
    assert err.count("\n") == 1 and "no article found" in err


def test_a_50_mb_page_exits_65(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    page.write_bytes(b"<html><body>" + b"<p>word</p>" * 4_600_000 + b"</body></html>")
    result = run("digest", str(page))
    err = result.stderr.decode()
    assert result.returncode == 65, err
    assert "over the limit" in err and err.count("\n") == 1
