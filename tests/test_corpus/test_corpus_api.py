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


def test_sources_and_a_cluster_over_http(served: str, corpus_db: str) -> None:
    with open_store(corpus_db) as store:
        cluster_id = queries.stories(store, window=queries.Window(outlet="Valley Times"))[0][
            "cluster"
        ]
        expected = {
            "sources": queries.sources(store),
            "sources?by=month&since=2025&outlet=Harbour Gazette": queries.sources(
                store, by="month", window=queries.Window(since="2025", outlet="Harbour Gazette")
            ),
            "sources?by=role&limit=2": queries.sources(store, by="role", limit=2),
            f"clusters/{cluster_id}": queries.cluster(store, cluster_id),
        }
    for path, answer in expected.items():
        response = httpx.get(f"{served}/v1/corpus/{path}")
        assert response.status_code == 200, response.text
        assert response.json() == answer
    assert len(expected["sources?by=role&limit=2"]) == 2


@pytest.mark.parametrize(
    ("path", "status", "title", "detail"),
    [
        ("sources?by=speaker", 422, "Invalid request", "query.by"),
        ("sources?since=2025-13", 422, "Invalid filter", "'2025-13' is not a date"),
        ("sources?limit=0", 422, "Invalid request", "query.limit"),
        ("clusters/nope", 404, "No such cluster", "no cluster 'nope'"),
    ],
)
def test_bad_sources_and_cluster_requests_are_problem_details(
    served: str, path: str, status: int, title: str, detail: str
) -> None:
    response = httpx.get(f"{served}/v1/corpus/{path}")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] == title and detail in body["detail"]


class OfflinePage:
    """A page of Debian's chromium that may reach the test server and nothing else."""

    def __init__(self, playwright: Any, origin: str) -> None:
        self.origin = origin
        self.refused: list[str] = []
        self.browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = self.browser.new_context()
        context.route("**/*", self._guard)
        self.page = context.new_page()
        self.page.set_default_timeout(30_000)

    def _guard(self, route: Any) -> None:
        if route.request.url.startswith(self.origin):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()


@pytest.fixture()
def browser_page(served: str) -> Iterator[Any]:
    """The corpus page's browser tab; the test fails if the page reached another site."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium package is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        offline = OfflinePage(playwright, served)
        yield offline.page
        offline.browser.close()
    assert offline.refused == []


@pytest.mark.browser
def test_the_page_links_stories_people_and_quotes(served: str, browser_page: Any) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    assert httpx.get(f"{served}/corpus").headers["content-security-policy"]
    page = browser_page
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


def bar_counts(bar: Any) -> str:
    """What a chart's bar says to a screen reader."""
    return str(bar.get_attribute("aria-label"))


@pytest.mark.browser
def test_the_page_charts_who_gets_quoted(served: str, browser_page: Any, corpus_db: str) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    with open_store(corpus_db) as store:
        by_outlet = queries.sources(store)
        by_role = queries.sources(store, by="role")
    page = browser_page
    page.goto(f"{served}/corpus")
    page.get_by_role("link", name="Sources").click()
    expect(page.get_by_role("heading", name="Who gets quoted")).to_be_visible()
    gender = page.locator("figure", has_text="Quoted people by gender")
    rows = gender.locator(".bar-row")
    expect(rows).to_have_count(len(by_outlet))
    for position, row in enumerate(by_outlet):
        shown = rows.nth(position)
        expect(shown.locator(".bar-label")).to_have_text(row["outlet"])
        said = f"Women: {row['female']}, Men: {row['male']}, Not stated: {row['unknown']}"
        assert bar_counts(shown.locator(".bar")) == said
    # the largest group's bar is full; the others in proportion to their quoted people
    widths = [
        rows.nth(i).locator(".part").evaluate_all("parts => parts.map(p => p.style.width)")
        for i in range(len(by_outlet))
    ]
    largest = by_outlet[0]["quoted_people"]
    for row, parts in zip(by_outlet, widths, strict=True):
        counts = [row["female"], row["male"], row["unknown"]]
        assert [float(w.rstrip("%")) for w in parts] == pytest.approx(
            [100 * n / largest for n in counts]
        )
    page.select_option("select[name=by]", "role")
    expect(page).to_have_url(f"{served}/corpus#/sources?by=role")
    roles = page.locator("figure", has_text="Quoted people by role").locator(".bar-row")
    expect(roles).to_have_count(len(by_role))
    first = by_role[0]
    expect(roles.first.locator(".bar-label")).to_have_text(first["role"])
    said = ", ".join(f"{name}: {n}" for name, n in first["roles"].items())
    assert bar_counts(roles.first.locator(".bar")) == said


@pytest.mark.browser
def test_the_page_shows_a_cluster_from_its_stories(
    served: str, browser_page: Any, corpus_db: str
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    with open_store(corpus_db) as store:
        cluster_id = queries.stories(store, window=queries.Window(outlet="Valley Times"))[0][
            "cluster"
        ]
        cluster = queries.cluster(store, cluster_id)
    page = browser_page
    page.goto(f"{served}/corpus#/story/school-1")
    page.get_by_role("link", name=cluster_id).click()
    expect(page).to_have_url(f"{served}/corpus#/cluster/{cluster_id}")
    expect(page.get_by_role("heading", name=cluster["label"])).to_be_visible()
    for story in cluster["stories"]:
        expect(page.get_by_role("link", name=story["id"]).first).to_be_visible()
    for person in cluster["people"]:
        expect(page.get_by_role("link", name=person["name"], exact=True)).to_be_visible()
    events = page.locator("section", has=page.get_by_role("heading", name="Timeline"))
    for event in cluster["timeline"]:
        expect(events.get_by_text(event["text"], exact=True).first).to_be_visible()
    page.get_by_role("link", name="Nadia Chen", exact=True).click()
    expect(page.get_by_role("heading", name="Nadia Chen")).to_be_visible()
    page.goto(f"{served}/corpus#/sources?by=cluster")
    page.get_by_role("link", name=cluster_id).first.click()
    expect(page.get_by_role("heading", name=cluster["label"])).to_be_visible()
    page.goto(f"{served}/corpus#/cluster/nope")
    expect(page.locator("#error")).to_contain_text("no cluster 'nope'")
