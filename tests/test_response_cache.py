"""Conditional GETs and stored responses (app/response_cache.py): the same bytes while the knowledge base is
unchanged, never an old body once a write committed, from this process or another."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import Session

from app.db import make_engine
from app.documents.service import delete_document, store_document, validate_new_document
from app.main import create_app
from app.models import Actor
from app.response_cache import Entry, ResponseStore, canonical_query, etag_listed
from tests.factories import small_kb
from tests.ingest.kb import add_document
from tests.ingest.test_anchors import DOCS

API = "/api/v1"
# not English, so it is stored without extraction: a write that needs no language model
TEXT = "Der Gesandte traf den Minister am Dienstag in der Hauptstadt und sprach lange mit ihm."


@pytest.fixture
def kb(session):
    return small_kb(session)


def _client(settings, **changes) -> TestClient:
    return TestClient(create_app(settings.model_copy(update=changes)), base_url="http://localhost",
                      headers={"X-API-Key": settings.api_key})


def _count_statements(engine):
    """A list that grows with every SQL statement the engine runs through SQLAlchemy."""
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cursor, sql, *a: seen.append(sql))
    return seen


def test_a_repeat_request_gets_the_same_etag_and_the_same_bytes_without_the_list_sql(client, kb):
    first = client.get(f"{API}/events", params={"type": "CONSULT", "limit": 5})
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and first.headers["cache-control"] == "no-cache"
    assert "Accept" in first.headers["vary"]
    statements = _count_statements(client.app.state.engine)
    again = client.get(f"{API}/events", params={"limit": 5, "type": "CONSULT"})  # parameters in another order
    assert again.content == first.content and again.headers["etag"] == etag
    assert statements == []  # no list SQL (the generation is read on the DBAPI connection, app/generation.py)
    assert len(client.app.state.response_store) == 1


def test_a_stored_body_is_byte_identical_to_an_uncached_response(settings, kb):
    paths = [f"{API}/events?type=CONSULT", f"{API}/actors?q=Lavrov", f"{API}/statements", f"{API}/documents",
             f"{API}/events/{kb['events']['call'].id}", f"{API}/stats/timeline?interval=month",
             f"{API}/actors/{kb['actors']['ru'].id}/events"]
    with _client(settings) as cached, _client(settings, response_cache_mb=0) as plain:
        for path in paths:
            cold, hot, reference = cached.get(path), cached.get(path), plain.get(path)
            assert cold.status_code == hot.status_code == reference.status_code == 200, path
            assert cold.content == hot.content == reference.content, path
            assert hot.headers["etag"] == cold.headers["etag"]
            assert hot.headers["content-type"] == reference.headers["content-type"]
            assert "etag" not in reference.headers  # 0 turns the layer off
        assert len(cached.app.state.response_store) == len(paths)
        assert not hasattr(plain.app.state, "response_store")


def test_if_none_match_with_the_current_etag_is_a_304_without_a_body(client, kb):
    etag = client.get(f"{API}/actors").headers["etag"]
    for header in (etag, etag.removeprefix("W/"), f'"other", {etag}'):
        r = client.get(f"{API}/actors", headers={"If-None-Match": header})
        assert r.status_code == 304 and r.content == b"", header
        assert r.headers["etag"] == etag and r.headers["cache-control"] == "no-cache"
    assert client.get(f"{API}/actors", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get(f"{API}/actors", headers={"If-None-Match": "*"}).status_code == 200


def test_a_write_through_the_api_changes_the_etag_and_the_body(client, kb):
    before = client.get(f"{API}/documents")
    r = client.post(f"{API}/documents", json={"text": TEXT, "published": "2024-05-03"})
    assert r.status_code == 201, r.text
    new_id = r.json()["id"]
    after = client.get(f"{API}/documents")
    assert after.headers["etag"] != before.headers["etag"]
    assert [d["id"] for d in after.json()["items"]][0] == new_id
    stale = client.get(f"{API}/documents", headers={"If-None-Match": before.headers["etag"]})
    assert stale.status_code == 200 and stale.content == after.content

    assert client.delete(f"{API}/documents/{new_id}").status_code == 204
    gone = client.get(f"{API}/documents")
    assert gone.headers["etag"] not in (before.headers["etag"], after.headers["etag"])
    assert gone.json()["items"] == before.json()["items"]


def test_a_write_committed_by_another_process_is_seen_at_once(client, kb, settings):
    """Another engine with its own connections stands for the `eventkb ingest` CLI writing while we serve."""
    before = client.get(f"{API}/documents").json()
    other = make_engine(settings.database_url)
    try:
        with Session(other, expire_on_commit=False) as s:
            doc, created = store_document(s, validate_new_document(TEXT, max_bytes=100_000), None)
            s.commit()
        assert created
        assert client.get(f"{API}/documents").json()["total"] == before["total"] + 1
        with Session(other) as s:
            delete_document(s, doc.id)
            s.commit()
        assert client.get(f"{API}/documents").json() == before
    finally:
        other.dispose()


def test_an_ingest_that_merges_events_is_seen_in_the_lists(client, settings):
    engine = make_engine(settings.database_url)
    try:
        with Session(engine, expire_on_commit=False) as s:
            for name in ("relative", "protest"):
                add_document(s, DOCS[name](), f"Outlet {name}")
        before = client.get(f"{API}/events").json()
        with Session(engine, expire_on_commit=False) as s:
            add_document(s, DOCS["call"](), "Outlet call")  # dates the relative account: two events fuse
        after = client.get(f"{API}/events").json()
    finally:
        engine.dispose()
    fresh = _client(settings, response_cache_mb=0)
    with fresh:
        assert after == fresh.get(f"{API}/events").json()
    assert {e["id"] for e in after["items"]} != {e["id"] for e in before["items"]}


def test_an_actor_renamed_with_its_change_recorded_is_renamed_in_every_list(client, kb, settings):
    from app.changes.service import record

    lav = kb["actors"]["lav"].id
    assert client.get(f"{API}/actors/{lav}").json()["name"] == "Sergey Lavrov"
    statements = client.get(f"{API}/statements").json()
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as s:
            s.get(Actor, lav).name = "S. Lavrov"
            record(s, "actor", lav, "updated")
            s.commit()
    finally:
        engine.dispose()
    assert client.get(f"{API}/actors/{lav}").json()["name"] == "S. Lavrov"
    renamed = client.get(f"{API}/statements").json()
    assert renamed != statements
    assert {i["speaker"]["name"] for i in renamed["items"] if i["speaker"]} >= {"S. Lavrov"}


def test_errors_and_streams_are_neither_tagged_nor_stored(client, kb):
    missing = client.get(f"{API}/events/999999")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("application/problem+json")
    invalid = client.get(f"{API}/events", params={"type": "NOT_A_TYPE"})
    assert invalid.status_code == 422
    csv = client.get(f"{API}/events", params={"format": "csv"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    for r in (missing, invalid, csv):
        assert "etag" not in r.headers
    assert len(client.app.state.response_store) == 0


def test_the_accept_header_is_part_of_the_key(client, kb):
    as_json = client.get(f"{API}/statements")
    as_csv = client.get(f"{API}/statements", headers={"Accept": "text/csv"})
    assert as_json.headers["content-type"] == "application/json"
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert client.get(f"{API}/statements").content == as_json.content


def test_the_changes_feed_is_left_out(client, kb):
    r = client.get(f"{API}/changes")
    assert r.status_code == 200 and "etag" not in r.headers
    assert len(client.app.state.response_store) == 0


def test_a_stored_response_is_not_served_without_the_read_key(settings, kb):
    with _client(settings, read_api_key="a-read-key-long-enough") as c:
        path = f"{API}/events"
        assert c.get(path, headers={"X-API-Key": "a-read-key-long-enough"}).status_code == 200
        assert c.get(path, headers={"X-API-Key": settings.api_key}).status_code == 200
        assert c.get(path, headers={"X-API-Key": "wrong"}).status_code == 401
        anonymous = TestClient(c.app, base_url="http://localhost")
        r = anonymous.get(path)
        assert r.status_code == 401 and "etag" not in r.headers


def test_no_read_path_consults_the_clock():
    """Whatever a GET answers depends on the knowledge base and the request only (so the generation is a complete
    validator): the clock is read only where documents are validated and written, and by the models' defaults."""
    app = Path(__file__).resolve().parent.parent / "app"
    allowed = {"documents/service.py": {"today"}, "models/base.py": {"now"}, "changes/service.py": {"utcnow"},
               "models/document.py": {"utcnow"}, "models/change.py": {"utcnow"}}
    clock = {"today", "now", "utcnow", "time", "monotonic", "localtime", "gmtime"}
    found: dict[str, set[str]] = {}
    for path in app.rglob("*.py"):
        rel = path.relative_to(app).as_posix()
        if rel.startswith(("extract/", "ingest/", "evaluate/")) or rel in ("cli.py", "logs.py", "admission.py"):
            continue  # extraction and writing (dates relative to publication), the CLI, logs, queue timing
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = node.func.attr if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) else (
                node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else None)
            if name in clock:
                found.setdefault(rel, set()).add(name)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and any(
                    f in node.value.upper() for f in ("CURRENT_DATE", "CURRENT_TIMESTAMP", "NOW()", "'NOW'")):
                found.setdefault(rel, set()).add("sql clock")
    assert {k: v for k, v in found.items() if not v <= allowed.get(k, set())} == {}


