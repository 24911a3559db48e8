"""Saturation against real uvicorn: excess requests wait briefly, then get an honest 503; /healthz stays open.

The write slot is held on purpose by slowing extraction inside the server (same process), so which requests
find the server full is certain, not a matter of timing.
"""

from __future__ import annotations

import threading
import time

import httpx
import pytest

import app.extract
from app.config import Settings
from app.main import create_app
from tests.support.server import live_server

HOLD_S, WAIT_S = 1.5, 0.4
TEXT = "Kenyan President Kofi Mensah met Polish Prime Minister Olga Novak in Warsaw on May {day}."


@pytest.fixture
def full_server(database_url, monkeypatch):
    settings = Settings(database_url=database_url, _env_file=None, api_key="k", max_concurrency=2,
                        max_concurrent_writes=1, queue_timeout_s=WAIT_S)
    original = app.extract.extract

    def slow_extract(*args, **kwargs):
        time.sleep(HOLD_S)
        return original(*args, **kwargs)

    monkeypatch.setattr(app.extract, "extract", slow_extract)
    with live_server(create_app(settings)) as base:
        yield base


def test_a_full_server_answers_503_with_retry_after_and_keeps_healthz(full_server, nlp):
    results: dict[int, tuple[int, float, httpx.Headers]] = {}
    # clients are built (and the monitor's connection opened) before the burst: only the server is measured
    clients = [httpx.Client(base_url=full_server, timeout=30, headers={"X-API-Key": "k"}) for _ in range(3)]
    monitor = httpx.Client(base_url=full_server, timeout=30)
    assert monitor.get("/healthz").status_code == 200

    def post(i: int) -> None:
        began = time.perf_counter()
        r = clients[i].post("/api/v1/documents", json={"text": TEXT.format(day=i + 1), "published": "2024-05-30"})
        results[i] = (r.status_code, time.perf_counter() - began, r.headers)

    writers = [threading.Thread(target=post, args=(i,)) for i in range(3)]
    for t in writers:
        t.start()
    time.sleep(0.2)
    assert monitor.get("/healthz").status_code == 200
    assert monitor.get("/api/v1/events").status_code == 200  # a read slot is still free
    assert 201 not in {status for status, _, _ in results.values()}  # both answered while the write held its slot
    for t in writers:
        t.join()
    for c in [*clients, monitor]:
        c.close()
    statuses = sorted(status for status, _, _ in results.values())
    assert statuses == [201, 503, 503]
    [held] = [seconds for status, seconds, _ in results.values() if status == 201]
    for status, seconds, headers in results.values():
        if status == 503:
            assert headers["content-type"] == "application/problem+json"
            assert headers["retry-after"] == "2"
            assert WAIT_S <= seconds < held  # refused after the short wait, while the slot was still held
