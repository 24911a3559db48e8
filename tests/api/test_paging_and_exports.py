"""Keyset cursors: no duplicate and no gap, even while rows are inserted; CSV and NDJSON exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

from sqlmodel import Session

from tests.factories import add_actor, add_document, add_event, add_statement


def build(session: Session, n: int = 57):
    doc = add_document(session, "x" * 100, outlet="Paged Wire")
    actor = add_actor(session, "Paged Actor", "person")
    events = []
    for i in range(n):
        # repeated dates and some undated rows exercise the tie-break and the nulls-last ordering
        when = None if i % 11 == 0 else date(2024, 1, 1) + timedelta(days=i // 3)
        events.append(add_event(session, doc, "CONSULT", when, participants=[(actor, "source")]))
        add_statement(session, doc, actor, f"statement {i}", when=when)
    session.commit()
    return doc, actor, events


def walk(client, path, **params):
    seen, cursor, pages = [], None, 0
    while True:
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        body = client.get(path, params=query).json()
        seen += [item["id"] for item in body["items"]]
        cursor, pages = body["next_cursor"], pages + 1
        if not cursor:
            return seen, pages


def test_every_list_pages_without_duplicates_or_gaps(client, session):
    build(session)
    for path in ("/api/v1/events", "/api/v1/statements", "/api/v1/actors", "/api/v1/documents"):
        for sort in ("-date", "date"):
            full = client.get(path, params={"limit": 500, "sort": sort}).json()["items"]
            paged, pages = walk(client, path, limit=5, sort=sort)
            assert paged == [item["id"] for item in full], (path, sort)
            assert len(set(paged)) == len(paged)
    assert walk(client, "/api/v1/events", limit=5)[1] == 12


def test_cursor_stays_correct_while_rows_are_inserted(client, session):
    doc, actor, events = build(session)
    first = client.get("/api/v1/events", params={"limit": 10}).json()
    seen = [e["id"] for e in first["items"]]
    last_date = first["items"][-1]["date_start"]
    # new rows on both sides of the cursor: only those after it may appear, nothing already seen repeats
    add_event(session, doc, "CONSULT", date(2030, 1, 1), participants=[(actor, "source")])
    later = add_event(session, doc, "CONSULT", date(2023, 6, 1), participants=[(actor, "source")])
    session.commit()
    rest, _ = walk(client, "/api/v1/events", limit=7, cursor=first["next_cursor"])
    assert not set(rest) & set(seen)
    assert set(seen) | set(rest) == {e.id for e in events} | {later.id}
    assert last_date is not None


def test_cursor_from_another_listing_is_refused_and_a_cursor_is_a_position_in_either_order(client, session):
    build(session)
    first = client.get("/api/v1/events", params={"limit": 2}).json()
    cursor = first["next_cursor"]
    assert client.get("/api/v1/statements", params={"cursor": cursor}).status_code == 422
    assert client.get("/api/v1/documents", params={"cursor": cursor}).status_code == 422
    # the cursor names the last row sent; with sort=date the list goes on from it the other way
    ascending = [e["id"] for e in client.get("/api/v1/events", params={"sort": "date", "limit": 500}).json()["items"]]
    back = client.get("/api/v1/events", params={"cursor": cursor, "sort": "date", "limit": 500}).json()["items"]
    last_sent = first["items"][-1]["id"]
    assert [e["id"] for e in back] == ascending[ascending.index(last_sent) + 1:] and back


def test_csv_export_streams_every_row_and_flattens_participants(client, session):
    _, _, events = build(session)
    r = client.get("/api/v1/events", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(events)
    assert rows[0]["participants"] == "Paged Actor (source)"
    assert client.get("/api/v1/events", params={"format": "csv", "limit": 3}).text.count("\n") == 4


def test_ndjson_by_accept_header(client, session):
    build(session)
    r = client.get("/api/v1/statements", headers={"Accept": "application/x-ndjson"}, params={"actor": "paged actor"})
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert r.headers["content-type"].startswith("application/x-ndjson") and len(lines) == 57
    assert lines[0]["speaker"]["name"] == "Paged Actor"
