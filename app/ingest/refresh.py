"""Recompute fused events from their reports, several events at a time.

A document matched to stored events refreshes each of them, then rebuilds their claims. Event by event, that
read every report as an ORM object twice (once for the event, once for its claims), the sources' origins, and
the cast's dates, each through a statement built per call: ~20 ms per matched event (cProfile) on a 3,000-document
knowledge base, and how many of a document's ~4.4 events match stored ones grows with the knowledge base (0.23
per document over the first 1,000 of 3,000 documents, 1.04 over the last). Here the events, their reports with
the documents' sha256 and origin, and their casts are read once for all, with statements built once; the
writes stay event by event in the order the one-event loop made them, so the rows and ids are the same.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, select

from app.changes.service import record
from app.corroboration.service import source_counts
from app.ingest.derived import cast_of, event_changed, event_key, name_castless
from app.models import Document, Event, EventReport
from app.sqlcore import run

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}

_IDS = bindparam("ids", expanding=True)
# a report's columns as a plain row (read-only: fusion and claims only read them), its document's sha256 (the
# rank's last key) and origin (source counts)
_REPORTS = (select(EventReport.__table__, Document.sha256.label("sha256"), Document.origin.label("origin"))
            .join(Document, Document.id == EventReport.document_id).where(EventReport.event_id.in_(_IDS)))

Ranked = list[Any]  # report rows, most precisely dated first


def _width(r: Any) -> int:
    if r.date_start is None:
        return 10**6
    return ((r.date_end or r.date_start) - r.date_start).days


def _rank(rows: Iterable[Any]) -> Ranked:
    """Most precisely dated first, then own dates before dates derived from a related event, then by sha256."""
    return sorted(rows, key=lambda r: (PRECISION_RANK.get(r.date_precision, 4), _width(r), r.date_derived, r.sha256))


def ranked_reports_of(session: Session, event_ids: Iterable[int]) -> dict[int, Ranked]:
    """Event id -> its reports ranked (`_rank`), as rows with `sha256` and `origin`; one query for all."""
    ids = sorted(set(event_ids))
    by_event: dict[int, list] = {i: [] for i in ids}
    if ids:
        for row in run(session, _REPORTS, {"ids": ids}).all():
            by_event[row.event_id].append(row)
    return {i: _rank(rows) for i, rows in by_event.items()}


def ranked_reports(session: Session, event_id: int) -> list[tuple[Any, str]]:
    """The event's reports with their document sha256, most precisely dated first (then own dates before dates
    derived from a related event, then by sha256)."""
    return [(r, r.sha256) for r in ranked_reports_of(session, [event_id])[event_id]]


def _vote(values: list):
    """Most frequent non-empty value; ties go to the value of the better-ranked report."""
    present = [v for v in values if v not in (None, "")]
    if not present:
        return None
    counts = Counter(present)
    return min(counts, key=lambda v: (-counts[v], present.index(v)))


def fuse_event(event: Event, ranked: list) -> None:
    """Set the fused fields from the event's reports, most precisely dated first."""
    best = ranked[0]  # the most precisely dated account
    event.type = _vote([r.type for r in ranked])
    event.mode = _vote([r.mode for r in ranked])
    event.summary = _vote([r.summary for r in ranked]) or ""
    event.date_start, event.date_end = best.date_start, best.date_end
    event.date_precision, event.date_text = best.date_precision, best.date_text
    event.location = _vote([r.location for r in ranked])
    event.place_id = _vote([r.place_id for r in ranked])  # the sources' resolutions, voted like the text
    # independent sources corroborate: 1 - prod(1 - c), capped below certainty
    event.confidence = round(min(0.99, 1 - math.prod(1 - (r.confidence or 0.0) for r in ranked)), 4)
    keys = sorted({k for r in ranked for k in (r.numbers or {})})
    event.numbers = {k: _vote([(r.numbers or {}).get(k) for r in ranked]) for k in keys}
    event.fatalities = event.numbers.get("fatalities")
    event.affected = event.numbers.get("affected")


def refresh_events(session: Session, event_ids: Iterable[int]) -> dict[int, Ranked]:
    """Recompute each fused event from its reports (in id order); delete those with none left. Returns the events
    that remain, with their ranked reports (what `app.ingest.claims.refresh_claims_of` takes)."""
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    # one statement; events the session holds come from its identity map, as session.get would return them
    events = {e.id: e for e in session.exec(select(Event).where(Event.id.in_(ids))).all()}
    ranked = ranked_reports_of(session, events)
    casts = cast_of(session, sorted(events))  # each event's writes below touch its own participant rows only
    kept: dict[int, Ranked] = {}
    for event_id in ids:
        event = events.get(event_id)
        if event is None:
            continue
        before = event_key(event)
        if not ranked[event_id]:
            session.delete(event)
            session.flush()
            event_changed(session, event_id, before, None)  # its cast read again: the delete may cascade
            record(session, "event", event_id, "deleted")
            continue
        reports = ranked[event_id]
        fuse_event(event, reports)
        event.sources_count, event.independent_sources = source_counts((r.document_id, r.origin) for r in reports)
        session.add(event)
        session.flush()
        # rollup, max span, participant dates
        event_changed(session, event_id, before, event_key(event), casts.get(event_id, []))
        record(session, "event", event_id, "updated")
        kept[event_id] = ranked[event_id]
    name_castless(session, ids)  # their casts, reports and dates as they now stand
    return kept


def refresh_event(session: Session, event_id: int) -> bool:
    """Recompute the fused event from its reports; delete it when none remain. Returns whether it exists."""
    return event_id in refresh_events(session, [event_id])
