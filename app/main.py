"""The FastAPI application factory: the lifespan builds the engine; routers and error handlers attach here."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.admission import Admission, AdmissionMiddleware
from app.body_limit import BodyLimitMiddleware
from app.config import Settings, get_settings
from app.db import make_engine
from app.docs import install_docs
from app.errors import install_error_handlers
from app.extract.lexicon import lexicon
from app.hosts import AllowedHostsMiddleware, allowed_hosts
from app.logs import RequestLogMiddleware, configure_logging
from app.openapi import install_openapi
from app.response_cache import ResponseCacheMiddleware, ResponseStore
from app.security import resolve_write_access

API_PREFIX = "/api/v1"
log = logging.getLogger("eventkb.app")

TAGS = [
    {"name": "events", "description": "PLOVER-typed events with participants, dates, sources and claims."},
    {"name": "actors", "description": "People, organizations, countries, groups and locations with aliases."},
    {"name": "statements", "description": "Who said what: speaker, cue, content and evidence."},
    {"name": "documents", "description": "Articles: list, read, add (runs extraction) and delete."},
    {"name": "sources", "description": "Outlets and cited sources with counts."},
    {"name": "stats", "description": "Aggregations for dashboards."},
    {"name": "discrepancies", "description": "Where sources disagree about one event."},
    {"name": "places", "description": "Gazetteer entries events and location actors resolve to, with event counts."},
    {"name": "changes", "description": "Every creation, update, deletion and merge, in commit order, to stay in sync."},
    {"name": "health", "description": "Liveness and readiness."},
]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; nothing touches the database until the lifespan starts."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings.log_level)
        lexicon()  # a broken reference data file stops start-up here, not at the first POST /documents
        # one concurrency budget: threads and connections for every admitted request (app/admission.py)
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        engine = make_engine(settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms,
                             pool_size=settings.pool_capacity, pool_timeout_s=settings.queue_timeout_s)
        app.state.engine = engine
        app.state.write_access = access = resolve_write_access(settings)
        log.info("writes need X-API-Key" if access.key else "writes are OPEN to anonymous clients",
                 extra={"write_key": access.source, "allowed_hosts": allowed_hosts(settings)})
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(
        title="eventkb",
        version="1.0.0",
        summary="A knowledge base of news events: who did what to whom, when and where, and who said what.",
        description="Every event, statement and actor mention is traceable to the document and character "
                    "offsets it came from. Lists page by opaque keyset cursors; errors are RFC 9457 "
                    "`application/problem+json`.",
        openapi_tags=TAGS,
        lifespan=lifespan,
        docs_url=None,  # served offline by app/docs.py
        redoc_url=None,
    )
    app.state.settings = settings
    if settings.response_cache_mb > 0:
        # added first, so innermost: a stored response still passes admission, CORS and the unexpected-error
        # guard, and the generation query it runs uses an admitted slot's connection (and thread, on PostgreSQL)
        app.state.response_store = store = ResponseStore(int(settings.response_cache_mb * 2**20))
        app.add_middleware(ResponseCacheMiddleware, store=store, prefix=API_PREFIX + "/")
    install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["X-API-Key", "Content-Type", "Accept"])
    app.add_middleware(AdmissionMiddleware, admission=Admission(settings.max_concurrency,
                                                                settings.max_concurrent_writes,
                                                                settings.queue_timeout_s), prefix=API_PREFIX + "/")
    # JSON escaping can grow a text up to 6x; the exact byte limit on the text itself is checked after parsing.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_document_bytes * 6 + 64_000)
    app.add_middleware(AllowedHostsMiddleware, hosts=allowed_hosts(settings))
    app.add_middleware(RequestLogMiddleware)
    _include_routers(app)
    install_openapi(app)
    install_docs(app)
    return app


def _include_routers(app: FastAPI) -> None:
    from app.actors.router import router as actors
    from app.changes.router import router as changes
    from app.discrepancies.router import router as discrepancies
    from app.documents.router import router as documents
    from app.events.router import router as events
    from app.health.router import router as health
    from app.places.router import router as places
    from app.sources.router import router as sources
    from app.statements.router import router as statements
    from app.stats.router import router as stats

    # each resource router straight under the app: FastAPI matches included routers level by level on every
    # request, and an intermediate /api/v1 router was one more level for every API request to go through
    for router in (events, actors, statements, documents, sources, stats, discrepancies, places, changes):
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(health)
