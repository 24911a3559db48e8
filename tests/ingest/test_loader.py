"""Loader and fusion over hand-built extractions: two outlets report one call and one round of arrests."""

from __future__ import annotations

from sqlmodel import select

from app.models import Actor, ActorAlias, Claim, Event, EventReport, Evidence, Statement
from tests.ingest.kb import add_document, document_a, document_b


def _actor(session, name):
    return session.exec(select(Actor).where(Actor.name == name)).one()


def test_one_document_writes_actors_events_statements_and_evidence(session):
    doc = add_document(session, document_a(), "Outlet A")
    volkov = _actor(session, "Sergey Volkov")
    assert volkov.key == "person:sergey volkov" and volkov.role == "Foreign Minister"
    assert session.get(Actor, volkov.country_id).name == "Russia"
    aliases = set(session.exec(select(ActorAlias.alias).where(ActorAlias.actor_id == volkov.id)).all())
    assert aliases == {"Sergey Volkov", "Volkov"}
    mentions = session.exec(select(Evidence).where(Evidence.actor_id == volkov.id, Evidence.kind == "mention")).all()
    assert [doc.text[m.start:m.end] for m in sorted(mentions, key=lambda m: m.start)] == ["Sergey Volkov", "Volkov"]
    events = session.exec(select(Event).order_by(Event.id)).all()
    assert [(e.type, str(e.date_start)) for e in events] == [("CONSULT", "2024-05-01"), ("COERCE", "2024-04-30")]
    assert events[1].numbers == {"arrested": 11} and events[1].location == "Moscow"
    spans = session.exec(select(Evidence).where(Evidence.kind == "event", Evidence.event_id == events[0].id)).all()
    assert [doc.text[s.start:s.end] for s in spans] == ["held a telephone conversation"]
    statement = session.exec(select(Statement)).one()
    assert statement.speaker_id == volkov.id and statement.event_id == events[0].id
    assert session.exec(select(Claim)).all() == []  # one source: nothing to compare


def test_two_outlets_fuse_the_call_and_keep_both_spellings(session):
    a = add_document(session, document_a(), "Outlet A")
    b = add_document(session, document_b(), "Outlet B")
    people = session.exec(select(Actor).where(Actor.type == "person")).all()
    assert sorted(p.name for p in people) == ["Ivan Petrov", "Sergei Volkov"]  # tie on length: alphabetical
    volkov = _actor(session, "Sergei Volkov")
    aliases = set(session.exec(select(ActorAlias.alias).where(ActorAlias.actor_id == volkov.id)).all())
    assert aliases == {"Sergey Volkov", "Sergei Volkov", "Volkov"}
    assert volkov.key == "person:sergei volkov"
    assert len(session.exec(select(Actor).where(Actor.type == "country", Actor.name == "Russia")).all()) == 1

    events = {e.type: e for e in session.exec(select(Event)).all()}
    assert sorted(events) == ["ACCUSE", "COERCE", "CONSULT"]
    call = events["CONSULT"]
    reports = session.exec(select(EventReport).where(EventReport.event_id == call.id)).all()
    assert sorted(r.document_id for r in reports) == [a.id, b.id]
    second = next(r for r in reports if r.match_score is not None)
    assert "date:same" in second.match_reasons and "type:same" in second.match_reasons

    arrests = events["COERCE"]
    assert (str(arrests.date_start), arrests.date_precision) == ("2024-04-30", "day")  # the narrower account
    assert arrests.numbers == {"arrested": 11}
    number = {c.document_id: c for c in session.exec(
        select(Claim).where(Claim.event_id == arrests.id, Claim.attribute == "arrested")).all()}
    assert number[a.id].value == "11" and number[b.id].value == "unspecified"
    assert a.text[number[a.id].start:number[a.id].end] == "11"
    # "in April" contains "April 30": less precise, not contradictory, so no date claims
    assert session.exec(select(Claim).where(Claim.event_id == arrests.id, Claim.kind == "date")).all() == []
    wording = {c.document_id: c.value for c in session.exec(
        select(Claim).where(Claim.event_id == call.id, Claim.attribute == "wording")).all()}
    assert wording == {a.id: "telephone conversation", b.id: "phone call"}
    assert session.exec(select(Claim).where(Claim.event_id == events["ACCUSE"].id)).all() == []


def test_events_of_one_document_never_merge(session):
    doc = document_a()
    twin = doc.events[0]
    from dataclasses import replace

    doc.events.append(replace(twin, key="event:3"))
    add_document(session, doc, "Outlet A")
    assert len(session.exec(select(Event).where(Event.type == "CONSULT")).all()) == 2
    add_document(session, document_b(), "Outlet B")
    # B's call joins one of them; the other stays alone
    counts = sorted(len(session.exec(select(EventReport).where(EventReport.event_id == e.id)).all())
                    for e in session.exec(select(Event).where(Event.type == "CONSULT")).all())
    assert counts == [1, 2]


def test_crossing_dates_are_claims_nested_ones_are_not():
    from datetime import date

    from app.ingest.claims import _dates_conflict
    from app.models import EventReport as R

    day = R(type="X", date_start=date(2024, 4, 30), date_end=date(2024, 4, 30))
    april = R(type="X", date_start=date(2024, 4, 1), date_end=date(2024, 4, 30))
    week = R(type="X", date_start=date(2024, 4, 29), date_end=date(2024, 5, 5))
    undated = R(type="X")
    assert not _dates_conflict([day, april, undated])
    assert _dates_conflict([april, week])
