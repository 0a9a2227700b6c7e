"""The HTTP API against a real uvicorn on a loopback port: every endpoint and its errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema
import pytest
from server_process import RunningServer

import newsdigest
from helpers import EXAMPLE_PUBLISHED
from newsdigest.schema import json_schema

PROBLEM = "application/problem+json"


def assert_problem(response: httpx.Response, status: int, title: str) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status and title, and a detail."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["title"] == title
    assert body["type"] == "about:blank"
    assert isinstance(body["detail"], str) and body["detail"]
    return body


def test_server_listens_on_loopback_by_default(server: RunningServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")


def test_health_check_reports_ready_workers(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["workers"] == 1
    assert body["idle"] + body["busy"] == 1
    assert body["version"] == newsdigest.__version__


def test_schema_endpoint_serves_the_contract_schema(client: httpx.Client) -> None:
    response = client.get("/v1/schema")
    assert response.status_code == 200
    assert response.json() == json_schema()


def test_openapi_documents_every_endpoint_and_body_type(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/v1/digest", "/v1/schema", "/healthz"} <= set(spec["paths"])
    digest = spec["paths"]["/v1/digest"]["post"]
    assert set(digest["requestBody"]["content"]) == {"application/json", "text/plain", "text/html"}
    assert {"200", "400", "413", "415", "422", "503", "504"} <= set(digest["responses"])
    assert "DigestRequest" in spec["components"]["schemas"]


def test_docs_page_loads_its_assets_from_the_server_itself(client: httpx.Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "https://" not in page.text and "http://" not in page.text
    for asset in ("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css"):
        assert asset in page.text
        assert client.get(asset).status_code == 200


def test_json_body_gives_exactly_the_library_digest(
    client: httpx.Client, example_story: str
) -> None:
    response = client.post(
        "/v1/digest",
        json={"text": example_story, "published": EXAMPLE_PUBLISHED, "title": "Ferry vote"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    jsonschema.validate(body, json_schema())
    expected = newsdigest.digest(example_story, published=EXAMPLE_PUBLISHED, title="Ferry vote")
    assert body == json.loads(json.dumps(expected.to_dict()))


def test_plain_text_body_takes_metadata_from_the_query(
    client: httpx.Client, example_story: str
) -> None:
    response = client.post(
        "/v1/digest",
        params={"published": EXAMPLE_PUBLISHED, "title": "Ferry vote", "only": "dates"},
        content=example_story.encode("utf-8"),
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["article"]["published"] == EXAMPLE_PUBLISHED
    assert body["article"]["title"] == "Ferry vote"
    assert body["text"] == example_story
    assert "dates" in body and "entities" not in body
    assert all(body["text"][s:e] == d["text"] for d in body["dates"] for s, e in [d["span"]])


def test_plain_text_body_in_another_encoding_is_decoded(client: httpx.Client) -> None:
    story = "Le maire José Ñúñez a parlé mardi devant le conseil de Montréal."
    response = client.post(
        "/v1/digest",
        content=story.encode("latin-1"),
        headers={"Content-Type": "text/plain; charset=latin-1"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["text"] == story


def test_options_choose_sections_and_the_number_of_highlights(
    client: httpx.Client, example_story: str
) -> None:
    response = client.post(
        "/v1/digest",
        json={"text": example_story, "options": {"highlights": 2, "only": ["highlights"]}},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["highlights"]) == 2
    assert not {"entities", "quotes", "dates", "timeline"} & set(body)


def test_html_body_is_read_as_an_article(client: httpx.Client) -> None:
    pytest.importorskip("newsdigest.ingest.html")
    page = (
        "<html><head><title>Ferry vote delayed</title></head><body><article>"
        "<h1>Ferry vote delayed</h1>"
        "<p>Harbour Falls city council on Tuesday postponed a vote on the ferry terminal.</p>"
        "<p>Mayor Elena Marsh said the delay would give engineers time to answer questions "
        "about flooding on the waterfront, which residents raised at the meeting.</p>"
        "</article></body></html>"
    )
    as_json = client.post("/v1/digest", json={"html": page, "published": EXAMPLE_PUBLISHED})
    as_html = client.post(
        "/v1/digest",
        params={"published": EXAMPLE_PUBLISHED},
        content=page.encode("utf-8"),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    for response in (as_json, as_html):
        assert response.status_code == 200, response.text
        body = response.json()
        assert "Elena Marsh" in body["text"]
        assert "<p>" not in body["text"]
    assert as_json.json() == as_html.json()


# ---- errors: every one is a problem detail ---------------------------------


def test_malformed_json_is_400(client: httpx.Client) -> None:
    response = client.post(
        "/v1/digest", content=b'{"text": "unfinished', headers={"Content-Type": "application/json"}
    )
    assert_problem(response, 400, "Malformed request body")


def test_query_metadata_with_a_json_body_is_400(client: httpx.Client) -> None:
    response = client.post("/v1/digest", params={"title": "x"}, json={"text": "A story."})
    assert_problem(response, 400, "Malformed request body")


def test_unknown_charset_is_400(client: httpx.Client) -> None:
    response = client.post(
        "/v1/digest", content=b"A story.", headers={"Content-Type": "text/plain; charset=klingon"}
    )
    assert_problem(response, 400, "Malformed request body")


def test_body_over_the_limit_is_413(client: httpx.Client) -> None:
    response = client.post(
        "/v1/digest", content=b"word " * 20_000, headers={"Content-Type": "text/plain"}
    )
    body = assert_problem(response, 413, "Request body too large")
    assert "65,536" in body["detail"]


def test_streamed_body_over_the_limit_is_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"word " * 2_000

    response = client.post("/v1/digest", content=chunks(), headers={"Content-Type": "text/plain"})
    assert "content-length" not in response.request.headers
    assert_problem(response, 413, "Request body too large")


def test_story_over_max_chars_is_413(client: httpx.Client) -> None:
    response = client.post("/v1/digest", json={"text": "Words and words. " * 2_000})
    assert_problem(response, 413, "Story too large")


@pytest.mark.parametrize("content_type", ["application/xml", "image/png", None])
def test_unsupported_media_type_is_415(client: httpx.Client, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/v1/digest", content=b"<story/>", headers=headers)
    assert_problem(response, 415, "Unsupported media type")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": 5}, "text"),
        ({"text": "A story.", "title": ["a", "list"]}, "title"),
        ({"text": "A story.", "published": "last Tuesday"}, "published"),
        ({"text": "A story.", "options": {"highlights": "three"}}, "options.highlights"),
        ({"text": "A story.", "options": {"highlights": 0}}, "options.highlights"),
        ({"text": "A story.", "options": {"colour": "blue"}}, "options.colour"),
        ({"text": "A story.", "options": {"only": ["gossip"]}}, "options.only.0"),
        ({"text": "A story.", "extra": 1}, "extra"),
    ],
)
def test_a_field_of_the_wrong_type_or_value_is_422(
    client: httpx.Client, payload: dict[str, Any], field: str
) -> None:
    body = assert_problem(client.post("/v1/digest", json=payload), 422, "Invalid request")
    located = {".".join(str(p) for p in error["loc"]) for error in body["errors"]}
    assert field in located, body


@pytest.mark.parametrize("payload", [{}, {"text": "A.", "html": "<p>A.</p>"}, [1, 2]])
def test_not_exactly_one_story_is_422(client: httpx.Client, payload: Any) -> None:
    assert_problem(client.post("/v1/digest", json=payload), 422, "Invalid request")


def test_empty_story_is_422_unusable(client: httpx.Client) -> None:
    body = assert_problem(client.post("/v1/digest", json={"text": "   \n "}), 422, "Unusable story")
    assert "empty" in body["detail"]


def test_bad_query_value_is_422(client: httpx.Client) -> None:
    response = client.post(
        "/v1/digest",
        params={"only": "gossip"},
        content=b"A story.",
        headers={"Content-Type": "text/plain"},
    )
    assert_problem(response, 422, "Invalid request")


def test_unknown_path_and_method_are_problems_too(client: httpx.Client) -> None:
    assert_problem(client.get("/v2/nothing"), 404, "Not Found")
    assert_problem(client.get("/v1/digest"), 405, "Method Not Allowed")


def test_cors_is_off_by_default(client: httpx.Client) -> None:
    response = client.get("/healthz", headers={"Origin": "http://elsewhere.test"})
    assert "access-control-allow-origin" not in response.headers


def test_server_answers_after_every_error(client: httpx.Client) -> None:
    client.post("/v1/digest", content=b"\x00\x01", headers={"Content-Type": "text/plain"})
    client.post("/v1/digest", content=b"{", headers={"Content-Type": "application/json"})
    response = client.post("/v1/digest", json={"text": "The council met on Monday."})
    assert response.status_code == 200
