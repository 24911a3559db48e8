"""Vague accounts that a later document makes ambiguous: an undated "the army shelled the port" joined the only
shelling of the port stored when it came; once a second, on another day, is stored, it can no longer say which
it reports. It leaves the event it joined, as it would have stayed apart had it come last
(app.ingest.fusion.settle_fits), so the knowledge base does not depend on the order documents arrive in."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from sqlalchemy import and_, bindparam, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from app.ingest.accounts import ACCOUNT_KIND
from app.ingest.anchors import detach, merge_chain, merge_with_best_match, move_accounts
from app.ingest.context import DocumentFacts, with_context
from app.ingest.fusion import settle_fits
from app.ingest.matching_events import EventView, PlaceView, compatible_types, event_match
from app.ingest.reads import DocumentReads
from app.ingest.refresh import refresh_event
from app.models import Event, EventParticipant, EventReport, Evidence
from app.sqlcore import run

WHY = "split: another stored event fits this account as well, on another day"


_CAST = select(EventParticipant.actor_id).where(EventParticipant.event_id == bindparam("event"),
                                                EventParticipant.document_id == bindparam("document"))
_NAMED = select(Evidence.actor_id).where(Evidence.document_id == bindparam("document"), Evidence.kind == ACCOUNT_KIND)
_REPORTS = select(EventReport).where(EventReport.event_id == bindparam("event")).order_by(EventReport.id)


def _report_view(session: Session, report: EventReport, facts: DocumentFacts | None = None) -> EventView:
    """One document's account of a fused event, as matching sees it: its own type, date, place and cast."""
    cast = run(session, _CAST, {"event": report.event_id, "document": report.document_id}).scalars().all()
    named = run(session, _NAMED, {"document": report.document_id}).scalars().all()
    view = EventView(report.type, report.date_start, report.date_end, report.location, frozenset(cast), report.mode,
                     report.date_precision, place=PlaceView(report.place_id, "unknown") if report.place_id else None,
                     context=frozenset(i for i in named if i is not None))
    return with_context(session, [view], facts)[0]


def _vague_reports(session: Session, event_id: int, document_id: int) -> list[EventReport]:
    """The event's undated or coarsely dated accounts from other documents, when it has other accounts too."""
    reports = session.execute(_REPORTS, {"event": event_id}).scalars().all()
    if len(reports) < 2:
        return []
    return [r for r in reports if r.document_id != document_id and not r.date_derived
            and (r.date_start is None or r.date_precision != "day")]


# `_vague_reports` for many events at once: those with another document's vague account and a second account
# (NULLs written out: the Python test takes a missing precision or document as "not day", "another document"),
# of those only the accounts `event_match` could fit to the view: of a compatible type, undated or dated within
# reach of the view's dates (it rejects two dated accounts that do not overlap, whichever rule applies)
_ALL = aliased(EventReport)
_VAGUE_OF = (select(EventReport.event_id).where(
    EventReport.event_id.in_(bindparam("ids", expanding=True)),
    or_(EventReport.document_id.is_(None), EventReport.document_id != bindparam("document")),
    ~EventReport.date_derived,
    or_(EventReport.date_start.is_(None), EventReport.date_precision.is_(None), EventReport.date_precision != "day"),
    EventReport.type.in_(bindparam("types", expanding=True)),
    or_(EventReport.date_start.is_(None), and_(EventReport.date_start <= bindparam("end"), func.coalesce(
        EventReport.date_end, EventReport.date_start) >= bindparam("start"))),
    select(func.count()).where(_ALL.event_id == EventReport.event_id).scalar_subquery() >= 2).distinct())


def _with_vague(session: Session, ids: list[int], document_id: int, view: EventView) -> set[int]:
    """Those of `ids` for which `_vague_reports` holds an account that may fit the (dated) view, in one query (a
    popular actor's candidates are hundreds of events, most with no vague account, most of the others with vague
    accounts of other months): the others' accounts all fail `event_match(account, view)`."""
    if not ids:
        return set()
    return set(run(session, _VAGUE_OF, {"ids": ids, "document": document_id, "types": sorted(compatible_types(
        view.type)), "start": view.date_start, "end": view.date_end or view.date_start}).scalars())


