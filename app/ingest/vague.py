"""Vague accounts that a later document makes ambiguous: an undated "the army shelled the port" joined the only
shelling of the port stored when it came; once a second, on another day, is stored, it can no longer say which
it reports. It leaves the event it joined, as it would have stayed apart had it come last
(app.ingest.fusion.settle_fits), so the knowledge base does not depend on the order documents arrive in."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select

from app.ingest.accounts import ACCOUNT_KIND
from app.ingest.anchors import detach, merge_with_best_match
from app.ingest.fusion import candidate_ids, settle_fits, stored_views, with_context
from app.ingest.matching_events import EventView, PlaceView, event_match
from app.models import Event, EventParticipant, EventReport, Evidence

WHY = "split: another stored event fits this account as well, on another day"


def _report_view(session: Session, report: EventReport) -> EventView:
    """One document's account of a fused event, as matching sees it: its own type, date, place and cast."""
    cast = session.exec(select(EventParticipant.actor_id).where(
        EventParticipant.event_id == report.event_id, EventParticipant.document_id == report.document_id)).all()
    named = session.exec(select(Evidence.actor_id).where(
        Evidence.document_id == report.document_id, Evidence.kind == ACCOUNT_KIND)).all()
    view = EventView(report.type, report.date_start, report.date_end, report.location, frozenset(cast), report.mode,
                     report.date_precision, place=PlaceView(report.place_id, "unknown") if report.place_id else None,
                     context=frozenset(i for i in named if i is not None))
    return with_context(session, [view])[0]


def _vague_reports(session: Session, event_id: int, document_id: int) -> list[EventReport]:
    """The event's undated or coarsely dated accounts from other documents, when it has other accounts too."""
    reports = session.exec(select(EventReport).where(EventReport.event_id == event_id)
                           .order_by(EventReport.id)).all()
    if len(reports) < 2:
        return []
    return [r for r in reports if r.document_id != document_id and not r.date_derived
            and (r.date_start is None or r.date_precision != "day")]


def split_ambiguous(session: Session, event_ids: Iterable[int], document_id: int) -> set[int]:
    """For each of the document's day-precise events, move out of other stored events the vague accounts that
    now fit two happenings on different days; each moved account is then matched again. Returns the events
    created or changed."""
    touched: set[int] = set()
    for event_id in sorted(set(event_ids)):
        event = session.get(Event, event_id)
        if event is None or event.date_start is None or event.date_precision != "day":
            continue
        view = stored_views(session, {event_id})[event_id]
        for other_id in candidate_ids(session, view):
            if other_id == event_id or session.get(Event, other_id) is None:
                continue
            for report in _vague_reports(session, other_id, document_id):
                own = _report_view(session, report)
                here, there = event_match(own, view), event_match(own, stored_views(session, {other_id})[other_id])
                if not here or not there:
                    continue
                views = {event_id: view, other_id: stored_views(session, {other_id})[other_id]}
                if other_id in {i for i, _ in settle_fits(own, [(other_id, there[1]), (event_id, here[1])], views)}:
                    continue
                new_id = detach(session, report, WHY)
                touched |= {other_id, new_id}
                survivor = merge_with_best_match(session, new_id, "merged: the only stored event it fits")
                if survivor is not None:
                    touched.add(survivor)
    return touched
