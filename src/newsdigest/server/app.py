"""The application factory: the API, its documentation, and the page, all served offline."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from newsdigest import __version__
from newsdigest.pipeline import Pipeline
from newsdigest.schema import json_schema as digest_schema
from newsdigest.server.config import ServerConfig
from newsdigest.server.problems import install_problem_handlers
from newsdigest.server.routes import corpus, digest, health, page
from newsdigest.server.schemas import DigestRequest
from newsdigest.server.workers import WorkerPool
from newsdigest.settings import Settings
from newsdigest.worker import PipelineFactory

DESCRIPTION = (
    "Highlights, cast, quotes and timeline of a news story; every item points to the exact "
    "characters of the story. Errors are RFC 9457 problem details."
)


def create_app(
    settings: Settings | None = None,
    config: ServerConfig | None = None,
    *,
    pipeline_factory: PipelineFactory = Pipeline,
) -> FastAPI:
    """Build the application; its digest workers start when it starts serving.

    settings (Settings | None): how stories are digested; None uses the defaults.
    config (ServerConfig | None): workers, limits and CORS; None uses the defaults.
    pipeline_factory (PipelineFactory): builds each worker's pipeline from the settings; it
        must be importable by name (a module-level function or class).
    RETURNS (FastAPI): the application, ready for uvicorn.
    """
    settings = settings or Settings()
    config = config or ServerConfig()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = WorkerPool(
            settings,
            workers=config.workers,
            max_queue=config.max_queue,
            timeout=config.timeout,
            pipeline_factory=pipeline_factory,
        )
        await pool.start()
        app.state.pool = pool
        try:
            yield
        finally:
            await pool.close()

    app = FastAPIOffline(
        title="newsdigest",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        redoc_url=None,
        static_url="/docs/assets",
    )
    app.state.settings = settings
    app.state.config = config
    install_problem_handlers(app)
    if config.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.include_router(health.router)
    app.include_router(digest.router)
    app.include_router(page.router)
    app.include_router(corpus.router)
    app.mount("/static", StaticFiles(directory=page.STATIC_DIR), name="static")
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI description, with the JSON request body the digest route reads itself and
    the digest's own JSON Schema (OpenAPI 3.1 takes JSON Schema 2020-12 as it is)."""
    if app.openapi_schema is None:
        spec = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        request = DigestRequest.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(request.pop("$defs", {}))
        schemas["DigestRequest"] = request
        schemas["Digest"] = digest_schema()
        app.openapi_schema = spec
    return app.openapi_schema
