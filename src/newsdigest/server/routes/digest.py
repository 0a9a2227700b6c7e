"""``POST /v1/digest`` and ``GET /v1/schema``."""

from __future__ import annotations

import asyncio
import codecs
import json
from collections.abc import AsyncIterator, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.requests import ClientDisconnect

from newsdigest.ingest.text import decode_bytes
from newsdigest.schema import json_schema
from newsdigest.sections import SectionName
from newsdigest.server.errors import BodyTooLarge, MalformedBody, UnsupportedMediaType
from newsdigest.server.schemas import DigestRequest, Problem
from newsdigest.server.workers import DigestJob, WorkerPool

router = APIRouter(tags=["digest"])

JSON_TYPE = "application/json"
# A body over --max-body is still read to its end, within these bounds, before the 413.
DRAIN_BYTES = 32 * 1024 * 1024
DRAIN_SECONDS = 30.0
CLOSE = (("Connection", "close"),)
TEXT_TYPES = {"text/plain": "text", "text/html": "html"}

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}
PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: {**_PROBLEM, "description": "Malformed body (JSON that does not parse, bad charset)"},
    413: {**_PROBLEM, "description": "Body over --max-body, or story over --max-chars"},
    415: {**_PROBLEM, "description": "Body is not application/json, text/plain or text/html"},
    422: {**_PROBLEM, "description": "A field of the wrong type or value, or an unusable story"},
    503: {**_PROBLEM, "description": "Every worker busy and the waiting line full; retry"},
    504: {**_PROBLEM, "description": "The story took longer than --timeout"},
}

REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        JSON_TYPE: {"schema": {"$ref": "#/components/schemas/DigestRequest"}},
        "text/plain": {
            "schema": {"type": "string"},
            "example": "Mayor Elena Marsh said on Tuesday ...",
        },
        "text/html": {"schema": {"type": "string"}, "example": "<html>...</html>"},
    },
}


DIGEST_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The newsdigest/1 digest (see GET /v1/schema); sections not asked for "
        "are absent",
        "content": {JSON_TYPE: {"schema": {"$ref": "#/components/schemas/Digest"}}},
    }
}


@router.post(
    "/v1/digest",
    response_model=None,
    responses={**DIGEST_RESPONSE, **PROBLEMS},
    summary="Digest one story",
    openapi_extra={"requestBody": REQUEST_BODY},
)
async def digest_story(
    request: Request,
    title: Annotated[str | None, Query(description="Headline (raw bodies only).")] = None,
    published: Annotated[str | None, Query(description="YYYY-MM-DD (raw bodies only).")] = None,
    url: Annotated[str | None, Query(description="Where it was published (raw bodies).")] = None,
    only: Annotated[list[SectionName] | None, Query(description="Sections (repeatable).")] = None,
) -> dict[str, Any]:
    """Digest a story sent as JSON (``text`` or ``html`` with metadata and options), or as a
    ``text/plain`` or ``text/html`` body with its metadata in the query string."""
    media_type, charset = _content_type(request.headers.get("content-type", ""))
    if media_type != JSON_TYPE and media_type not in TEXT_TYPES:
        shown = media_type or "no Content-Type"
        raise UnsupportedMediaType(
            f"cannot digest {shown}; send application/json, text/plain or text/html"
        )
    body = await _read_body(request, request.app.state.config.max_body)
    if media_type == JSON_TYPE:
        if any(value is not None for value in (title, published, url, only)):
            raise MalformedBody("with a JSON body, give title, published, url and options in it")
        job = _job_from_json(body)
    else:
        story = _decode(body, charset)
        job = _job_from_raw(TEXT_TYPES[media_type], story, title, published, url, only)
    pool: WorkerPool = request.app.state.pool
    return await pool.digest(job)


@router.get("/v1/schema", summary="The JSON Schema of the newsdigest/1 digest")
async def digest_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every digest validates against."""
    return json_schema()


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media_type.strip().lower(), charset


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, or ``BodyTooLarge`` once it passes ``limit`` (after draining the rest)."""
    stream = request.stream()
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise await _refusal(stream, int(declared), limit, received=0)
    chunks: list[bytes] = []
    size = 0
    async for chunk in stream:
        size += len(chunk)
        if size > limit:
            raise await _refusal(stream, size, limit, received=size)
        chunks.append(chunk)
    return b"".join(chunks)


async def _refusal(
    stream: AsyncIterator[bytes], size: int, limit: int, *, received: int
) -> BodyTooLarge:
    """The 413 for a body over the limit, once the rest of the body has been read and dropped.

    Answering while the client still sends, then closing, makes its system reset the
    connection, and the client may never read the answer. So the rest is read (up to
    DRAIN_BYTES and DRAIN_SECONDS) and the connection stays usable; a body beyond those
    bounds gets the answer with ``Connection: close`` at once.
    """
    error = BodyTooLarge(_too_large(size, limit))
    if size > DRAIN_BYTES:
        error.headers = CLOSE
        return error
    try:
        async with asyncio.timeout(DRAIN_SECONDS):
            async for chunk in stream:
                received += len(chunk)
                if received > DRAIN_BYTES:
                    error.headers = CLOSE
                    break
    except (TimeoutError, ClientDisconnect):
        error.headers = CLOSE
    return error


def _too_large(size: int, limit: int) -> str:
    return f"the body has {size:,} bytes or more, over the limit of {limit:,} (see --max-body)"


def _decode(body: bytes, charset: str | None) -> str:
    if charset is None:
        return decode_bytes(body)[0]
    try:
        codecs.lookup(charset)
    except LookupError as exc:
        raise MalformedBody(f"unknown charset {charset!r}") from exc
    try:
        return body.decode(charset)
    except UnicodeDecodeError as exc:
        raise MalformedBody(f"the body is not valid {charset}: {exc.reason}") from exc


def _job_from_raw(
    kind: str,
    story: str,
    title: str | None,
    published: str | None,
    url: str | None,
    only: Sequence[str] | None,
) -> DigestJob:
    fields = {"title": title, "published": published, "url": url}
    request = DigestRequest.model_validate({kind: story, **fields})
    return DigestJob(
        text=request.text,
        html=request.html,
        title=request.title,
        published=request.published,
        url=request.url,
        only=tuple(only) if only else None,
    )


def _job_from_json(body: bytes) -> DigestJob:
    try:
        json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedBody(f"the body is not valid JSON: {exc}") from exc
    request = DigestRequest.model_validate_json(body)
    options = request.options
    return DigestJob(
        text=request.text,
        html=request.html,
        title=request.title,
        published=request.published,
        url=request.url,
        highlights=options.highlights,
        max_words=options.max_words,
        only=tuple(options.only) if options.only else None,
    )
