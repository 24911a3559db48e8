"""Relative dates across sources: an account dated only as "a day after" another event of its document takes
its date once another source dates that event, and may then fuse with a stored event it could not match before.

Extraction records the relation (ExtractedEvent.anchor_key/anchor_days); `link_anchors` stores it on the
reports, and `settle_anchors` runs after every stored or deleted document. A derived date comes only from
accounts with a date of their own, so two accounts anchored to each other never keep each other dated after
the source that dated them is deleted; an account whose derived date changes leaves the event it had joined and
is matched again.
The outcome depends on what is stored, not on the order documents arrived.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import bindparam, delete, union, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from app.changes.service import record
from app.extract.types import ExtractedEvent
from app.ingest.claims import refresh_claims
from app.ingest.fusion import settle_fits
from app.ingest.matching_events import event_match
from app.ingest.reads import DocumentReads
from app.ingest.refresh import ranked_reports, refresh_event
from app.models import Claim, Event, EventParticipant, EventReport, Evidence, Statement
from app.sqlcore import run

MAX_ROUNDS = 8  # each round follows one more link of a chain of relative dates; real chains are one or two long


def link_anchors(session: Session, reports: dict[str, EventReport], events: Iterable[ExtractedEvent]) -> None:
    """Store each undated account's relation to another event of its document (reports by extracted key)."""
    for extracted in events:
        anchor = reports.get(extracted.anchor_key or "")
        if anchor is None or extracted.anchor_days is None:
            continue
        report = reports[extracted.key]  # held by the session: the flush writes it
        report.anchor_report_id, report.anchor_days = anchor.id, extracted.anchor_days
    session.flush()


def _own_day(session: Session, event_id: int) -> date | None:
    """The event's single day as accounts with a date of their own give it (derived dates do not count)."""
    for report, _ in ranked_reports(session, event_id):
        if report.date_derived or report.date_start is None:
            continue
        if report.date_precision == "day" and report.date_end in (None, report.date_start):
            return report.date_start
        return None  # the best own date is not one day: nothing exact to count from
    return None


def _wanted_date(session: Session, report: EventReport) -> date | None:
    anchor = session.get(EventReport, report.anchor_report_id)
    if anchor is None or anchor.event_id == report.event_id:
        return None
    day = _own_day(session, anchor.event_id)
    return None if day is None else day + timedelta(days=report.anchor_days or 0)


# the ids of `_anchored_reports`, in one Core statement: most documents' events have none, and three ORM queries
# to find that out cost more than the rest of `settle_anchors`
_ANCHOR = aliased(EventReport)
_ANCHORED_IDS = union(
    select(EventReport.id).where(EventReport.anchor_report_id.in_(
        select(_ANCHOR.id).where(_ANCHOR.event_id.in_(bindparam("ids", expanding=True))))),
    select(EventReport.id).where(EventReport.event_id.in_(bindparam("ids", expanding=True)),
                                 EventReport.anchor_report_id.is_not(None)))


def _anchored_reports(session: Session, event_ids: set[int]) -> list[EventReport]:
    """Accounts anchored to, or belonging to, the given events (by id)."""
    ids = sorted(run(session, _ANCHORED_IDS, {"ids": sorted(event_ids)}).scalars().all())
    if not ids:
        return []
    rows = {r.id: r for r in session.exec(select(EventReport).where(EventReport.id.in_(ids)))}
    return [rows[i] for i in ids]


def _set_date(report: EventReport, day: date | None, anchor: EventReport | None) -> None:
    report.date_derived = day is not None
    report.date_start = report.date_end = day
    report.date_precision = "day" if day else "unknown"
    report.date_text = None
    if day is not None and anchor is not None:
        days = report.anchor_days or 0
        # says where the date came from in the account's own words: "1 day after: <the anchor's summary>"
        report.date_text = f"{abs(days)} day{'' if abs(days) == 1 else 's'} {'after' if days >= 0 else 'before'}: " \
                           f"{anchor.summary}"[:300]


def settle_anchors(session: Session, event_ids: Iterable[int]) -> None:
    """Date (or undate) the accounts anchored to these events, then fuse what the new dates make one happening."""
    pending = {i for i in event_ids if i is not None}
    for _ in range(MAX_ROUNDS):
        if not pending:
            return
        changed: set[int] = set()
        # every wanted date is read before any account moves, so a detach in this round misleads no other account
        wanted = {r.id: _wanted_date(session, r) for r in _anchored_reports(session, pending)
                  if r.date_start is None or r.date_derived}  # an account dated by its own text keeps its date
        for report_id, day in wanted.items():
            report = session.get(EventReport, report_id)
            if day == (report.date_start if report.date_derived else None):
                continue
            _set_date(report, day, session.get(EventReport, report.anchor_report_id))
            session.add(report)
            session.flush()
            changed.add(report.event_id)
            if _has_other_sources(session, report):
                # its fusion was decided on the old date: leave, then rejoin whatever the new date matches
                changed.add(detach(session, report))
        for event_id in sorted(changed):
            if refresh_event(session, event_id):
                refresh_claims(session, event_id)
        # an event a merge already absorbed is gone; the survivor is what the next round follows
        pending = {merge_with_best_match(session, i) or i for i in sorted(changed) if session.get(Event, i)}


