"""The lists' hot path (app/inline.py) answers exactly what the documented response models describe, and the
same items the ORM hydration builds (for exports and single items), on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date

import orjson
import pytest
from pydantic import TypeAdapter

from app.actors.schemas import ActorPublic
from app.actors.service import hydrate_actors
from app.documents.schemas import DocumentPublic
from app.documents.service import hydrate_documents
from app.events.schemas import EventPublic
from app.events.service import hydrate_events
from app.inline import FastJSON
from app.models import Event, Place
from app.pagination import Page
from app.statements.schemas import StatementPublic
from app.statements.service import hydrate_statements
from tests.factories import add_actor, add_document, add_event, add_statement, small_kb

LISTS = {
    "/api/v1/events": (Page[EventPublic], hydrate_events),
    "/api/v1/statements": (Page[StatementPublic], hydrate_statements),
    "/api/v1/actors": (Page[ActorPublic], hydrate_actors),
    "/api/v1/documents": (Page[DocumentPublic], hydrate_documents),
}


@pytest.fixture
def kb(session):
    kb = small_kb(session)
    # the awkward cases: an actor both a plain participant and a source of one event (the specific role shows),
    # a document with neither outlet nor cited source, an actor without aliases, a located event, quotes
    # and non-ASCII text that JSON must escape or keep
    bare = add_document(session, 'Third text: "quoted" words, a backslash \\ and ünïcödé at the harbour.',
                        outlet="", cites=[], published=date(2023, 6, 2))
    lav, ru = kb["actors"]["lav"], kb["actors"]["ru"]
    both = add_event(session, bare, "CONSULT", date(2023, 6, 1), participants=[(lav, "participant"), (lav, "source"),
                                                                                (ru, "participant")],
                     summary="talks at the harbour", span=(12, 20))
    place = Place(key="test:harbour", name="Harbour Town", precision="city", country_code="XX", latitude=10.5,
                  longitude=-20.25)
    session.add(place)
    session.flush()
    event = session.get(Event, both.id)
    event.place_id = place.id
    event.numbers = {"arrested": 3}
    session.add(event)
    add_statement(session, bare, lav, "words with ünïcödé", cue="say", event=both, when=date(2023, 6, 1),
                  span=(12, 20))
    add_actor(session, "Nameless Committee", "organization")
    session.commit()
    return kb


@pytest.mark.parametrize("path", list(LISTS))
@pytest.mark.parametrize("params", [{}, {"limit": 2}, {"sort": "date", "limit": 3}, {"count": "false"}])
def test_pages_validate_against_the_models_and_equal_the_hydrated_items(client, session, kb, path, params):
    model, hydrate = LISTS[path]
    seen, cursor = [], None
    while True:
        r = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/json")
        body = r.json()
        # nothing the model does not describe, nothing it would write differently
        assert TypeAdapter(model).validate_python(body).model_dump(mode="json") == body
        want = orjson.loads(FastJSON(hydrate(session, [i["id"] for i in body["items"]])).body)
        assert body["items"] == want
        assert (body["total"] is None) == (params.get("count") == "false")
        seen += [i["id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) and seen
    if "limit" in params and path == "/api/v1/events":
        assert len(seen) == 7


def test_the_inlined_values_are_the_stored_ones(client, kb):
    items = client.get("/api/v1/events", params={"q": "harbour"}).json()["items"]
    assert len(items) == 1
    event = items[0]
    lav, ru = kb["actors"]["lav"], kb["actors"]["ru"]
    assert [(p["actor_id"], p["role"]) for p in event["participants"]] == sorted(
        [(ru.id, "participant"), (lav.id, "source")], key=lambda p: p[1])
    assert event["evidence"][0]["quote"] == '"quoted"' and event["evidence"][0]["source"] is None
    assert event["place"]["name"] == "Harbour Town" and event["place"]["longitude"] == -20.25
    assert event["numbers"] == {"arrested": 3} and event["date"] == "2023-06-01"
    statement = client.get("/api/v1/statements", params={"q": "ünïcödé"}).json()["items"][0]
    assert statement["evidence"]["quote"] == '"quoted"' and statement["speaker"]["name"] == "Sergey Lavrov"
    actor = client.get("/api/v1/actors", params={"q": "nameless"}).json()["items"][0]
    assert actor["aliases"] == ["Nameless Committee"] and actor["mentions"] == 0 and actor["country"] is None
    assert client.get("/api/v1/events", params={"actor": "Sergey Lavrov", "limit": 1}).json()["total"] == 3


def test_participants_and_speakers_carry_the_aliases_actors_lists(client, kb):
    """A client names a participant or speaker by any of its surface forms without asking /actors again."""
    event = client.get("/api/v1/events", params={"q": "harbour"}).json()["items"][0]
    detail = client.get(f"/api/v1/events/{event['id']}").json()
    statement = client.get("/api/v1/statements", params={"q": "ünïcödé"}).json()["items"][0]
    refs = event["participants"] + detail["participants"] + [statement["speaker"]]
    assert len(refs) == 5
    for ref in refs:
        assert ref["aliases"] == client.get(f"/api/v1/actors/{ref['actor_id']}").json()["aliases"]
    assert len(statement["speaker"]["aliases"]) > 1  # Sergey Lavrov is known by more than his name


def test_change_pages_are_what_the_model_would_write(client, session, kb):
    """/changes answers JSON the database writes, without the response model: the same JSON the model writes from
    the stored rows (microseconds and none, `Z`, a null and a set `into`)."""
    from datetime import UTC, datetime

    from sqlmodel import select

    from app.changes.schemas import ChangePublic, ChangesPage
    from app.changes.service import record
    from app.models import Change

    record(session, "event", range(1, 8), "created")
    record(session, "event", 9, "merged", into=1)
    session.flush()
    session.get(Change, 1).at = datetime(2024, 2, 29, 23, 59, 59, tzinfo=UTC)  # no microseconds
    session.get(Change, 2).at = datetime(2024, 3, 1, 0, 0, 0, 100000, tzinfo=UTC)  # trailing zeros
    session.commit()
    stored = [ChangePublic(seq=c.seq, kind=c.kind, id=c.entity_id, op=c.op, into=c.into_id, at=c.at)
              for c in session.exec(select(Change).order_by(Change.seq))]
    session.rollback()
    cursor, seen = None, []
    while True:
        r = client.get("/api/v1/changes", params={"limit": 4, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body == ChangesPage.model_validate(body).model_dump(mode="json")  # what response_model writes
        seen += body["items"]
        if not body["has_more"]:
            break
        cursor = body["next_cursor"]
    assert seen == [c.model_dump(mode="json") for c in stored] and len(seen) > 4
    assert [i["at"] for i in seen[:2]] == ["2024-02-29T23:59:59Z", "2024-03-01T00:00:00.100000Z"]
    assert seen[-1]["into"] == 1 and seen[0]["into"] is None


@pytest.mark.parametrize("params", [{}, {"bucket": "year"}, {"actor": "Sergey Lavrov"}, {"type": "CONSULT"},
                                    {"start": "2023-01", "end": "2023-12", "bucket": "day"}])
def test_timelines_are_what_the_model_would_write(client, session, kb, params):
    """/stats/timeline answers plain values without revalidating them: the same JSON the response model writes."""
    from app.stats.schemas import Timeline

    body = client.get("/api/v1/stats/timeline", params=params)
    assert body.status_code == 200, body.text
    assert body.json() == TypeAdapter(Timeline).validate_python(body.json()).model_dump(mode="json")
    assert body.json()["total"] > 0 and body.json()["items"]
