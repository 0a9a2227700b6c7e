"""The digest page in headless Chromium (Debian's package), with no network but the test server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_process import RunningServer

from helpers import EXAMPLE_PUBLISHED

CHROMIUM = shutil.which("chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed"),
]
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
# Waits are bounds against a hang, not measures of speed: a busy machine may be slow.
WAIT_MS = 120_000
expect.set_options(timeout=WAIT_MS)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Offline:
    """A browser context that may reach the test server and nothing else."""

    def __init__(self, browser: Any, server: RunningServer, viewport: dict[str, int]) -> None:
        self.origin = server.url
        self.refused: list[str] = []
        self.context = browser.new_context(viewport=viewport)
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.set_default_timeout(WAIT_MS)

    def _guard(self, route: Any) -> None:
        url = route.request.url
        if url == self.origin or url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()


@pytest.fixture()
def expected(server: RunningServer, example_story: str) -> dict[str, Any]:
    """What the API says about the example story: the page must show the same."""
    response = httpx.post(
        f"{server.url}/v1/digest",
        json={"text": example_story, "published": EXAMPLE_PUBLISHED},
        timeout=300,
    )
    assert response.status_code == 200, response.text
    digest: dict[str, Any] = response.json()
    return digest


def digest_on_page(page: Any, server: RunningServer, story: str) -> None:
    page.goto(f"{server.url}/")
    page.fill("#story", story)
    page.fill("#published", EXAMPLE_PUBLISHED)
    page.click("#submit")
    expect(page.locator("#status")).to_contain_text("Digest ready")


def marked_text(page: Any) -> list[str]:
    texts: list[str] = page.locator("#story-text mark").all_inner_texts()
    return texts


def test_page_shows_the_digest_and_marks_a_clicked_highlight(
    browser: Any,
    server: RunningServer,
    example_story: str,
    expected: dict[str, Any],
    output_dir: Path,
) -> None:
    offline = Offline(browser, server, WIDE)
    page = offline.page
    digest_on_page(page, server, example_story)

    bullets = page.locator("#highlights .item")
    expect(bullets).to_have_text([h["text"] for h in expected["highlights"]])

    with_role = [e for e in expected["entities"] if e["titles"]]
    assert with_role, "the cast of the example story has no titles or roles"
    member = page.locator(f'#cast [data-entity="{with_role[0]["id"]}"]')
    expect(member.locator(".name")).to_have_text(with_role[0]["name"])
    expect(member.locator(".roles")).to_have_text("; ".join(with_role[0]["titles"]))
    mentions = len(with_role[0]["mentions"])
    expect(member.locator(".count")).to_have_text(
        f"{mentions} mention{'s' if mentions > 1 else ''}"
    )

    names = {e["id"]: e["name"] for e in expected["entities"]}
    quote = next(q for q in expected["quotes"] if q["speaker"] in names and q["direct"])
    group = page.locator("#quotes h3.speaker", has_text=names[quote["speaker"]])
    expect(group.first).to_be_visible()
    expect(group.first.locator("xpath=following-sibling::ul[1]")).to_contain_text(quote["text"])

    event = expected["timeline"][0]
    expect(page.locator(f'#timeline time[data-value="{event["date"]}"]').first).to_be_visible()

    member.locator(".item").click()
    mentioned = [example_story[start:end] for start, end in sorted(with_role[0]["mentions"])]
    assert marked_text(page) == mentioned

    hovered = expected["highlights"][0]
    bullets.first.hover()
    assert marked_text(page) == [example_story[start:end] for start, end in hovered["spans"]]

    chosen = expected["highlights"][-1]
    bullets.last.click()
    expect(bullets.last).to_have_attribute("aria-pressed", "true")
    spans = [example_story[start:end] for start, end in chosen["spans"]]
    assert marked_text(page) == spans
    expect(page.locator("#story-text mark").first).to_be_in_viewport()

    page.mouse.move(0, 0)  # off the bullets, so the screenshot shows the clicked one's marks
    page.screenshot(path=str(output_dir / "page-wide.png"), full_page=True)
    assert offline.refused == []
    offline.context.close()


def test_page_works_with_the_keyboard_alone(
    browser: Any, server: RunningServer, example_story: str, expected: dict[str, Any]
) -> None:
    offline = Offline(browser, server, WIDE)
    page = offline.page
    page.goto(f"{server.url}/")
    page.locator("#story").focus()
    page.keyboard.insert_text(example_story)
    page.keyboard.press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("Digest ready")

    first = page.locator("#highlights .item").first
    first.focus()
    page.keyboard.press("Enter")
    expect(first).to_have_attribute("aria-pressed", "true")
    start, end = expected["highlights"][0]["spans"][0]
    assert marked_text(page)[0] == example_story[start:end]

    page.keyboard.press("Escape")
    expect(page.locator("#story-text mark")).to_have_count(0)
    assert offline.refused == []
    offline.context.close()


def test_page_digests_a_chosen_html_file(
    browser: Any, server: RunningServer, example_story: str
) -> None:
    pytest.importorskip("newsdigest.ingest.html")
    paragraphs = "".join(f"<p>{p}</p>" for p in example_story.split("\n\n")[1:])
    page_html = f"<html><body><article><h1>Ferry vote</h1>{paragraphs}</article></body></html>"
    offline = Offline(browser, server, WIDE)
    page = offline.page
    page.goto(f"{server.url}/")
    page.set_input_files(
        "#file",
        files=[{"name": "story.html", "mimeType": "text/html", "buffer": page_html.encode()}],
    )
    expect(page.locator("#format")).to_have_value("html")
    page.click("#submit")
    expect(page.locator("#status")).to_contain_text("Digest ready")
    expect(page.locator("#story-text")).to_contain_text("Mayor Elena Marsh said")
    expect(page.locator("#story-text")).not_to_contain_text("<p>")
    assert page.locator("#highlights .item").count() >= 1
    assert offline.refused == []
    offline.context.close()


def test_page_fits_a_phone_and_reports_errors(
    browser: Any, server: RunningServer, example_story: str, output_dir: Path
) -> None:
    offline = Offline(browser, server, PHONE)
    page = offline.page
    page.goto(f"{server.url}/")
    page.fill("#story", "   ")
    page.click("#submit")
    expect(page.locator("#error")).to_contain_text("No story")

    digest_on_page(page, server, example_story)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("#cast .item").first.click()
    expect(page.locator("#story-text mark").first).to_be_in_viewport()
    page.screenshot(path=str(output_dir / "page-phone.png"), full_page=True)

    page.fill("#story", "x" * 30_000)
    page.click("#submit")
    expect(page.locator("#error")).to_contain_text("Story too large")
    assert offline.refused == []
    offline.context.close()
