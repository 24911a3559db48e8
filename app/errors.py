"""Domain errors carry their HTTP status; one handler renders every error as RFC 9457 problem+json."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
# what a 503 tells the client to wait before trying again
RETRY_AFTER_S = 2
log = logging.getLogger("eventkb.errors")


class AppError(Exception):
    """Base of every error the API reports on purpose."""

    status: int = 500
    title: str = "Internal Server Error"
    headers: dict[str, str] | None = None

    def __init__(self, detail: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra or {}


class NotFound(AppError):
    status, title = 404, "Not Found"


class BadRequest(AppError):
    status, title = 400, "Bad Request"


class Unauthorized(AppError):
    status, title = 401, "Unauthorized"


class Conflict(AppError):
    status, title = 409, "Conflict"


class PayloadTooLarge(AppError):
    status, title = 413, "Content Too Large"


class CommitFailed(AppError):
    """The transaction could not be committed: nothing of the request was stored."""

    status, title = 500, "Internal Server Error"


class ServiceUnavailable(AppError):
    """Busy or unreachable database, no capacity left, or shutting down: retry after `retry_after` seconds."""

    status, title = 503, "Service Unavailable"
    headers = {"Retry-After": str(RETRY_AFTER_S)}

    def __init__(self, detail: str, *, retry_after: int = RETRY_AFTER_S) -> None:
        super().__init__(detail)
        self.headers = {"Retry-After": str(retry_after)}


class InvalidParameter(AppError):
    """A query or body value that parses but makes no sense; names the parameter."""

    status, title = 422, "Unprocessable Content"

    def __init__(self, parameter: str, detail: str) -> None:
        super().__init__(f"{parameter}: {detail}", extra={"errors": [{"parameter": parameter, "detail": detail}]})


def problem(status: int, detail: str, *, title: str | None = None, instance: str | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    """An RFC 9457 problem document."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _validation_detail(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    errors = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body", "header")]
        message = err.get("msg", "invalid value")
        # our own validators' messages read as written, without pydantic's "Value error, " in front
        message = message.removeprefix("Value error, ")
        errors.append({"parameter": ".".join(loc) or "body", "detail": message})
    summary = "; ".join(f"{e['parameter']}: {e['detail']}" for e in errors) or "invalid request"
    return summary, errors


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception through `problem()`."""

    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError):
        return problem(exc.status, exc.detail, title=exc.title, instance=request.url.path, headers=exc.headers,
                       **exc.extra)

    async def _database_unavailable(request: Request, exc: Exception):
        # locked past the busy timeout, pool exhausted, server gone, disk error: the request did not happen
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
        return problem(503, "the database is busy or unavailable; the request was not completed, retry shortly",
                       instance=request.url.path, headers={"Retry-After": str(RETRY_AFTER_S)})

    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(PoolTimeout, _database_unavailable)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        detail, errors = _validation_detail(exc)
        return problem(422, detail, instance=request.url.path, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            # Starlette names only the methods of the route it tried; Allow must list the whole resource's
            allowed = allowed_methods(request.app, request.url.path)
            if allowed:
                headers = {**(headers or {}), "Allow": ", ".join(allowed)}
        return problem(exc.status_code, str(exc.detail), instance=request.url.path, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _unexpected_problem(request.url.path)

    app.add_middleware(UnexpectedErrorMiddleware)


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method the documented resource at `path` answers (HEAD with GET), in a stable order."""
    routes = getattr(app.state, "method_table", None)
    if routes is None:
        routes = []
        for template, operations in app.openapi()["paths"].items():
            regex = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")
            routes.append((regex, {m.upper() for m in operations}))
        app.state.method_table = routes
    methods = set().union(*(m for regex, m in routes if regex.match(path)))
    if "GET" in methods:
        methods.add("HEAD")
    order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
    return sorted(methods, key=lambda m: order.index(m) if m in order else len(order))


def _unexpected_problem(path: str) -> JSONResponse:
    return problem(500, "an unexpected error occurred; it has been logged", instance=path)


class UnexpectedErrorMiddleware:
    """Answer an unexpected exception with a 500 problem and keep the connection open.

    Starlette's outermost handler sends the same 500 but then re-raises, and uvicorn closes the connection, so a
    client reusing it for its next request gets "connection reset". Once a response has started (a broken stream)
    nothing else can be sent: the exception goes on and the connection is closed, which is then the right thing.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: dict) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            if started:
                raise
            log.exception("unhandled error on %s %s", scope["method"], scope["path"])
            await _unexpected_problem(scope["path"])(scope, receive, send)
