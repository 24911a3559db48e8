"""An oversized body gets its 413 problem+json through to the client, whatever the client: urllib, httpx,
requests, with a Content-Length or chunked. Real uvicorn, real sockets: a server that answers and closes while
the client is still sending leaves the client with "connection reset" instead of the answer."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import httpx
import pytest
import requests

from app.config import Settings
from app.main import create_app
from tests.support.server import live_server

KEY = "body-limit-test-key"
BIG = 10 * 1024 * 1024


@pytest.fixture(scope="module")
def base(tmp_path_factory, db_backend):
    if db_backend["kind"] != "sqlite":
        pytest.skip("the body limit does not touch the database; run once, on SQLite")
    folder = tmp_path_factory.mktemp("body")
    from app import migrate

    url = f"sqlite:///{folder}/kb.db"
    migrate.upgrade(url)
    settings = Settings(database_url=url, _env_file=None, api_key=KEY, data_dir=folder, max_document_bytes=100_000)
    with live_server(create_app(settings)) as url_:
        yield url_


def oversized() -> bytes:
    return json.dumps({"text": "x" * BIG}).encode()


def assert_problem_413(status: int, content_type: str, body: bytes) -> None:
    assert status == 413
    assert content_type == "application/problem+json"
    problem = json.loads(body)
    assert problem["status"] == 413 and "exceeds the limit" in problem["detail"]


def test_urllib(base):
    request = urllib.request.Request(f"{base}/api/v1/documents", data=oversized(), method="POST",
                                     headers={"Content-Type": "application/json", "X-API-Key": KEY})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=60)
    assert_problem_413(refused.value.code, refused.value.headers["Content-Type"], refused.value.read())


def test_httpx(base):
    r = httpx.post(f"{base}/api/v1/documents", content=oversized(), timeout=60,
                   headers={"Content-Type": "application/json", "X-API-Key": KEY})
    assert_problem_413(r.status_code, r.headers["content-type"], r.content)


def test_requests(base):
    r = requests.post(f"{base}/api/v1/documents", data=oversized(), timeout=60,
                      headers={"Content-Type": "application/json", "X-API-Key": KEY})
    assert_problem_413(r.status_code, r.headers["content-type"], r.content)


def test_chunked_bodies_without_a_length(base):
    body = oversized()
    chunks = (body[i:i + 65536] for i in range(0, len(body), 65536))
    r = requests.post(f"{base}/api/v1/documents", data=chunks, timeout=60,
                      headers={"Content-Type": "application/json", "X-API-Key": KEY})
    assert "content-length" not in r.request.headers and r.request.headers["transfer-encoding"] == "chunked"
    assert_problem_413(r.status_code, r.headers["content-type"], r.content)


def test_the_connection_stays_usable_and_a_body_within_the_limit_still_works(base):
    with httpx.Client(base_url=base, timeout=60, headers={"X-API-Key": KEY}) as c:
        assert c.post("/api/v1/documents", content=oversized(),
                      headers={"Content-Type": "application/json"}).status_code == 413
        small = c.post("/api/v1/documents", json={"text": "Ein kurzer Text, der nicht ausgewertet wird."})
        assert small.status_code in (200, 201)
        assert c.get(small.headers["location"]).status_code == 200
