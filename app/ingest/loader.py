"""ExtractedDocument -> rows: actors, fused events with per-source reports and claims, statements, evidence.

Rows are written in bulk per document (new events and reports in one flush each, participants and evidence as
Core executemany) in the same order a row-at-a-time loop would write them, so ids and results do not change.
"""

from __future__ import annotations

from sqlmodel import Session

from app.changes.service import record
from app.corroboration.wire import origin
from app.extract.types import ExtractedDocument, ExtractedStatement
from app.ingest.anchors import link_anchors, merge_chain, settle_anchors
from app.ingest.claims import refresh_claims_of, refresh_claims_of_actors
from app.ingest.derived import events_created
from app.ingest.fusion import match_events, new_report, new_view, report_rows
from app.ingest.matching_events import EventView
from app.ingest.places import store_places
from app.ingest.reads import DocumentReads
from app.ingest.refresh import fuse_event, refresh_events
from app.ingest.resolver import evidence_row, resolve_actors
from app.ingest.vague import split_ambiguous
from app.models import Document, Event, EventParticipant, Evidence, Statement
from app.sqlcore import insert_rows


def store_extraction(session: Session, document: Document, extracted: ExtractedDocument) -> None:
    """Write everything extracted from `document` (already flushed) into the knowledge base. Flushes, never commits."""
    document.origin = origin(document.text, document.outlet)  # before any event counts its sources
    session.add(document)
    session.flush()
    actor_ids, actors = resolve_actors(session, document, extracted)
    names_before = {i: actor.name for i, actor in actors.items()}
    places = store_places(session, document.id, extracted, actor_ids)
    reads = DocumentReads()  # views and candidates read by merge_chain and split_ambiguous, kept until either writes
    event_ids = store_events(session, document, extracted, actor_ids, places, reads)
    store_statements(session, document, extracted.statements, actor_ids, event_ids)
    session.flush()
    fused = set(merge_chain(session, event_ids.values(), reads).values())  # stored events this document ties together
    fused |= split_ambiguous(session, fused, document.id, reads)  # vague accounts of others it makes ambiguous
    settle_anchors(session, fused)  # relative dates other sources now fix, and what they fuse
    renamed = [i for i, name in names_before.items() if actors[i].name != name]
    refresh_claims_of_actors(session, renamed)


def store_events(session: Session, document: Document, extracted: ExtractedDocument,
                 actor_ids: dict[str, int], places: dict[str, int] | None = None,
                 reads: DocumentReads | None = None) -> dict[str, int]:
    """Fuse each extracted event into a stored one or a new one; returns local event key -> event id.
    `places`: local event key -> the place id its location resolves to (app.ingest.places). `reads`: given the
    stored views matching read of events this leaves as they were."""
    places = places or {}
    views = [new_view(e, actor_ids, places.get(e.key)) for e in extracted.events]
    # matched before any of this document's events is stored, so two of its events never merge
    seen: dict[int, EventView] = {}
    looked_up: dict[int, tuple[tuple, list[int], int]] = {}
    assigned = match_events(session, views, seen, looked_up, reads.facts if reads is not None else None)
    if reads is not None:
        # writes below touch only the events matched (a report, cast and evidence each, then the fused row) and
        # new ones; every other candidate's view (its rows, its reporting documents' accounts, its actors) stands
        reads.seed({i: v for i, v in seen.items() if i not in {e for e, _, _ in assigned.values()}})
    # A new event has one report, this one: it is inserted already fused from it, and has no claims.
    created: dict[int, Event] = {}
    for index, extracted_event in enumerate(extracted.events):
        if index not in assigned:
            report = new_report(None, document.id, extracted_event, None, ["new event"])
            report.place_id = places.get(extracted_event.key)
            event = Event(type=extracted_event.type, summary=extracted_event.summary or "",
                          date_precision=extracted_event.date_precision or "unknown")
            fuse_event(event, [report])
            created[index] = event
    session.add_all(created.values())
    session.flush()
    event_ids: dict[str, int] = {}
    reports, participants, evidence = [], [], []
    for index, extracted_event in enumerate(extracted.events):
        if index in assigned:
            event_id, score, reasons = assigned[index]
        else:
            event_id, score, reasons = created[index].id, None, ["new event"]
        reports.append(new_report(event_id, document.id, extracted_event, score, reasons))
        reports[-1].place_id = places.get(extracted_event.key)
        rows = report_rows(event_id, document.id, extracted_event, actor_ids)
        # a new event's cast is inserted with its dates; a matched event's is dated by refresh_events below
        dated = created.get(index)
        participants += [p | {"date_start": dated.date_start if dated else None,
                              "date_end": dated.date_end if dated else None} for p in rows[0]]
        evidence += rows[1]
        event_ids[extracted_event.key] = event_id
    session.add_all(reports)
    session.flush()
    link_anchors(session, {e.key: r for e, r in zip(extracted.events, reports, strict=True)}, extracted.events)
    insert_rows(session, EventParticipant.__table__, participants)
    insert_rows(session, Evidence.__table__, evidence)
    events_created(session, list(created.values()))  # counted in the rollup and the max span, in one statement each
    record(session, "event", [e.id for e in created.values()], "created")
    if reads is not None:
        # a new event's candidates after these writes are those before plus events this document wrote, unless
        # a lookup's cap binds: merge_chain need not look them up again (DocumentReads.prime)
        for index, event in created.items():
            key, ids, headroom = looked_up[index]
            if headroom > len(extracted.events):
                reads.prime(event.id, key, ids)
    # each refreshed, then their claims rebuilt from the same reports, read once for all (app.ingest.refresh)
    refresh_claims_of(session, refresh_events(session, {event_id for event_id, _, _ in assigned.values()}))
    return event_ids


def store_statements(session: Session, document: Document, statements: list[ExtractedStatement],
                     actor_ids: dict[str, int], event_ids: dict[str, int]) -> list[Statement]:
    """The statements with their evidence sentences: one flush and one executemany."""
    rows = [Statement(
        speaker_id=actor_ids.get(statement.speaker_key) if statement.speaker_key else None,
        document_id=document.id, event_id=event_ids.get(statement.event_key) if statement.event_key else None,
        cue=statement.cue[:64], text=statement.text, direct_quote=statement.direct_quote,
        date_start=statement.date_start, date_end=statement.date_end or statement.date_start,
        date_precision=statement.date_precision or "unknown", confidence=statement.confidence,
    ) for statement in statements]
    if not rows:
        return rows
    session.add_all(rows)
    session.flush()
    record(session, "statement", [row.id for row in rows], "created")
    insert_rows(session, Evidence.__table__, [
        evidence_row(kind="statement", statement_id=row.id, document_id=document.id, start=s.evidence.start,
                     end=s.evidence.end, sentence=s.evidence.sentence or s.evidence.text, actor_id=row.speaker_id)
        for row, s in zip(rows, statements, strict=True)])
    return rows