def _has_other_sources(session: Session, report: EventReport) -> bool:
    return session.exec(select(EventReport.id).where(EventReport.event_id == report.event_id,
                                                     EventReport.id != report.id).limit(1)).first() is not None


_DOCUMENTS = (select(EventReport.event_id, EventReport.document_id)
              .where(EventReport.event_id.in_(bindparam("ids", expanding=True))))


def _documents(session: Session, event_ids: Iterable[int]) -> dict[int, set[int]]:
    """Event id -> the documents reporting it, in one query."""
    found: dict[int, set[int]] = {}
    for event_id, document_id in run(session, _DOCUMENTS, {"ids": sorted(event_ids)}).all():
        found.setdefault(event_id, set()).add(document_id)
    return found


def merge_with_best_match(session: Session, event_id: int, why: str = "merged once dated",
                          reads: DocumentReads | None = None) -> int | None:
    """Fuse a stored event with the stored event it best matches (none sharing a document); the survivor's id.
    `reads`: the document's reads kept until a write (app.ingest.reads), cleared here before this one writes."""
    reads = reads or DocumentReads()
    view = reads.views(session, {event_id}).get(event_id)
    if view is None:
        return None
    others = {i for i in reads.candidates(session, event_id, view, near=True) if i != event_id}  # none dated apart
    documents = _documents(session, others | {event_id})
    mine = documents.get(event_id, set())
    scored = []
    views = reads.views(session, others)
    for other_id, other in views.items():
        result = event_match(view, other)
        if result and not (mine & documents.get(other_id, set())):
            scored.append((-result[0], other_id, result[1]))
    kept = {i for i, _ in settle_fits(view, [(i, r) for _, i, r in scored], views)}
    scored = [m for m in scored if m[1] in kept]
    if not scored:
        return None
    neg_score, other_id, reasons = min(scored)
    reads.clear()
    survivor, absorbed = min(event_id, other_id), max(event_id, other_id)
    # the reasons go to the accounts that were matched again; the older event keeps its id
    session.execute(update(EventReport).where(EventReport.event_id == event_id)
                    .values(match_reasons=[why] + reasons, match_score=-neg_score))
    move_accounts(session, absorbed, survivor, None)
    record(session, "event", absorbed, "merged", into=survivor)
    refresh_event(session, absorbed)  # no reports left: deleted, derived rows updated
    refresh_event(session, survivor)
    refresh_claims(session, survivor)
    return survivor


def detach(session: Session, report: EventReport,
           why: str = "split: its date relative to another event changed") -> int:
    """Move one document's account out of a fused event into an event of its own; the new event's id."""
    source = report.event_id
    event = Event(type=report.type, summary=report.summary, date_precision="unknown")  # filled by refresh_event
    session.add(event)
    session.flush()
    record(session, "event", event.id, "created")
    move_accounts(session, source, event.id, report.document_id,
          reasons=["new event", why])
    refresh_event(session, event.id)
    # the event it left is what its remaining accounts give (dates, sources, rollups, claims), at once: a split
    # leaves it for the next account's matching, which must see it as it now is
    if refresh_event(session, source):
        refresh_claims(session, source)
    return event.id


def move_accounts(session: Session, source: int, target: int, document_id: int | None, *,
          reasons: list[str] | None = None) -> None:
    """Re-point accounts (all, or one document's) with their cast, evidence and statements to another event."""
    session.flush()
    moved = [Statement.event_id == source] + ([Statement.document_id == document_id] if document_id else [])
    record(session, "statement", session.exec(select(Statement.id).where(*moved)).all(), "updated")
    for table in (EventReport, EventParticipant, Evidence, Statement):
        where = [table.event_id == source] + ([table.document_id == document_id] if document_id else [])
        values = {"event_id": target}
        if table is EventReport and reasons is not None:
            values |= {"match_reasons": reasons, "match_score": None}
        session.execute(update(table).where(*where).values(**values))
    session.execute(delete(Claim).where(Claim.event_id.in_([source, target])))
    session.flush()


def merge_chain(session: Session, event_ids: Iterable[int], reads: DocumentReads | None = None) -> dict[int, int]:
    """Fuse each of a document's events with every stored event it now matches, one at a time.

    A document can tie together events that were stored apart: an article that names no participant is stored
    on its own, and a later account with a cast matches only one such event per document, or joins the
    account that named the cast. Merging until nothing matches makes the result what it would have been had
    the accounts come in another order. Returns event id -> the id it now lives in."""
    moved: dict[int, int] = {}
    for event_id in sorted(set(event_ids)):
        current = moved.get(event_id, event_id)
        for _ in range(MAX_ROUNDS):
            # None too for an event an earlier merge absorbed: it has no stored view
            survivor = merge_with_best_match(session, current, "merged: another account tied them together", reads)
            if survivor is None:
                break
            absorbed = current if survivor != current else None
            for k, v in moved.items():
                if v in (current, absorbed):
                    moved[k] = survivor
            current = survivor
        moved[event_id] = current
    return moved
