"""The OpenAPI document users explore at /docs: a summary on every route, described parameters with examples."""

from __future__ import annotations

import re

import pytest


def test_every_route_has_a_summary_and_every_parameter_a_description_and_example(client):
    spec = client.get("/openapi.json").json()
    problems = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            if not op.get("summary") or not op.get("description"):
                problems.append(f"{method} {path}: no summary/description")
            for param in op.get("parameters", []):
                if not param.get("description"):
                    problems.append(f"{method} {path} {param['name']}: no description")
                if "example" not in param and "examples" not in param and "examples" not in param.get("schema", {}):
                    problems.append(f"{method} {path} {param['name']}: no example")
            if path.startswith("/api/v1") and not op.get("tags"):
                problems.append(f"{method} {path}: no tag")
    assert problems == []
    assert {"/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/events/{event_id}/readouts", "/api/v1/actors",
            "/api/v1/actors/{actor_id}/network", "/api/v1/statements", "/api/v1/documents", "/api/v1/sources",
            "/api/v1/stats/timeline", "/api/v1/discrepancies", "/healthz"} <= set(spec["paths"])


def test_every_list_documents_its_own_cursor_and_accepts_its_example(client):
    from app.openapi import CURSORS

    spec = client.get("/openapi.json").json()
    lists = {path for path, methods in spec["paths"].items()
             if any(p["name"] == "cursor" for p in methods.get("get", {}).get("parameters", []))}
    assert lists == set(CURSORS)  # a new list needs its cursor described in app/openapi.py
    for path in lists:
        [param] = [p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == "cursor"]
        [example] = param["schema"]["examples"]
        assert re.match(param["schema"]["pattern"], example)
        url = path.replace("{actor_id}", "1")
        r = client.get(url, params={"cursor": example})
        assert r.status_code in (200, 404), (path, r.text)  # 404: actor 1 does not exist in an empty KB
        if "{" not in path:
            assert r.status_code == 200
        others = [CURSORS[p] for p in CURSORS if CURSORS[p][0] != CURSORS[path][0]]
        for kind, _, key in others:  # another list's cursor is outside this list's pattern, and refused
            from app.pagination import encode_cursor

            foreign = encode_cursor(kind, key)
            assert not re.match(param["schema"]["pattern"], foreign)
            if "{" not in path:
                assert client.get(url, params={"cursor": foreign}).status_code == 422


def test_patterns_are_valid_and_optional_parameters_carry_no_null(client):
    spec = client.get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            for param in op.get("parameters", []):
                schema = param["schema"]
                assert "anyOf" not in schema, (method, path, param["name"])  # a URL cannot carry null
                for pattern in filter(None, (schema.get("pattern"), schema.get("items", {}).get("pattern"))):
                    re.compile(pattern)


def test_writes_declare_the_api_key_and_reads_only_when_a_read_key_is_set(settings):
    from fastapi.testclient import TestClient

    from app.main import create_app

    def secured(**options):
        with TestClient(create_app(settings.model_copy(update=options)), base_url="http://localhost") as c:
            spec = c.get("/openapi.json").json()
        assert spec["components"]["securitySchemes"]["ApiKeyHeader"] == {
            **spec["components"]["securitySchemes"]["ApiKeyHeader"], "type": "apiKey", "in": "header",
            "name": "X-API-Key"}
        return {f"{m.upper()} {p}" for p, ms in spec["paths"].items() for m, op in ms.items() if op.get("security")}

    writes = {"POST /api/v1/documents", "DELETE /api/v1/documents/{document_id}"}
    assert secured() == writes
    with_read_key = secured(read_api_key="r" * 20)
    assert writes < with_read_key and "GET /api/v1/events" in with_read_key and "GET /healthz" not in with_read_key
    assert secured(api_key=None, allow_anonymous_writes=True) == set()


@pytest.mark.parametrize(("path", "allow"), [("/api/v1/documents/1", "GET, HEAD, DELETE"),
                                              ("/api/v1/documents", "GET, HEAD, POST"),
                                              ("/api/v1/events", "GET, HEAD")])
def test_405_names_every_method_of_the_resource(client, path, allow):
    r = client.request("PATCH", path)
    assert r.status_code == 405 and r.headers["allow"] == allow
    assert r.headers["content-type"] == "application/problem+json"
    assert client.options(path).headers["allow"] == allow
