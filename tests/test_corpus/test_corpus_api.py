"""``/v1/corpus/...`` answers from the same queries as the command line; errors are problem
details; ``/corpus`` is a page of our own files, driven in Debian's chromium."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from corpus_helpers import digests

from newsdigest.corpus import queries
from newsdigest.corpus.store import open_store
from newsdigest.server.app import create_app
from newsdigest.server.config import ServerConfig

fastapi_testclient = pytest.importorskip("fastapi.testclient")


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("api") / "news.db")
    with open_store(db, write=True) as store:
        for digest in digests():
            store.add(digest)
    return db


@pytest.fixture()
def client(corpus_db: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The app without its digest workers (the corpus routes need none)."""
    monkeypatch.setenv("NEWSDIGEST_DB", corpus_db)
    return fastapi_testclient.TestClient(create_app())


def test_the_api_answers_what_the_queries_answer(client: Any, corpus_db: str) -> None:
    with open_store(corpus_db) as store:
        expected = {
            "stories?outlet=Coast Courier": queries.stories(
                store, window=queries.Window(outlet="Coast Courier")
            ),
            "people?limit=3": queries.people(store, limit=3),
            "quotes?person=nadia chen": queries.quotes(store, person="nadia chen"),
            "timeline?since=2025": queries.timeline(store, window=queries.Window(since="2025")),
            "search?q=library": queries.search(store, "library"),
        }
    for path, rows in expected.items():
        response = client.get(f"/v1/corpus/{path}")
        assert response.status_code == 200, response.text
        assert response.json() == rows


def test_a_story_its_versions_and_its_changes(client: Any) -> None:
    shown = client.get("/v1/corpus/stories/harbour-1").json()
    assert shown["article"]["id"] == "harbour-1" and "cluster" in shown["article"]
    assert client.get("/v1/corpus/stories/harbour-1?version=1").json() == shown
    assert client.get("/v1/corpus/changes/harbour-1").json() == []


@pytest.mark.parametrize(
    ("path", "status", "title"),
    [
        ("/v1/corpus/stories/nope", 404, "No such story"),
        ("/v1/corpus/stories/harbour-1?version=9", 404, "No such story"),
        ("/v1/corpus/stories?since=2025-13", 422, "Invalid filter"),
        ("/v1/corpus/quotes?limit=0", 422, "Invalid request"),
        ("/v1/corpus/search?q=", 422, "Invalid request"),
    ],
)
def test_errors_are_problem_details(client: Any, path: str, status: int, title: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] == title and body["detail"]


def test_the_server_reads_the_corpus_its_configuration_names(
    corpus_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDIGEST_DB", "no-such-corpus.db")
    app = create_app(config=ServerConfig(workers=1, corpus_db=corpus_db))
    response = fastapi_testclient.TestClient(app).get("/v1/corpus/stories")
    assert response.status_code == 200 and len(response.json()) == 6


def test_a_missing_or_corrupt_database_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDIGEST_DB", str(tmp_path / "missing.db"))
    client = fastapi_testclient.TestClient(create_app())
    assert client.get("/v1/corpus/stories").status_code == 404
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database " * 300)
    monkeypatch.setenv("NEWSDIGEST_DB", str(broken))
    response = client.get("/v1/corpus/people")
    assert response.status_code == 503
    assert response.json()["title"] == "Corpus database corrupt"


CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture()
def served(corpus_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The app on a loopback port, without digest workers."""
    uvicorn = pytest.importorskip("uvicorn")
    monkeypatch.setenv("NEWSDIGEST_DB", corpus_db)
    config = uvicorn.Config(
        create_app(), host="127.0.0.1", port=0, lifespan="off", log_level="error"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed")
def test_the_page_links_stories_people_and_quotes(served: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    assert httpx.get(f"{served}/corpus").headers["content-security-policy"]
    refused: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()

        def guard(route: Any) -> None:
            if route.request.url.startswith(served):
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.set_default_timeout(30_000)
        expect = sync_api.expect
        page.goto(f"{served}/corpus#/people")
        page.get_by_role("link", name="Elena Marsh").click()
        expect(page.get_by_role("heading", name="Elena Marsh")).to_be_visible()
        expect(page.locator("blockquote", has_text="flood study")).to_be_visible()
        page.get_by_role("link", name="harbour-1").first.click()
        expect(page.get_by_role("heading", name="Quotes")).to_be_visible()
        expect(page.locator("blockquote", has_text="We need a flood study")).to_be_visible()
        page.fill("#search-text", "library")
        page.press("#search-text", "Enter")
        expect(page.locator("mark").first).to_have_text("library")
        page.get_by_role("link", name="school-1").first.click()
        expect(page).to_have_url(f"{served}/corpus#/story/school-1")
        page.goto(f"{served}/corpus#/story/nope")
        expect(page.locator("#error")).to_contain_text("no story 'nope'")
        browser.close()
    assert refused == []
