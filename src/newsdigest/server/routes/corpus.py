"""``/v1/corpus/...``: the corpus queries over HTTP, and ``GET /corpus``, the page that reads them.

The routes answer from the corpus database of the server's configuration (``corpus_db``,
``serve --db``), else ``$NEWSDIGEST_DB``, else ``newsdigest.db`` in the server's folder;
each request opens it and closes it. The answers are the query functions' rows, as JSON
lists; errors are problem details (a missing database or story: 404; a database to migrate:
409; a corrupt or locked one: 503).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, JSONResponse

from newsdigest.corpus import digests, queries
from newsdigest.corpus.sources import SourcesBy
from newsdigest.corpus.store import open_store
from newsdigest.corpus.url import default_db
from newsdigest.server.config import ServerConfig
from newsdigest.server.routes.page import CONTENT_SECURITY_POLICY, STATIC_DIR
from newsdigest.server.schemas import Problem

MAX_LIMIT = 1000
PROBLEMS: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "No corpus database, or no such story or cluster"},
    409: {"model": Problem, "description": "The database needs `newsdigest corpus migrate`"},
    422: {"model": Problem, "description": "A parameter is not valid (a date, a limit, by)"},
    503: {"model": Problem, "description": "The database is corrupt, locked or unreachable"},
}

router = APIRouter(tags=["corpus"])

Since = Annotated[str | None, Query(description="From this YYYY, YYYY-MM or YYYY-MM-DD on.")]
Until = Annotated[str | None, Query(description="Up to this YYYY, YYYY-MM or YYYY-MM-DD.")]
Outlet = Annotated[str | None, Query(description="Only stories of this outlet.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many rows.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many rows first.")]
Person = Annotated[str | None, Query(description="A corpus id, or a cast name (any case).")]
Search = Annotated[str | None, Query(description='Words, "a phrase", OR, -word.')]


def _answer(request: Request, query: Callable[..., Any], *args: Any, **kwargs: Any) -> JSONResponse:
    """Run a query on the server's corpus; RETURNS its answer as JSON."""
    config: ServerConfig = request.app.state.config
    with open_store(config.corpus_db or default_db()) as store:
        return JSONResponse(query(store, *args, **kwargs))


@router.get("/corpus", include_in_schema=False)
def corpus_page() -> FileResponse:
    """The corpus page."""
    return FileResponse(
        STATIC_DIR / "corpus" / "index.html",
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY},
    )


@router.get("/v1/corpus/stories", summary="Stories, newest first", responses=PROBLEMS)
def list_stories(
    request: Request,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    search: Search = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> JSONResponse:
    """Stories with their date, outlet, title, versions and cluster; with ``search``, those
    whose text matches, best first, with a snippet (hits marked ``**so**``)."""
    window = queries.Window(since, until, outlet)
    return _answer(
        request, queries.stories, window=window, search=search, limit=limit, offset=offset
    )


@router.get("/v1/corpus/stories/{story_id:path}", summary="A stored digest", responses=PROBLEMS)
def show_story(
    request: Request,
    story_id: str,
    version: Annotated[int | None, Query(ge=1, description="A version number.")] = None,
) -> JSONResponse:
    """The story's current digest (or version ``version``): ``newsdigest/1`` with the corpus
    fields ``article.cluster``, ``article.duplicate_of`` and each entity's ``corpus_id``."""
    return _answer(request, digests.show, story_id, version=version)


@router.get(
    "/v1/corpus/changes/{story_id:path}",
    summary="What changed between versions of a story",
    responses=PROBLEMS,
)
def story_changes(request: Request, story_id: str) -> JSONResponse:
    """One row per change from each version to the next: article fields, text, and the
    items of each section added or removed."""
    return _answer(request, digests.changes, story_id)


@router.get("/v1/corpus/people", summary="The most quoted and mentioned", responses=PROBLEMS)
def list_people(
    request: Request,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    type: Annotated[str, Query(description="PERSON, ORG, GPE, ...")] = "PERSON",
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> JSONResponse:
    """People (or organisations, places) by quotes, then mentions, across the stories."""
    window = queries.Window(since, until, outlet)
    return _answer(
        request, queries.people, window=window, type=type.upper(), limit=limit, offset=offset
    )


@router.get("/v1/corpus/quotes", summary="Quotes and their speakers", responses=PROBLEMS)
def list_quotes(
    request: Request,
    person: Person = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    search: Search = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> JSONResponse:
    """Quotes with story, speaker and span, newest story first (best match with ``search``)."""
    window = queries.Window(since, until, outlet)
    return _answer(
        request, queries.quotes, window=window, person=person, search=search, limit=limit,
        offset=offset,
    )  # fmt: skip


@router.get("/v1/corpus/timeline", summary="Dated events across stories", responses=PROBLEMS)
def list_events(
    request: Request,
    person: Person = None,
    cluster: Annotated[str | None, Query(description="A story cluster's id.")] = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> JSONResponse:
    """Events in date order, each with its story, sentence and span; ``since``/``until``
    apply to the events' dates."""
    window = queries.Window(since, until, outlet)
    return _answer(
        request, queries.timeline, window=window, person=person, cluster=cluster, limit=limit,
        offset=offset,
    )  # fmt: skip


@router.get("/v1/corpus/search", summary="Full-text search", responses=PROBLEMS)
def search_corpus(
    request: Request,
    q: Annotated[str, Query(min_length=1, description='Words, "a phrase", OR, -word.')],
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    limit: Limit = queries.DEFAULT_LIMIT,
) -> JSONResponse:
    """Hits in story texts, highlights and quotes, best first, with snippets."""
    return _answer(
        request, queries.search, q, window=queries.Window(since, until, outlet), limit=limit
    )


@router.get("/v1/corpus/sources", summary="Who gets quoted", responses=PROBLEMS)
def count_sources(
    request: Request,
    by: Annotated[
        SourcesBy, Query(description="Count per outlet, cluster, month or role class.")
    ] = "outlet",
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    limit: Annotated[int | None, Query(ge=1, description="At most this many groups.")] = None,
) -> JSONResponse:
    """The quoted people of the stories (the distinct speakers of each story's quotes) by
    gender as the story states it and by role class, per group, the most quoted groups first:
    ``{by: value, quoted_people, female, male, unknown, female_share, roles}``."""
    window = queries.Window(since, until, outlet)
    return _answer(request, queries.sources, window=window, by=by, limit=limit)


@router.get("/v1/corpus/clusters/{cluster_id:path}", summary="An event cluster", responses=PROBLEMS)
def show_cluster(
    request: Request,
    cluster_id: str,
    limit: Limit = queries.DEFAULT_LIMIT,
) -> JSONResponse:
    """The cluster's label, size and dates, with its stories, its cast (the people of its
    stories) and its timeline, at most ``limit`` rows each."""
    return _answer(request, queries.cluster, cluster_id, limit=limit)
