"""OpenAPI post-processing: every error response documented as RFC 9457 problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

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
                 "503": "Service unavailable for now; retry after `Retry-After` seconds"}


def _problem(code: str) -> dict[str, Any]:
    return {"description": _DESCRIPTIONS[code], "content": {"application/problem+json": {"schema": _REF}}}


def install_openapi(app: FastAPI) -> None:
    """Replace FastAPI's default 422 schema with problem+json and document the other error statuses."""

    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, summary=app.summary, description=app.description,
                           routes=app.routes, tags=app.openapi_tags)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas["Problem"] = PROBLEM_SCHEMA
        for path, methods in spec["paths"].items():
            for method, op in methods.items():
                responses = op.setdefault("responses", {})
                codes = ["422", "500"]
                if "{" in path or method == "delete":
                    codes.append("404")
                if path.startswith("/api/"):
                    codes.append("401")
                if method in ("post", "put", "patch"):
                    codes += ["400", "413"]
                codes += [c for c in responses if c in _DESCRIPTIONS and c not in codes]  # declared by the route
                for code in codes:
                    described = responses.get(code, {}).get("description")
                    responses[code] = _problem(code)
                    if described and code not in ("422",):
                        responses[code]["description"] = described
        app.openapi_schema = spec
        return spec

    app.openapi = build  # type: ignore[method-assign]
