"""Rows ingest keeps beside the events (participant dates, the timeline rollup, the max span) follow every
write: ingest, fusion into a better-dated event, and document deletes."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlmodel import select

from app.ingest.delete import delete_document
from app.ingest.derived import MAX_SPAN, periods
from app.models import Event, EventCount, EventParticipant, KbCounter
from tests.ingest.kb import add_document, document_a, document_b


def expected_counts(session) -> dict:
    counts: Counter = Counter()
    for e in session.exec(select(Event).where(Event.date_start.is_not(None))).all():
        for bucket, period in periods(e.date_start).items():
            counts[(bucket, period, e.type)] += 1
    return dict(counts)


def stored_counts(session) -> dict:
    return {(c.bucket, c.period, c.type): c.n for c in session.exec(select(EventCount)).all() if c.n}


def participant_dates_follow_events(session) -> bool:
    rows = session.exec(select(EventParticipant, Event).join(Event, Event.id == EventParticipant.event_id)).all()
    return bool(rows) and all((p.date_start, p.date_end) == (e.date_start, e.date_end) for p, e in rows)


def test_derived_rows_follow_ingest_fusion_and_delete(session):
    a = add_document(session, document_a(), "Outlet A")
    assert participant_dates_follow_events(session)
    assert stored_counts(session) == expected_counts(session)
    assert stored_counts(session)[("day", "2024-04-30", "COERCE")] == 1
    add_document(session, document_b(), "Outlet B")  # the arrests fuse: still dated 30 April (day beats month)
    assert participant_dates_follow_events(session)
    assert stored_counts(session) == expected_counts(session)
    assert stored_counts(session)[("week", "2024-04-29", "ACCUSE")] == 1

    delete_document(session, a.id)  # only B's month-precision account of the arrests is left
    session.commit()
    arrests = session.exec(select(Event).where(Event.type == "COERCE")).one()
    assert (arrests.date_start, arrests.date_end) == (date(2024, 4, 1), date(2024, 4, 30))
    assert participant_dates_follow_events(session)
    counts = stored_counts(session)
    assert counts == expected_counts(session)
    assert ("day", "2024-04-30", "COERCE") not in counts and counts[("day", "2024-04-01", "COERCE")] == 1
    span = session.exec(select(KbCounter.value).where(KbCounter.name == MAX_SPAN)).one()
    assert span >= 29  # covers the month-long interval


def test_max_span_never_shrinks_so_a_stale_bound_stays_safe(session):
    b = add_document(session, document_b(), "Outlet B")
    assert session.exec(select(KbCounter.value).where(KbCounter.name == MAX_SPAN)).one() == 29
    delete_document(session, b.id)
    session.commit()
    assert stored_counts(session) == {}
    assert session.exec(select(KbCounter.value).where(KbCounter.name == MAX_SPAN)).one() == 29
