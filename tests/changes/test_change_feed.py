"""The change feed: replaying it gives exactly the current KB; it only moves forward; rollbacks leave no trace."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, select

from app.changes.service import compact, record
from app.db import make_engine
from app.documents.service import delete_document as delete_via_service
from app.models import Change, Event
from tests.ingest.kb import add_document
from tests.ingest.test_anchors import DOCS


def _all_changes(client, **params) -> list[dict]:
    items, cursor = [], None
    while True:
        page = client.get("/api/v1/changes", params={"limit": 7, **params} | ({"cursor": cursor} if cursor else {}))
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        assert body["next_cursor"]
        if not body["has_more"]:
            return items
        cursor = body["next_cursor"]


def _replay(items: list[dict], kind: str) -> set[int]:
    alive: set[int] = set()
    for change in items:
        if change["kind"] != kind:
            continue
        if change["op"] in ("created", "updated"):
            alive.add(change["id"])
        else:
            alive.discard(change["id"])
    return alive


def _ids(client, path: str) -> set[int]:
    """Every id the list holds (its NDJSON export)."""
    return {json.loads(line)["id"] for line in client.get(path, params={"format": "ndjson"}).text.splitlines()}


def test_replaying_the_feed_from_zero_gives_exactly_the_current_events(client, settings):
    engine = make_engine(settings.database_url)
    with Session(engine, expire_on_commit=False) as s:
        # the summons joins the protest once the call's date arrives (a merge), then that source is deleted (a split)
        docs = {name: add_document(s, DOCS[name](), f"Outlet {name}") for name in ("relative", "protest", "call")}
        merged = s.exec(select(Change).where(Change.op == "merged")).all()
        assert merged and all(c.kind == "event" and c.into_id is not None for c in merged)
        assert s.get(Event, merged[0].entity_id) is None and s.get(Event, merged[0].into_id) is not None
        add_document(s, DOCS["both"](), "Outlet both")
        delete_via_service(s, docs["call"].id)
        s.commit()
    engine.dispose()
    items = _all_changes(client)
    assert [c["seq"] for c in items] == sorted(c["seq"] for c in items)  # commit order, never repeated
    assert len({c["seq"] for c in items}) == len(items)
    assert {c["op"] for c in items} == {"created", "updated", "deleted", "merged"}
    for kind, path in (("event", "/api/v1/events"), ("actor", "/api/v1/actors"),
                       ("statement", "/api/v1/statements"), ("document", "/api/v1/documents")):
        assert _replay(items, kind) == _ids(client, path), kind
    assert _replay(items, "event")  # not vacuous
    assert any(c["kind"] == "document" and c["op"] == "deleted" and c["id"] == docs["call"].id for c in items)
    # a kind filter reads the same events
    assert _replay(_all_changes(client, kind="event"), "event") == _ids(client, "/api/v1/events")


def test_compaction_keeps_the_replay_exact(client, settings):
    engine = make_engine(settings.database_url)
    with Session(engine, expire_on_commit=False) as s:
        docs = {name: add_document(s, DOCS[name](), f"Outlet {name}") for name in ("relative", "both")}
        delete_via_service(s, docs["both"].id)
        s.commit()
        before = s.exec(select(Change)).all()
        removed = compact(s)
        s.commit()
        assert 0 < removed < len(before)
    engine.dispose()
    items = _all_changes(client)
    assert len(items) == len(before) - removed
    assert len({(c["kind"], c["id"]) for c in items}) == len(items)  # one change per entity is left
    assert _replay(items, "event") == _ids(client, "/api/v1/events")
    assert _replay(items, "statement") == _ids(client, "/api/v1/statements")


def test_the_cursor_only_moves_forward_and_survives_a_restart(client, settings):
    from fastapi.testclient import TestClient

    from app.main import create_app

    engine = make_engine(settings.database_url)
    with Session(engine, expire_on_commit=False) as s:
        add_document(s, DOCS["call"](), "Outlet call")
    first = client.get("/api/v1/changes").json()
    assert first["items"] and not first["has_more"]
    cursor = first["next_cursor"]
    assert client.get("/api/v1/changes", params={"cursor": cursor}).json()["items"] == []
    with Session(engine, expire_on_commit=False) as s:
        add_document(s, DOCS["protest"](), "Outlet protest")
    engine.dispose()
    with TestClient(create_app(settings), base_url="http://localhost") as restarted:  # a new process would read the same table
        later = restarted.get("/api/v1/changes", params={"cursor": cursor}).json()
    assert later["items"] and min(c["seq"] for c in later["items"]) > max(c["seq"] for c in first["items"])
    assert {c["kind"] for c in later["items"]} >= {"document", "event", "actor"}


def test_a_rolled_back_write_leaves_no_trace(client, settings):
    engine = make_engine(settings.database_url)
    with Session(engine) as s:
        add_document(s, DOCS["call"](), "Outlet call")
        count = len(s.exec(select(Change)).all())
        record(s, "event", 999, "created")
        record(s, "event", 999, "created")  # a repeat within one transaction is one row
        assert len(s.exec(select(Change)).all()) == count + 1
        s.rollback()
        assert len(s.exec(select(Change)).all()) == count
    engine.dispose()
    assert all(c["id"] != 999 for c in _all_changes(client))


@pytest.mark.parametrize("cursor", ["zzz", "eyJrIjoiZXZlbnRzOi1kYXRlIiwidiI6WyIyMDI0LTAxLTAxIiwxXX0",
                                    "eyJrIjoiY2hhbmdlcyIsInYiOlstNV19"])
def test_a_bad_cursor_is_a_422_naming_it(client, cursor):
    r = client.get("/api/v1/changes", params={"cursor": cursor})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["parameter"] == "cursor"
    assert client.get("/api/v1/changes", params={"limit": 0}).json()["errors"][0]["parameter"] == "limit"
