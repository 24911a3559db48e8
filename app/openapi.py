"""OpenAPI post-processing: error responses as RFC 9457 problem+json, the API key, realistic cursors."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.config import Settings
from app.discrepancies.service import DiscrepancyLister
from app.pagination import KeyType, cursor_pattern, encode_cursor
from app.security import SECURITY_SCHEME

PROBLEM_SCHEMA = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "examples": ["about:blank"]},
        "title": {"type": "string", "examples": ["Unprocessable Content"]},
        "status": {"type": "integer", "examples": [422]},
        "detail": {"type": "string", "examples": ["limit: must be between 1 and 500, got 0"]},
        "instance": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "parameter": {"type": "string"}, "detail": {"type": "string"}}}},
    },
}
_REF = {"$ref": "#/components/schemas/Problem"}
_DESCRIPTIONS = {"400": "Bad request", "401": "Missing or wrong X-API-Key", "404": "No such resource",
                 "413": "Body too large", "422": "A parameter or the body is invalid; `detail` names it",
                 "500": "Unexpected error (logged; no internals exposed)",
                 "503": "At capacity, or the database is busy or unreachable: retry after `Retry-After` seconds"}
_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}}
SCHEME = "ApiKeyHeader"

# Each list's cursors: a cursor only means something to the list that issued it, so the schema gives each list
# its own pattern and a real cursor as example. tests/test_openapi.py checks every list has an entry here and
# accepts its example.
_DATED = (date, int)
_EVENTS = ("events", _DATED, [date(2024, 4, 30), 1])
_STATEMENTS = ("statements", _DATED, [date(2024, 4, 30), 1])
CURSORS: dict[str, tuple[str, tuple[KeyType, ...], list[Any]]] = {
    "/api/v1/events": _EVENTS,
    "/api/v1/actors/{actor_id}/events": _EVENTS,
    "/api/v1/statements": _STATEMENTS,
    "/api/v1/actors/{actor_id}/statements": _STATEMENTS,
    "/api/v1/documents": ("documents", _DATED, [date(2024, 5, 1), 1]),
    "/api/v1/actors": ("actors", (int,), [1]),
    "/api/v1/sources": ("sources", (str,), ["Example News"]),
    "/api/v1/discrepancies": ("discrepancies", DiscrepancyLister.key_types, ["event", 1]),
    "/api/v1/places": ("places", (int,), [1]),
    "/api/v1/changes": ("changes", (int,), [1]),
}


def _problem(code: str) -> dict[str, Any]:
    out: dict[str, Any] = {"description": _DESCRIPTIONS[code],
                           "content": {"application/problem+json": {"schema": _REF}}}
    if code == "503":
        out["headers"] = _RETRY_AFTER
    return out


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional parameter's schema without FastAPI's `anyOf [X, null]`: a URL cannot carry null; leaving the
    parameter out is how it is not given. The annotations (title, description, examples) move onto X."""
    options = schema.get("anyOf")
    if not options or len(options) != 2 or {"type": "null"} not in options:
        return schema
    [kept] = [o for o in options if o != {"type": "null"}]
    rest = {k: v for k, v in schema.items() if k != "anyOf"}
    return {**kept, **rest}


def _link_lists_to_items(paths: dict[str, Any]) -> None:
    """OpenAPI links from each list to the operations on one of its items (`/x` -> `/x/{x_id}...`), so clients
    and tools can follow `items[0].id` instead of guessing ids."""
    for path, methods in paths.items():
        listing = methods.get("get")
        if listing is None or "{" in path:
            continue
        links = {}
        for item_path, item_methods in paths.items():
            match = re.fullmatch(re.escape(path) + r"/\{(\w+)\}(/[a-z]+)?", item_path)
            if not match:
                continue
            for op in item_methods.values():
                name = op["operationId"]
                links[name] = {"operationId": name, "parameters": {match.group(1): "$response.body#/items/0/id"}}
        if links:
            listing["responses"]["200"]["links"] = links


def _error_codes(path: str, method: str) -> list[str]:
    codes = ["422", "500", "503"]
    if "{" in path or method == "delete":
        codes.append("404")
    if path.startswith("/api/"):
        codes.append("401")
    if method in ("post", "put", "patch"):
        codes += ["400", "413"]
    return codes


def _secured(settings: Settings, path: str, method: str) -> bool:
    """Whether this configuration asks for X-API-Key on the operation: so the document says what the server does."""
    if not path.startswith("/api/"):
        return False
    if method in ("post", "put", "patch", "delete"):
        return bool(settings.api_key) or not settings.allow_anonymous_writes
    return bool(settings.read_api_key)


def install_openapi(app: FastAPI) -> None:
    """Problem+json for every error status, the API key scheme where it applies, and each list's own cursor."""
    settings: Settings = app.state.settings

    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, summary=app.summary, description=app.description,
                           routes=app.routes, tags=app.openapi_tags)
        components = spec.setdefault("components", {})
        schemas = components.setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas["Problem"] = PROBLEM_SCHEMA
        components["securitySchemes"] = {SCHEME: SECURITY_SCHEME}
        text = schemas.get("DocumentCreate", {}).get("properties", {}).get("text")
        if text is not None:
            text["maxLength"] = settings.max_document_bytes  # characters: a bound, the limit itself is in bytes
        for path, methods in spec["paths"].items():
            for method, op in methods.items():
                responses = op.setdefault("responses", {})
                codes = _error_codes(path, method)
                codes += [c for c in responses if c in _DESCRIPTIONS and c not in codes]  # declared by the route
                for code in codes:
                    described = responses.get(code, {}).get("description")
                    responses[code] = _problem(code)
                    if described and code not in ("422",):
                        responses[code]["description"] = described
                if _secured(settings, path, method):
                    op["security"] = [{SCHEME: []}]
                else:
                    responses.pop("401", None)
                for param in op.get("parameters", []):
                    param["schema"] = _without_null(param["schema"])
                    if param["name"] == "cursor" and path in CURSORS:
                        kind, types, key = CURSORS[path]
                        param["schema"]["pattern"] = cursor_pattern(kind, types)
                        param["schema"]["examples"] = [encode_cursor(kind, key)]
        _link_lists_to_items(spec["paths"])
        app.openapi_schema = spec
        return spec

    app.openapi = build  # type: ignore[method-assign]
