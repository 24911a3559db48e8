"""The unfiltered timeline is read from the rollup ingest keeps; it must equal the scan and follow deletes."""

from __future__ import annotations

import pytest

from tests.ingest.kb import add_document, document_a, document_b

TIMELINE = "/api/v1/stats/timeline"


def timeline(client, **params):
    r = client.get(TIMELINE, params=params)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize("bucket", ["day", "week", "month", "year"])
def test_rollup_equals_the_scan(client, session, bucket):
    add_document(session, document_a(), "Outlet A")
    add_document(session, document_b(), "Outlet B")
    rolled = timeline(client, bucket=bucket)
    scanned = timeline(client, bucket=bucket, start="1900")  # any filter takes the scanning path
    assert rolled == scanned and rolled["total"] == 3
    assert timeline(client, bucket=bucket, type="ACCUSE") == timeline(client, bucket=bucket, type="ACCUSE",
                                                                      start="1900")
    # text alone takes the text-only plans (a fenced CTE on PostgreSQL): same counts as with any other filter
    assert timeline(client, bucket=bucket, q="arrested detained")["total"] == 0
    by_text = timeline(client, bucket=bucket, q="event")
    assert by_text == timeline(client, bucket=bucket, q="event", start="1900") and by_text["total"] == 3


def test_timeline_follows_ingest_and_delete(client, session):
    a = add_document(session, document_a(), "Outlet A")
    b = add_document(session, document_b(), "Outlet B")
    day = timeline(client, bucket="day")
    assert [(i["period"], i["by_type"]) for i in day["items"]] == [
        ("2024-04-30", {"COERCE": 1}), ("2024-05-01", {"ACCUSE": 1, "CONSULT": 1})]
    assert client.delete(f"/api/v1/documents/{a.id}").status_code == 204
    day = timeline(client, bucket="day")
    # the arrests are now dated by B alone (April, month precision): counted on its first day
    assert [(i["period"], i["by_type"]) for i in day["items"]] == [
        ("2024-04-01", {"COERCE": 1}), ("2024-05-01", {"ACCUSE": 1, "CONSULT": 1})]
    assert client.delete(f"/api/v1/documents/{b.id}").status_code == 204
    assert timeline(client, bucket="month") == {"bucket": "month", "total": 0, "items": []}
