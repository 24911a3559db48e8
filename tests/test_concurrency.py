"""Many writers and readers at once: exact document count, no duplicate actor, no 5xx beyond honest 503s
(retried), no "database is locked"."""

from __future__ import annotations

import json
import multiprocessing as mp
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlmodel import Session

from app.db import make_engine
from app.models import Actor, Document
from tests.support.articles import articles
from tests.support.server import free_port, serve_process

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
WRITERS, PER_WRITER, SHARED = 4, 50, 12  # a quarter of each writer's documents are posted by every writer
KEY = "concurrency-test-key"
RETRIES = 30  # on a loaded machine a write may wait past the admission queue's 5 s; the client retries, as told


def send(c: httpx.Client, method: str, url: str, **kwargs) -> httpx.Response:
    """One request as a well-behaved client sends it: a 503 (admission budget full) is retried after Retry-After."""
    for _ in range(RETRIES):
        r = c.request(method, url, **kwargs)
        if r.status_code != 503:
            return r
        assert r.headers["content-type"] == "application/problem+json" and int(r.headers["retry-after"]) > 0
        time.sleep(int(r.headers["retry-after"]))
    return r


def writer(base: str, docs: list[dict], out: mp.Queue) -> None:
    statuses = []
    try:
        with httpx.Client(base_url=base, timeout=300, headers={"X-API-Key": KEY}) as c:
            for doc in docs:
                statuses.append(send(c, "POST", "/api/v1/documents", json=doc).status_code)
    except Exception as exc:
        out.put(("error", f"writer after {len(statuses)} posts: {exc!r}"))
        return
    out.put(("writer", statuses))


def reader(base: str, stop: mp.Event, out: mp.Queue) -> None:
    statuses = []
    try:
        with httpx.Client(base_url=base, timeout=300) as c:
            while not stop.is_set():
                cursor = None
                while True:
                    r = send(c, "GET", "/api/v1/events", params={"limit": 20, **({"cursor": cursor} if cursor else {})})
                    statuses.append(r.status_code)
                    if r.status_code != 200 or not (cursor := r.json()["next_cursor"]):
                        break
    except Exception as exc:
        out.put(("error", f"reader after {len(statuses)} pages: {exc!r}"))
        return
    out.put(("reader", statuses))


def test_concurrent_writers_and_readers(database_url, tmp_path):
    pool = articles(WRITERS * (PER_WRITER - SHARED) + SHARED, seed=11)
    shared, own = pool[:SHARED], pool[SHARED:]
    batches = [shared + own[i * (PER_WRITER - SHARED):(i + 1) * (PER_WRITER - SHARED)] for i in range(WRITERS)]
    for i, batch in enumerate(batches):  # writers meet the shared documents in different orders
        batch.sort(key=lambda d: json.dumps(d)[i:])
    port = free_port()
    log_path = tmp_path / "server.log"
    log = log_path.open("wb")
    server = serve_process(database_url, port, log, workers=2, env={"EVENTKB_API_KEY": KEY})
    base = f"http://127.0.0.1:{port}"
    try:
        ctx = mp.get_context("spawn")
        out, stop = ctx.Queue(), ctx.Event()
        procs = [ctx.Process(target=writer, args=(base, b, out)) for b in batches]
        procs += [ctx.Process(target=reader, args=(base, stop, out)) for _ in range(2)]
        for p in procs:
            p.start()
        results = [out.get(timeout=540) for _ in range(WRITERS)]
        stop.set()
        results += [out.get(timeout=120) for _ in range(2)]
        for p in procs:
            p.join(timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    err = log_path.read_bytes()
    errors = [detail for kind, detail in results if kind == "error"]
    assert errors == [], errors
    statuses = [s for _, batch in results for s in batch]
    assert statuses and max(statuses) < 500, sorted(set(statuses))
    writes = [s for kind, batch in results if kind == "writer" for s in batch]
    assert writes.count(201) == len(pool) and writes.count(200) == WRITERS * PER_WRITER - len(pool)
    assert b"database is locked" not in err
    engine = make_engine(database_url)
    with Session(engine) as s:
        assert s.exec(select(func.count()).select_from(Document)).one()[0] == len(pool)
        # two rows agreeing on every piece of evidence (type, name, role, country) are one actor stored twice
        cols = (Actor.type, Actor.name, Actor.role, Actor.country_id)
        dupes = s.exec(select(*cols, func.count()).group_by(*cols).having(func.count() > 1)).all()
        assert dupes == []
        if engine.dialect.name == "sqlite":
            assert s.exec(text("PRAGMA integrity_check")).one()[0] == "ok"
    engine.dispose()
