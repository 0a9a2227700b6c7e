"""``GET /healthz``: whether the server can digest a story now."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from newsdigest import __version__
from newsdigest.server.problems import problem_response
from newsdigest.server.schemas import Health, Problem
from newsdigest.server.workers import WorkerPool

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    response_model=Health,
    summary="Health check for load balancers",
    responses={503: {"model": Problem, "description": "No digest worker is running"}},
)
async def health(request: Request) -> Any:
    """200 while at least one digest worker is running (idle or busy); 503 while none is,
    e.g. while the only worker is being replaced after a timeout."""
    pool: WorkerPool = request.app.state.pool
    status = pool.status()
    if status.idle + status.busy == 0:
        return problem_response(
            503,
            "No worker ready",
            f"{status.starting} digest workers are starting",
            instance=request.url.path,
            headers={"Retry-After": "1"},
        )
    body = Health(
        status="ok",
        version=__version__,
        workers=status.workers,
        idle=status.idle,
        busy=status.busy,
        queued=status.queued,
        starting=status.starting,
    )
    return JSONResponse(body.model_dump())
