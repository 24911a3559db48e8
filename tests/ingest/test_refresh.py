"""Fused events and claims recomputed several at a time (app.ingest.refresh, app.ingest.claims.refresh_claims_of)
give what recomputing them one by one gives."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, update
from sqlmodel import Session, select

from app.corroboration.service import source_counts
from app.extract.types import ExtractedDocument
from app.ingest.claims import refresh_claims, refresh_claims_of
from app.ingest.refresh import ranked_reports, refresh_event, refresh_events
from app.models import Change, Claim, Event, EventCount, EventParticipant, EventReport, Evidence
from tests.ingest.kb import PUBLISHED, Builder, actor, add_document, document_a, document_b, event

FILLER = " ".join(["The harbour committee published its quarterly tables on shipping and tides."] * 10)


def _state(session: Session) -> dict:
    """What a refresh writes: the fused events, the claims in the order they were written, the participants'
    date copies, the timeline rollup."""
    events = [e.model_dump(exclude={"id"}) | {"id": e.id} for e in session.exec(select(Event).order_by(Event.id))]
    claims = [(c.event_id, c.document_id, c.kind, c.attribute, c.value, c.start, c.end, c.quote)
              for c in session.exec(select(Claim).order_by(Claim.id))]
    dates = sorted((p.event_id, p.actor_id, p.role, p.date_start, p.date_end)
                   for p in session.exec(select(EventParticipant)))
    counts = sorted((c.bucket, c.period, c.type, c.n) for c in session.exec(select(EventCount)))
    return {"events": events, "claims": claims, "dates": dates, "counts": counts}


def test_source_counts_count_one_origin_once_and_unknown_origins_apart():
    assert source_counts([(1, None), (2, "wire:agency"), (3, "wire:agency"), (4, None)]) == (4, 3)
    assert source_counts([]) == (0, 0)


def test_a_batch_refresh_writes_what_one_event_at_a_time_writes(session):
    add_document(session, document_a(), "Outlet A")
    add_document(session, document_b(), "Outlet B")
    fused = [e.id for e in session.exec(select(Event).order_by(Event.id)) if len(ranked_reports(session, e.id)) == 2]
    assert len(fused) == 2  # the call and the arrests, each told by both outlets
    # the second outlet now gives a count and a later day for the arrests: the fused row and the claims change
    arrests = session.exec(select(Event).where(Event.type == "COERCE")).one().id
    session.execute(update(EventReport).where(EventReport.event_id == arrests, EventReport.date_precision == "month")
                    .values(numbers={"arrested": 9}, date_start=date(2024, 4, 29), date_end=date(2024, 4, 29),
                            date_precision="day"))
    session.commit()

    ranked = refresh_events(session, fused)
    refresh_claims_of(session, ranked)
    batch = _state(session)
    for event_id in fused:
        assert refresh_event(session, event_id)
    for event_id in fused:
        refresh_claims(session, event_id)
    assert _state(session) == batch
    assert session.get(Event, arrests).sources_count == 2
    # two single days that cross: each source's date is a claim now, and each count
    claimed = {(c[2], c[4]) for c in batch["claims"] if c[0] == arrests and c[2] in ("date", "number")}
    assert claimed == {("date", "2024-04-29"), ("date", "2024-04-30"), ("number", "9"), ("number", "11")}


def test_claims_of_two_events_quote_each_events_own_passage(session):
    """One document tells two fused events at the same place, far apart in its text: each event's location
    claim quotes the occurrence next to that event's evidence, not the first in the text."""
    def told(outlet_words: str) -> ExtractedDocument:
        b = Builder()
        b.sentence(f"Marta Quill met Tobin Vale in Lowmarsh on May 1, {outlet_words}.")
        b.sentence(FILLER)
        b.sentence("Border guards detained four traders in Lowmarsh on May 1.")
        actors = [actor("actor:1", "Marta Quill", "person", country="Norland", mentions=[b.span("Marta Quill")]),
                  actor("actor:2", "Tobin Vale", "person", country="Southmark", mentions=[b.span("Tobin Vale")]),
                  actor("actor:3", "Border Guard Service of Norland", "organization", country="Norland",
                        mentions=[b.span("Border guards")])]
        events = [
            event("event:1", "CONSULT", date(2024, 5, 1), date(2024, 5, 1), "day",
                  [("actor:1", "source"), ("actor:2", "target")], [b.span("met Tobin Vale")], location="Lowmarsh"),
            event("event:2", "COERCE", date(2024, 5, 1), date(2024, 5, 1), "day", [("actor:3", "source")],
                  [b.span("detained four traders")], location="Lowmarsh"),
        ]
        return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=PUBLISHED,
                                 extractor_version="test", actors=actors, events=events, statements=[])

    first = add_document(session, told("a wire report said"), "Outlet A")
    second = add_document(session, told("officials said"), "Outlet B")
    events = {e.type: e.id for e in session.exec(select(Event))}
    assert len(events) == 2 and all(len(ranked_reports(session, i)) == 2 for i in events.values())
    for doc in (first, second):
        where = {kind: doc.text.index(phrase) for kind, phrase in (("CONSULT", "Lowmarsh on May 1,"),
                                                                   ("COERCE", "Lowmarsh on May 1."))}
        for kind, event_id in events.items():
            claim = session.exec(select(Claim).where(Claim.event_id == event_id, Claim.document_id == doc.id,
                                                     Claim.kind == "location")).one()
            assert (claim.start, claim.quote) == (where[kind], "Lowmarsh")


def test_an_event_without_reports_is_deleted_and_the_others_kept(session):
    doc = add_document(session, document_a(), "Outlet A")
    call, arrests = (session.exec(select(Event.id).where(Event.type == kind)).one() for kind in ("CONSULT", "COERCE"))
    for table in (EventParticipant, Evidence, EventReport):  # the arrests lose their only account
        session.execute(delete(table).where(table.event_id == arrests))
    session.commit()
    day_counts = {c.type: c.n for c in session.exec(select(EventCount).where(EventCount.bucket == "day"))}
    assert day_counts == {"CONSULT": 1, "COERCE": 1}

    ranked = refresh_events(session, [arrests, call, arrests])
    assert list(ranked) == [call] and [r.document_id for r in ranked[call]] == [doc.id]
    assert session.get(Event, arrests) is None and session.get(Event, call).sources_count == 1
    assert [c.n for c in session.exec(select(EventCount).where(EventCount.bucket == "day", EventCount.type
                                                               == "COERCE"))] == [0]
    last = session.exec(select(Change).order_by(Change.seq.desc()).limit(2)).all()
    assert [(c.entity_id, c.op) for c in reversed(last)] == [(call, "updated"), (arrests, "deleted")]  # in id order
