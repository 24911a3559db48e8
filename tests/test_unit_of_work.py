"""Commit, then answer: a write's response goes out only after its transaction committed, against real uvicorn.

Session.commit is slowed down or made to fail inside the server (same process, so the monkeypatch applies);
a client that reads as soon as it has the answer must see exactly what the answer promised.
"""

from __future__ import annotations

import time

import httpx
import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app.main import create_app
from tests.support.server import live_server

TEXT = ("Norwegian Foreign Minister Anna Keller held talks with her Kenyan counterpart Kofi Mensah in Oslo on "
        "March 3. Keller said that the two countries would expand trade. Police arrested 12 protesters outside "
        "the ministry on March 4.")
COMMIT_DELAY = 1.0


@pytest.fixture
def server(settings, nlp):
    with live_server(create_app(settings)) as base, httpx.Client(base_url=base, timeout=30,
                                                                headers={"X-API-Key": settings.api_key}) as c:
        yield c


def slow_commit(monkeypatch):
    original = Session.commit

    def commit(self):
        time.sleep(COMMIT_DELAY)
        return original(self)

    monkeypatch.setattr(Session, "commit", commit)


def failing_commit(monkeypatch, exc: Exception):
    def commit(self):
        raise exc

    monkeypatch.setattr(Session, "commit", commit)


def post(c: httpx.Client, text: str = TEXT) -> httpx.Response:
    return c.post("/api/v1/documents", json={"text": text, "published": "2024-03-05", "outlet": "Wire"})


def test_a_read_right_after_the_201_sees_the_document_and_its_actors(server, monkeypatch):
    slow_commit(monkeypatch)
    began = time.perf_counter()
    created = post(server)
    assert created.status_code == 201, created.text
    assert time.perf_counter() - began >= COMMIT_DELAY  # the answer waited for the commit
    doc = created.json()
    assert doc["counts"]["actors"] >= 2
    got = server.get(f"/api/v1/documents/{doc['id']}")
    assert got.status_code == 200 and got.json()["sha256"] == doc["sha256"]
    actors = server.get("/api/v1/actors", params={"document": doc["id"]}).json()
    assert actors["total"] == doc["counts"]["actors"]
    assert {"Anna Keller", "Kofi Mensah"} <= {a["name"] for a in actors["items"]}


def test_a_delete_answers_204_only_once_committed(server, monkeypatch):
    doc = post(server).json()
    slow_commit(monkeypatch)
    assert server.delete(f"/api/v1/documents/{doc['id']}").status_code == 204
    assert server.get(f"/api/v1/documents/{doc['id']}").status_code == 404
    assert server.get("/api/v1/actors", params={"document": doc["id"]}).json()["total"] == 0


@pytest.mark.parametrize(("exc", "status"), [
    (OperationalError("COMMIT", None, Exception("disk I/O error")), 503),
    (RuntimeError("commit failed"), 500),
])
def test_a_failed_commit_is_an_error_never_a_201(server, monkeypatch, exc, status):
    with monkeypatch.context() as m:
        failing_commit(m, exc)
        r = post(server)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert "commit failed" not in r.text and "disk I/O" not in r.text  # nothing internal leaks
    if status == 503:
        assert int(r.headers["retry-after"]) >= 1
    assert server.get("/api/v1/documents").json()["total"] == 0


def test_a_failed_commit_on_delete_keeps_the_document(server, monkeypatch):
    doc = post(server).json()
    with monkeypatch.context() as m:
        failing_commit(m, RuntimeError("commit failed"))
        r = server.delete(f"/api/v1/documents/{doc['id']}")
    assert r.status_code == 500 and r.headers["content-type"] == "application/problem+json"
    assert server.get(f"/api/v1/documents/{doc['id']}").status_code == 200


def test_every_route_that_takes_a_session_commits_before_answering(settings):
    """A route declaring Depends(get_session) without scope="function" would answer before committing."""
    from fastapi.routing import APIRoute

    from app.db import get_session

    def sessions(dependant):
        for sub in dependant.dependencies:
            if sub.call is get_session:
                yield sub
            yield from sessions(sub)

    def routes(items):
        for route in items:
            if hasattr(route, "original_router"):  # FastAPI keeps included routers as lazy wrappers
                yield from routes(route.original_router.routes)
            elif isinstance(route, APIRoute):
                yield route

    found = {}
    for route in routes(create_app(settings).routes):
        for dep in sessions(route.dependant):
            found[f"{sorted(route.methods)} {route.path}"] = dep.scope
    assert len(found) >= 15
    assert {route: scope for route, scope in found.items() if scope != "function"} == {}
