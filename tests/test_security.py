"""API keys: writes need X-API-Key when one is configured; reads need the read key when that is set."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


def client_with(database_url: str, **keys) -> TestClient:
    return TestClient(create_app(Settings(database_url=database_url, _env_file=None, **keys)))


def test_writes_need_the_key_when_configured(database_url):
    with client_with(database_url, api_key="s3cret") as c:
        for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": "s3cret "}):
            r = c.post("/api/v1/documents", json={"text": "Leaders met."}, headers=headers)
            assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
            assert c.delete("/api/v1/documents/1", headers=headers).status_code == 401
        assert c.get("/api/v1/documents").status_code == 200  # reads stay open without a read key
        assert c.delete("/api/v1/documents/1", headers={"X-API-Key": "s3cret"}).status_code == 404


def test_read_key_protects_reads_and_the_write_key_also_reads(database_url):
    with client_with(database_url, api_key="w", read_api_key="r") as c:
        assert c.get("/api/v1/events").status_code == 401
        assert c.get("/api/v1/events", headers={"X-API-Key": "r"}).status_code == 200
        assert c.get("/api/v1/events", headers={"X-API-Key": "w"}).status_code == 200
        assert c.get("/healthz").status_code == 200  # liveness stays open for orchestrators


def test_cors_comes_from_settings(database_url):
    with client_with(database_url, cors_origins=["https://dash.example"]) as c:
        preflight = {"Access-Control-Request-Method": "GET"}
        r = c.options("/api/v1/events", headers={"Origin": "https://dash.example", **preflight})
        assert r.headers.get("access-control-allow-origin") == "https://dash.example"
        r = c.options("/api/v1/events", headers={"Origin": "https://evil.example", **preflight})
        assert r.headers.get("access-control-allow-origin") is None
