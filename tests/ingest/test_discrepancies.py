"""Discrepancies between outlets and each side's readout of an event, from hand-built extractions."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlmodel import Session, select

from app.discrepancies.service import get_readouts, list_discrepancies
from app.errors import NotFound
from app.models import DocumentSource, Event
from tests.ingest.kb import add_document, document_a, document_b


@pytest.fixture
def two_outlets(session):
    a = add_document(session, document_a(), "Outlet A")
    b = add_document(session, document_b(), "Outlet B")
    session.add_all([DocumentSource(document_id=a.id, name="Outlet A", normalized="outlet a", kind="outlet"),
                     DocumentSource(document_id=b.id, name="Outlet B", normalized="outlet b", kind="outlet")])
    session.commit()
    return a, b


def _by_attribute(items):
    return {(d["kind"], d["attribute"]): d for d in items}


def test_disagreements_are_listed_with_each_sources_value_and_quote(session, two_outlets):
    a, b = two_outlets
    page = list_discrepancies(session, limit=50)
    found = _by_attribute(page["items"])
    assert set(found) == {("number", "arrested"), ("characterization", "wording"), ("alias", "name")}
    arrested = found[("number", "arrested")]["values"]
    assert [(v["value"], v["source"]) for v in arrested] == [("11", "Outlet A"), ("unspecified", "Outlet B")]
    assert arrested[0]["quote"] == "11" and a.text[arrested[0]["start"]:arrested[0]["end"]] == "11"
    assert page["total"] == 3 and page["next_cursor"] is None
    spelled = found[("alias", "name")]
    assert [(v["value"], v["document_id"]) for v in spelled["values"]] == [("Sergey Volkov", a.id),
                                                                          ("Sergei Volkov", b.id)]
    assert b.text[spelled["values"][1]["start"]:spelled["values"][1]["end"]] == "Sergei Volkov"


def test_filters_and_cursor(session, two_outlets):
    call = session.exec(select(Event).where(Event.type == "CONSULT")).one()
    only_call = list_discrepancies(session, event_id=call.id, limit=50)["items"]
    assert [(d["kind"], d["attribute"]) for d in only_call] == [("characterization", "wording")]
    assert list_discrepancies(session, kind="number", limit=50)["total"] == 1
    assert list_discrepancies(session, kind="alias", limit=50)["total"] == 1
    assert list_discrepancies(session, source="outlet b", limit=50)["total"] == 3
    assert list_discrepancies(session, source="Nobody", limit=50)["items"] == []
    seen, cursor = [], None
    while True:
        page = list_discrepancies(session, limit=1, cursor=cursor)
        seen += [(d["kind"], d["id"]) for d in page["items"]]
        assert page["total"] == 3
        if page["next_cursor"] is None:
            break
        cursor = page["next_cursor"]
    assert len(seen) == 3 == len(set(seen)) and seen[-1][0] == "alias"


def test_readouts_group_statements_by_the_speakers_country(session, two_outlets):
    call = session.exec(select(Event).where(Event.type == "CONSULT")).one()
    readouts = get_readouts(session, call.id)
    sides = {s["country"]: [(st["speaker"]["name"], st["source"]) for st in s["statements"]]
             for s in readouts["sides"]}
    assert sides == {"Russia": [("Sergei Volkov", "Outlet A")], "Tajikistan": [("Ivan Petrov", "Outlet B")]}
    with pytest.raises(NotFound):
        get_readouts(session, 10_000)


def test_http_listing_pages_with_an_opaque_cursor(client, settings):
    from app.db import make_engine

    engine = make_engine(settings.database_url)
    with Session(engine) as s:
        add_document(s, document_a(), "Outlet A")
        add_document(s, document_b(), "Outlet B")
    engine.dispose()
    r = client.get("/api/v1/discrepancies", params={"limit": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["items"]) == 2 and body["total"] == 3 and body["next_cursor"]
    r2 = client.get("/api/v1/discrepancies", params={"limit": 2, "cursor": body["next_cursor"]})
    assert [d["kind"] for d in r2.json()["items"]] == ["alias"] and r2.json()["next_cursor"] is None
    assert len({(d["kind"], d["id"]) for d in body["items"] + r2.json()["items"]}) == 3
    assert client.get("/api/v1/discrepancies", params={"kind": "number"}).json()["total"] == 1
    assert client.get("/api/v1/discrepancies", params={"cursor": "junk"}).status_code == 422
    assert client.get("/api/v1/discrepancies", params={"limit": 0}).status_code == 422
    events_cursor = client.get("/api/v1/events", params={"limit": 1}).json()["next_cursor"]
    assert client.get("/api/v1/discrepancies", params={"cursor": events_cursor}).status_code == 422
    assert client.get("/api/v1/discrepancies", params={"kind": "rumour"}).status_code == 422
    uncounted = client.get("/api/v1/discrepancies", params={"count": "false"}).json()
    assert uncounted["total"] is None and uncounted["total_is_lower_bound"] is False and len(uncounted["items"]) == 3
    # exports stream every page like every other list
    lines = client.get("/api/v1/discrepancies", params={"format": "ndjson"}).text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [d["id"] for d in body["items"] + r2.json()["items"]]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/discrepancies", params={"format": "csv"}).text)))
    assert [r["kind"] for r in rows] == [d["kind"] for d in body["items"] + r2.json()["items"]]
    assert "Outlet A, document" in rows[0]["values"]