def test_the_store_is_bounded_in_bytes_and_least_recently_used_goes_first():
    store = ResponseStore(8_000)
    gen = (1, "rev")

    def entry(size: int) -> Entry:
        return Entry(gen, 200, [(b"content-type", b"application/json")], b"x" * size)

    assert store.get("a", gen) is None
    for key in "abc":
        store.put(key, entry(600))
    assert store.get("a", gen) is not None  # a is now the most recently used
    for key in "defghijk":
        store.put(key, entry(600))
    assert store.size <= 8_000 and store.get("b", gen) is None and store.get("a", gen) is not None
    store.put("big", entry(2_000))  # over an eighth of the budget: not kept
    assert store.get("big", gen) is None


def test_the_store_forgets_everything_when_the_generation_moves():
    store = ResponseStore(1 << 20)
    store.get("a", (1, "rev"))
    store.put("a", Entry((1, "rev"), 200, [], b"{}"))
    assert store.get("a", (1, "rev")) is not None
    assert store.get("a", (2, "rev")) is None and len(store) == 0
    store.put("late", Entry((1, "rev"), 200, [], b"{}"))  # rendered by a reader of the old generation
    assert len(store) == 0
    assert store.get("a", (2, "next-rev")) is None  # a migration, the same seq


def test_the_key_keeps_the_order_of_a_repeated_parameter_and_nothing_else():
    assert canonical_query(b"type=A&limit=5") == canonical_query(b"limit=5&type=A")
    assert canonical_query(b"type=A&type=B") != canonical_query(b"type=B&type=A")
    assert canonical_query(b"q=a%20b") == canonical_query(b"q=a+b")
    assert etag_listed('W/"x", "y"', b'W/"y"') and not etag_listed('"xy"', b'W/"x"')


def test_a_list_response_is_what_the_route_answers(client, kb):
    """The stored body parses to the same page as the route's own JSON (not a stale or foreign one)."""
    body = client.get(f"{API}/events", params={"actor": "Russia"}).content
    again = client.get(f"{API}/events", params={"actor": "Russia"}).content
    assert json.loads(again) == json.loads(body) and json.loads(body)["items"]
