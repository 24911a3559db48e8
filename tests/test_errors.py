"""One test pins the RFC 9457 problem+json shape that every error shares."""

from __future__ import annotations


def test_unknown_route_is_problem_json(client):
    r = client.get("/api/v1/no-such-thing")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["status"] == 404 and body["title"] == "Not Found" and body["type"] == "about:blank"


def test_domain_error_carries_its_status(client):
    from fastapi import APIRouter

    from app.errors import InvalidParameter

    router = APIRouter()

    @router.get("/_boom")
    def boom():
        raise InvalidParameter("limit", "must be between 1 and 500")

    client.app.include_router(router)
    r = client.get("/_boom")
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "limit: must be between 1 and 500"
    assert r.json()["errors"] == [{"parameter": "limit", "detail": "must be between 1 and 500"}]


def test_unexpected_exception_is_a_500_problem_without_stack_trace(settings):
    from fastapi import APIRouter
    from fastapi.testclient import TestClient

    from app.main import create_app

    app = create_app(settings)
    router = APIRouter()

    @router.get("/_crash")
    def crash():
        raise RuntimeError("secret internals")

    app.include_router(router)
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as c:
        r = c.get("/_crash")
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/problem+json"
    assert "secret" not in r.text and "Traceback" not in r.text


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
