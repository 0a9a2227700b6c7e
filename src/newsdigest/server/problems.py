"""One exception handler: every error the API returns is an RFC 9457 problem detail.

``NewsdigestError`` subclasses carry their own ``status`` and ``title``; FastAPI's and
pydantic's validation errors become 422 with one entry per invalid field; HTTP errors of
the framework (404, 405) keep their status; anything else is a 500 whose detail names no
internals.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from newsdigest.errors import NewsdigestError

PROBLEM_MEDIA_TYPE = "application/problem+json"
INVALID_REQUEST = "Invalid request"

log = logging.getLogger("newsdigest.server")


def problem_response(
    status: int,
    title: str,
    detail: str,
    *,
    instance: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A problem-detail response.

    status (int): the HTTP status.
    title (str): a short, stable summary of the kind of problem.
    detail (str): what went wrong with this request, and what to do about it.
    instance (str | None): the request path.
    errors (list | None): the invalid fields of a 422.
    RETURNS (JSONResponse): the response, typed ``application/problem+json``.
    """
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    body["detail"] = detail
    if instance is not None:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


async def handle_problem(request: Request, exc: Exception) -> JSONResponse:
    """Turn any exception raised while serving a request into a problem-detail response."""
    path = request.url.path
    if isinstance(exc, NewsdigestError):
        headers = dict(getattr(exc, "headers", ())) or None  # 503: Retry-After, 413: Connection
        return problem_response(exc.status, exc.title, str(exc), instance=path, headers=headers)
    if isinstance(exc, RequestValidationError | ValidationError):
        errors = _field_errors(exc.errors())
        return problem_response(
            422, INVALID_REQUEST, _summary(errors), instance=path, errors=errors
        )
    if isinstance(exc, HTTPException):
        phrase = HTTPStatus(exc.status_code).phrase
        detail = exc.detail if isinstance(exc.detail, str) else phrase
        headers = dict(exc.headers) if exc.headers else None
        return problem_response(exc.status_code, phrase, detail, instance=path, headers=headers)
    log.error("unexpected error on %s", path, exc_info=exc)
    return problem_response(
        500, "Internal error", "the server failed unexpectedly; the error is logged", instance=path
    )


def _field_errors(raw: Sequence[Any]) -> list[dict[str, Any]]:
    fields = []
    for error in raw:
        location = [part for part in error.get("loc", ()) if part != "body"]
        fields.append({"loc": location, "msg": error.get("msg", ""), "type": error.get("type", "")})
    return fields


def _summary(errors: list[dict[str, Any]]) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(part) for part in error["loc"])
        parts.append(f"{where}: {error['msg']}" if where else str(error["msg"]))
    return "; ".join(parts) or "the request is not valid"


def install_problem_handlers(app: FastAPI) -> None:
    """Route every error the app can raise to :func:`handle_problem`."""
    handled = (NewsdigestError, RequestValidationError, ValidationError, HTTPException, Exception)
    for kind in handled:
        app.add_exception_handler(kind, handle_problem)
