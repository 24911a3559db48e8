"""The /events contract: every filter, their combinations, shapes and ordering."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import small_kb


@pytest.fixture
def kb(session):
    return small_kb(session)


def ids(client, **params):
    r = client.get("/api/v1/events", params=params)
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["items"]]


def test_default_order_is_newest_first_undated_last(client, kb):
    ev = kb["events"]
    assert ids(client) == [ev[k].id for k in ("call", "note", "attack", "arrests", "old", "undated")]
    assert ids(client, sort="date") == [ev[k].id for k in ("old", "arrests", "attack", "note", "call", "undated")]


def test_date_range_matches_overlapping_intervals_at_any_precision(client, kb):
    ev = kb["events"]
    assert set(ids(client, start="2024-04")) == {ev["call"].id, ev["note"].id}
    # the March month-precision arrests overlap a single day inside March
    assert set(ids(client, start="2024-03-15", end="2024-03-15")) == {ev["arrests"].id}
    assert set(ids(client, end="2023")) == {ev["old"].id}
    assert set(ids(client, start="2024", end="2024")) == {ev[k].id for k in ("call", "note", "arrests", "attack")}


def test_actor_by_name_alias_transliteration_and_id(client, kb):
    call, undated = kb["events"]["call"].id, kb["events"]["undated"].id
    for value in ("Sergey Lavrov", "Sergei Lavrov", "lavrov", "LAVROV", "Сергей Лавров", str(kb["actors"]["lav"].id)):
        assert set(ids(client, actor=value)) == {call, undated}, value
    assert ids(client, actor="Nobody Known") == []


def test_repeated_actor_means_all_take_part_and_role_narrows(client, kb):
    ev = kb["events"]
    assert ids(client, actor=["Russia", "Tajikistan"]) == [ev["arrests"].id, ev["old"].id]
    assert set(ids(client, actor="Russia", role="target")) == {ev["note"].id}
    assert ids(client, actor="Sergei Lavrov", start="2024-04") == [ev["call"].id]


def test_type_source_document_and_text(client, kb):
    ev, (d1, d2) = kb["events"], kb["docs"]
    assert set(ids(client, type=["CONSULT", "ASSAULT"])) == {ev["call"].id, ev["attack"].id, ev["undated"].id}
    assert set(ids(client, source="tass")) == {ev[k].id for k in ("call", "attack", "undated")}
    assert set(ids(client, source="Wire One")) == set(ids(client, source="TASS"))
    assert set(ids(client, source=str(d2.id))) == {ev[k].id for k in ("note", "arrests", "old")}
    assert set(ids(client, document=d2.id)) == {ev[k].id for k in ("note", "arrests", "old")}
    assert set(ids(client, document=d1.id)) == {ev[k].id for k in ("call", "attack", "undated")}
    assert ids(client, q="telephone") == [ev["call"].id]
    assert ids(client, q="telephone", type="DISAPPROVE") == []


def test_event_shape_and_detail(client, kb):
    call = kb["events"]["call"]
    item = client.get("/api/v1/events", params={"type": "CONSULT", "start": "2024"}).json()["items"][0]
    assert item["date"] == "2024-04-30" and item["date_precision"] == "day" and item["mode"] == "phone"
    assert {(p["name"], p["role"]) for p in item["participants"]} == {("Sergey Lavrov", "source"),
                                                                      ("Sirojiddin Muhriddin", "target")}
    [ev] = item["evidence"]
    assert ev["source"] == "Wire One" and ev["quote"] == kb["docs"][0].text[20:40]
    arrests = client.get(f"/api/v1/events/{kb['events']['arrests'].id}").json()
    assert arrests["date"] == "2024-03" and arrests["sources"]["count"] == 1
    detail = client.get(f"/api/v1/events/{call.id}").json()
    assert detail["sources"]["documents"][0]["document_id"] == kb["docs"][0].id and detail["claims"] == []


def test_total_and_count_false(client, kb):
    page = client.get("/api/v1/events", params={"limit": 2}).json()
    assert page["total"] == 6 and len(page["items"]) == 2 and page["next_cursor"]
    assert client.get("/api/v1/events", params={"count": "false"}).json()["total"] is None


@pytest.mark.parametrize("params,name", [({"start": "2024-02-30"}, "start"), ({"end": "soon"}, "end"),
                                         ({"limit": 501}, "limit"), ({"limit": -1}, "limit"),
                                         ({"cursor": "bm90LWEtY3Vyc29y"}, "cursor"), ({"type": "PARTY"}, "type"),
                                         ({"cursor": "actors.12"}, "cursor"), ({"start": "2023-02-29"}, "start")])
def test_bad_parameters_are_422_naming_the_parameter(client, kb, params, name):
    r = client.get("/api/v1/events", params=params)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert name in r.json()["detail"]


def test_an_end_before_the_start_is_an_empty_range(client, kb):
    page = client.get("/api/v1/events", params={"start": "2024-05", "end": "2024-04"}).json()
    assert page["items"] == [] and page["total"] == 0
    # while the same dates the right way round do match
    assert client.get("/api/v1/events", params={"start": "2024-04", "end": "2024-05"}).json()["total"] > 0


def test_unknown_ids_are_404(client, kb):
    for path in ("/api/v1/events/999999", "/api/v1/actors/999999", "/api/v1/statements/999999",
                 "/api/v1/documents/999999", "/api/v1/events/999999/readouts", "/api/v1/actors/999999/network"):
        r = client.get(path)
        assert r.status_code == 404 and r.json()["status"] == 404, path


def test_timeline_counts_per_period_and_type(client, kb):
    body = client.get("/api/v1/stats/timeline", params={"bucket": "month"}).json()
    assert [(b["period"], b["count"]) for b in body["items"]] == [("2023-01", 1), ("2024-03", 2), ("2024-04", 2)]
    assert body["items"][1]["by_type"] == {"ASSAULT": 1, "COERCE": 1}
    week = client.get("/api/v1/stats/timeline", params={"bucket": "week", "type": "CONSULT"}).json()
    assert week["items"] == [{"period": "2024-04-29", "count": 1, "by_type": {"CONSULT": 1}}]
    filtered = client.get("/api/v1/stats/timeline", params={"actor": "Tajikistan", "bucket": "year"}).json()
    assert [(b["period"], b["count"]) for b in filtered["items"]] == [("2023", 1), ("2024", 1)]


def test_one_word_search_total_is_exact_past_the_count_cap(client, session, monkeypatch):
    """`q` alone: a one-word total is exact however many events match (PostgreSQL from its lexeme counts, SQLite
    from FTS5); two words on PostgreSQL are counted up to the cap, as every other total."""
    import app.events.service as events_service
    from tests.factories import add_document, add_event

    doc = add_document(session, "Shelling was reported near the border crossing.")
    for day in range(1, 6):
        add_event(session, doc, "FIGHT", date(2024, 3, day), summary=f"Shelling near the border crossing, day {day}.")
    session.commit()
    monkeypatch.setattr(events_service, "COUNT_CAP", 3)
    one = client.get("/api/v1/events", params={"q": "shelling", "limit": 2}).json()
    assert (one["total"], one["total_is_lower_bound"], len(one["items"])) == (5, False, 2)
    two = client.get("/api/v1/events", params={"q": "shelling crossing", "limit": 2}).json()
    postgres = session.get_bind().dialect.name == "postgresql"
    assert (two["total"], two["total_is_lower_bound"]) == ((3, True) if postgres else (5, False))


@pytest.mark.parametrize("walk_factor", [0.0, 1e12])
def test_one_word_search_pages_the_same_whichever_plan_serves_it(client, session, monkeypatch, walk_factor):
    """PostgreSQL walks the date index or fences the matches by how many match; the pages are the same."""
    import app.events.service as events_service
    from tests.factories import add_document, add_event

    doc = add_document(session, "Convoys were stopped at the checkpoint.")
    for day in (3, 1, 4, 1, 5):
        add_event(session, doc, "COERCE", date(2024, 6, day), summary=f"Convoy stopped at a checkpoint ({day}).")
    add_event(session, doc, "COERCE", None, summary="Convoy stopped, date unknown.")
    session.commit()
    monkeypatch.setattr(events_service, "WALK_FACTOR", walk_factor)
    pages, cursor = [], None
    while True:
        body = client.get("/api/v1/events", params={"q": "convoys", "limit": 2, **({"cursor": cursor} if cursor
                                                                                  else {})}).json()
        pages.append([(e["date_start"], e["id"]) for e in body["items"]])
        if not (cursor := body["next_cursor"]):
            break
    flat = [key for page in pages for key in page]
    assert len(flat) == 6 and flat[-1][0] is None  # undated last
    dated = [key for key in flat if key[0]]
    assert dated == sorted(dated, reverse=True) and [len(p) for p in pages] == [2, 2, 2]
