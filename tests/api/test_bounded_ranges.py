"""Fast paths that must not change answers: the max-span lower bound, participant date copies, FTS-only counts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from app.ingest.derived import MAX_SPAN
from app.models import EventParticipant, KbCounter
from tests.factories import add_actor, add_document, add_event, small_kb


@pytest.fixture
def kb(session):
    data = small_kb(session)
    doc = add_document(session, "A long campaign of protests, reported years later.", outlet="Wire Two")
    org = add_actor(session, "Civic Forum", "organization")
    ru = data["actors"]["ru"]
    # five years long: far more than any other event's span, so the lower bound must take it into account
    data["events"]["campaign"] = add_event(session, doc, "PROTEST", date(2019, 1, 1), date(2023, 12, 31),
                                           precision="year", participants=[(org, "source"), (ru, "target")],
                                           summary="years of protests")
    data["events"]["rally"] = add_event(session, doc, "PROTEST", date(2023, 6, 10), participants=[(org, "source")],
                                        summary="one rally")
    data["events"]["early"] = add_event(session, doc, "PROTEST", date(2018, 12, 20), participants=[(org, "source")],
                                        summary="before the campaign")
    session.commit()
    return data


def page(client, **params):
    r = client.get("/api/v1/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_max_span_covers_the_longest_interval(session, kb):
    span = session.exec(select(KbCounter.value).where(KbCounter.name == MAX_SPAN)).one()
    assert span >= (date(2023, 12, 31) - date(2019, 1, 1)).days


def test_type_and_range_keeps_an_interval_that_started_years_before(client, kb):
    ev = kb["events"]
    body = page(client, type="PROTEST", start="2023-06", end="2023-06")
    assert [e["id"] for e in body["items"]] == [ev["rally"].id, ev["campaign"].id]
    assert body["total"] == 2
    # start alone: everything ending on or after it, however early it began
    assert {e["id"] for e in page(client, type="PROTEST", start="2020-02-01")["items"]} == {
        ev["rally"].id, ev["campaign"].id}
    assert {e["id"] for e in page(client, start="2023-12-31", end="2023-12-31")["items"]} == {ev["campaign"].id}
    assert [e["id"] for e in page(client, type="PROTEST", start="2024-01-01")["items"]] == []


def test_actor_and_range_reads_participant_dates_and_keeps_long_intervals(client, kb):
    ev = kb["events"]
    body = page(client, actor="Civic Forum", start="2023-06-01", end="2023-06-30")
    assert [e["id"] for e in body["items"]] == [ev["rally"].id, ev["campaign"].id]
    assert body["total"] == 2
    # the actor named in two roles is still one event, and the role filter applies
    assert [e["id"] for e in page(client, actor="Russia", start="2021", end="2021")["items"]] == [ev["campaign"].id]
    assert page(client, actor="Russia", role="source", start="2021", end="2021")["items"] == []
    # two actors: both must take part
    both = page(client, actor=["Civic Forum", "Russia"], start="2019")
    assert [e["id"] for e in both["items"]] == [ev["campaign"].id] and both["total"] == 1
    # actor + type + text together
    assert [e["id"] for e in page(client, actor="Civic Forum", type="PROTEST", q="rally", start="2023")["items"]] == [
        ev["rally"].id]


def test_actor_range_pages_by_cursor_without_repeating_an_event(client, kb):
    ev = kb["events"]
    seen, cursor = [], None
    while True:
        params = {"actor": "Civic Forum", "start": "2015", "limit": 1, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/events", params=params).json()
        seen += [e["id"] for e in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == [ev["rally"].id, ev["campaign"].id, ev["early"].id]


def test_participant_rows_carry_their_event_dates(session, kb):
    rows = session.exec(select(EventParticipant).where(EventParticipant.event_id == kb["events"]["campaign"].id)).all()
    assert {(p.date_start, p.date_end) for p in rows} == {(date(2019, 1, 1), date(2023, 12, 31))}


def test_text_only_total_comes_from_the_index_and_matches_the_rows(client, kb):
    first = page(client, q="protests", limit=1)  # stemmed: "protest note", "years of protests"
    assert first["total"] == 2 and len(first["items"]) == 1 and first["next_cursor"]
    everything = page(client, q="attack")  # "attack" is in two summaries
    assert everything["total"] == len(everything["items"]) == 2
    assert page(client, q="attack", type="ASSAULT")["total"] == 1
    assert page(client, q="!!!")["total"] == 0


@pytest.mark.parametrize("sort", ["-date", "date"])
def test_dense_text_plan_gives_the_same_pages(client, kb, monkeypatch, sort):
    from app.events import service

    def walk():
        seen, cursor, totals = [], None, set()
        while True:
            params = {"q": "attack", "sort": sort, "limit": 1}
            body = client.get("/api/v1/events", params={**params, **({"cursor": cursor} if cursor else {})}).json()
            seen += [e["id"] for e in body["items"]]
            totals.add(body["total"])
            if not (cursor := body["next_cursor"]):
                return seen, totals

    sparse = walk()
    assert sparse[1] == {len(sparse[0])} and len(sparse[0]) == 2
    monkeypatch.setattr(service, "DENSE_MATCHES", 0)  # SQLite: every text-only query takes the date-index plan
    assert walk() == sparse
    monkeypatch.setattr(service, "COUNT_CAP", 1)  # PostgreSQL: past the cap, the planner's newest-first plan
    assert walk()[0] == sparse[0]


def test_total_is_capped_and_says_so(client, kb, monkeypatch):
    from app import listing

    body = page(client)
    assert body["total"] == 9 and body["total_is_lower_bound"] is False
    monkeypatch.setattr(listing, "COUNT_CAP", 4)
    body = page(client, limit=2)
    assert body["total"] == 4 and body["total_is_lower_bound"] is True and len(body["items"]) == 2
    exact = page(client, type="PROTEST")  # 3 rows: under the cap
    assert exact["total"] == 3 and exact["total_is_lower_bound"] is False
    text_only = page(client, q="protests")  # 2 rows; counted from FTS5 on SQLite, capped count on PostgreSQL
    assert text_only["total"] == 2 and text_only["total_is_lower_bound"] is False
    assert page(client, count="false")["total"] is None