def split_ambiguous(session: Session, event_ids: Iterable[int], document_id: int,
                    reads: DocumentReads | None = None) -> set[int]:
    """For each of the document's day-precise events, move out of other stored events the vague accounts that
    now fit two happenings on different days; each moved account is then matched again. Returns the events
    created or changed. `reads`: the document's reads kept until a write (app.ingest.reads): the views and
    candidates merge_chain read, each candidate's view read once for all its accounts."""
    reads = reads or DocumentReads()
    touched: set[int] = set()
    for event_id in sorted(set(event_ids)):
        # its stored view, which merge_chain has most often just read (`reads`): no query of its own for its date
        view = reads.views(session, {event_id}).get(event_id)
        if view is None or view.date_start is None or view.precision != "day":
            continue
        candidates = reads.candidates(session, event_id, view)
        # those with a vague account that may fit, read once; after a move below changes accounts, each is read again
        vague, moved = _with_vague(session, candidates, document_id, view), False
        for other_id in candidates:
            if not moved and other_id not in vague:
                continue
            if other_id == event_id:  # one an earlier move absorbed has no accounts left
                continue
            for report in _vague_reports(session, other_id, document_id):
                own = reads.report_view(report.id, lambda r=report: _report_view(session, r, reads.facts))
                other = reads.views(session, {other_id})[other_id]
                here, there = event_match(own, view), event_match(own, other)
                if not here or not there:
                    continue
                views = {event_id: view, other_id: other}
                if other_id in {i for i, _ in settle_fits(own, [(other_id, there[1]), (event_id, here[1])], views)}:
                    continue
                reads.clear()
                new_id = detach(session, report, WHY)
                moved = True
                touched |= {other_id, new_id}
                survivor = merge_with_best_match(session, new_id, "merged: the only stored event it fits", reads)
                if survivor is not None:
                    touched.add(survivor)
    return touched


def _components(views: dict[int, EventView]) -> list[list[int]]:
    """Groups of reports (by id) that hold together: each matches another of its group."""
    ids = sorted(views)
    parent = {i: i for i in ids}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in itertools.combinations(ids, 2):
        if root(a) != root(b) and (event_match(views[a], views[b]) or event_match(views[b], views[a])):
            parent[max(root(a), root(b))] = min(root(a), root(b))
    groups: dict[int, list[int]] = {}
    for i in ids:
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values())


def regroup(session: Session, event_ids: Iterable[int]) -> set[int]:
    """After a document is removed: split the events whose remaining accounts no longer hold together (the
    removed account was what tied them), then let every touched event join what it now fits, so the knowledge
    base is the one the remaining documents give. Returns the events that remain of those touched."""
    touched: set[int] = set()
    for event_id in sorted(set(event_ids)):
        if session.get(Event, event_id) is None:
            continue
        touched.add(event_id)
        reports = session.exec(select(EventReport).where(EventReport.event_id == event_id)
                               .order_by(EventReport.id)).all()
        if len(reports) < 2:
            continue
        views = {r.id: _report_view(session, r) for r in reports}
        by_id = {r.id: r for r in reports}
        for group in _components(views)[1:]:
            moved = by_id[group[0]]
            new_id = detach(session, moved, "split: the account that tied it to the others was removed")
            for report_id in group[1:]:
                _move_report(session, by_id[report_id], new_id)
            touched.add(new_id)
    fused = set(merge_chain(session, touched).values())
    return {i for i in fused if session.get(Event, i) is not None}


def _move_report(session: Session, report: EventReport, event_id: int) -> None:
    old = report.event_id
    move_accounts(session, old, event_id, report.document_id,
                  reasons=["new event", "split with the account it matches"])
    refresh_event(session, old)
    refresh_event(session, event_id)
