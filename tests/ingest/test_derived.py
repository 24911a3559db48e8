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


def _named(session) -> list[tuple]:
    from app.models import EventNamed

    return sorted(session.exec(select(EventNamed.event_id, EventNamed.actor_id, EventNamed.type,
                                      EventNamed.date_start, EventNamed.date_end)).all(), key=repr)


def _named_recomputed(session) -> list[tuple]:
    """event_named as the stored events, reports and account evidence give it now."""
    from app.ingest.derived import _NAMED_ROWS
    from app.sqlcore import run

    return sorted(map(tuple, run(session, _NAMED_ROWS).all()), key=repr)


def test_event_named_follows_casts_gained_and_lost(session):
    """A cast-less account's event holds the actors its article names; it loses them when an account with a cast
    joins it, and holds them again when that account's document is deleted; a split and a delete follow too."""
    from tests.ingest.test_nearby import _document

    day = date(2024, 3, 14)
    castless = add_document(session, _document(0, ("PROTEST", day, day, "day", "none"), False), "a")
    [event] = session.exec(select(Event)).all()
    rows = _named(session)
    assert [r[0] for r in rows] == [event.id] * 3 and {r[2:] for r in rows} == {("PROTEST", day, day)}
    assert rows == _named_recomputed(session)

    with_cast = add_document(session, _document(1, ("PROTEST", day, day, "day", "both"), False), "b")
    assert [e.id for e in session.exec(select(Event)).all()] == [event.id]  # the cast joined the cast-less event
    assert _named(session) == [] == _named_recomputed(session)

    delete_document(session, with_cast.id)
    session.commit()
    assert _named(session) == rows == _named_recomputed(session)

    # undated and month-dated cast-less accounts, a split, deletes: always what a recompute gives
    others = [add_document(session, _document(i, shape, False), f"o{i}") for i, shape in enumerate([
        ("PROTEST", None, None, "unknown", "none"), ("PROTEST", date(2024, 3, 1), date(2024, 3, 31), "month", "both"),
        ("PROTEST", date(2024, 3, 5), date(2024, 3, 5), "day", "both"),
        ("PROTEST", date(2024, 3, 20), date(2024, 3, 20), "day", "both")], start=2)]
    assert _named(session) == _named_recomputed(session)
    assert len({r[0] for r in _named(session)}) >= 1
    for doc in [castless, *others]:
        delete_document(session, doc.id)
        session.commit()
        assert _named(session) == _named_recomputed(session)
    assert _named(session) == []


def test_event_named_fill_of_the_migration_is_what_the_writer_keeps(database_url, session):
    """Revision 0015 fills event_named from a stored knowledge base, and `derived.rebuild` refills it: the rows
    the writer had kept."""
    from app import migrate
    from app.ingest.derived import rebuild
    from tests.ingest.test_nearby import SHAPES, _document

    for index, shape in enumerate(SHAPES):
        add_document(session, _document(index, shape), f"outlet-{index}")
    kept = _named(session)
    assert len({r[0] for r in kept}) == 4  # the four cast-less shapes
    session.close()
    migrate.downgrade(database_url, "0014")
    migrate.upgrade(database_url)
    assert _named(session) == kept
    rebuild(session)
    assert _named(session) == kept
