"""Vague accounts that a later document makes ambiguous (app.ingest.vague): the account that leaves an event
leaves it as its remaining accounts make it."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from app.ingest.claims import refresh_claims_of
from app.ingest.refresh import refresh_events
from app.models import Event, EventReport
from tests.ingest.kb import add_document, dump
from tests.ingest.test_nearby import _document


def _month_account_fitting_two_days(session) -> int:
    """A day-dated account and a month-dated one of the same cast fuse; a third document tells the same cast on
    another day of that month: the month-dated account fits both days and is split off (vague.WHY)."""
    add_document(session, _document(0, ("PROTEST", date(2024, 3, 5), date(2024, 3, 5), "day", "both"), False), "a")
    add_document(session, _document(1, ("PROTEST", date(2024, 3, 1), date(2024, 3, 31), "month", "both"), False),
                 "b")
    [fused] = session.exec(select(Event)).all()
    assert fused.sources_count == 2
    add_document(session, _document(2, ("PROTEST", date(2024, 3, 20), date(2024, 3, 20), "day", "both"), False),
                 "c")
    return fused.id


def test_the_event_a_split_account_leaves_is_recomputed_from_the_accounts_it_keeps(session):
    left = _month_account_fitting_two_days(session)
    session.expire_all()
    split = [r for r in session.exec(select(EventReport)).all() if any("split" in m for m in r.match_reasons)]
    assert len(split) == 1 and split[0].event_id != left and split[0].date_precision == "month"
    event = session.get(Event, left)
    documents = {r.document_id for r in session.exec(select(EventReport).where(EventReport.event_id == left))}
    assert event.sources_count == len(documents) == 1
    assert (event.date_start, event.date_precision) == (date(2024, 3, 5), "day")


def test_after_a_split_every_event_is_what_its_accounts_give(session):
    """Recomputing every stored event from its accounts (fused rows, rollups, claims) changes nothing."""
    _month_account_fitting_two_days(session)
    before = dump(session)
    ids = session.exec(select(Event.id)).all()
    assert len(ids) == 3
    refresh_claims_of(session, refresh_events(session, ids))
    session.flush()
    assert dump(session) == before
