"""ExtractedDocument -> rows: actors, fused events with per-source reports and claims, statements, evidence."""

from __future__ import annotations

from sqlmodel import Session

from app.extract.types import ExtractedDocument, ExtractedStatement
from app.ingest.resolver import resolve_document_actors
from app.ingest.claims import refresh_claims, refresh_claims_of_actors
from app.ingest.fusion import add_report, create_event, match_events, new_view, refresh_event
from app.models import Actor, Document, Evidence, Statement


def store_extraction(session: Session, document: Document, extracted: ExtractedDocument) -> None:
    """Write everything extracted from `document` (already flushed) into the knowledge base. Flushes, never commits."""
    if document.id is None:
        session.add(document)
        session.flush()
    actor_ids = resolve_document_actors(session, document, extracted)
    names_before = {i: session.get(Actor, i).name for i in set(actor_ids.values())}
    event_ids = store_events(session, document, extracted, actor_ids)
    for statement in extracted.statements:
        store_statement(session, document, statement, actor_ids, event_ids)
    session.flush()
    renamed = [i for i, name in names_before.items() if session.get(Actor, i).name != name]
    refresh_claims_of_actors(session, renamed)


def store_events(session: Session, document: Document, extracted: ExtractedDocument,
                 actor_ids: dict[str, int]) -> dict[str, int]:
    """Fuse each extracted event into a stored one or a new one; returns local event key -> event id."""
    views = [new_view(e, actor_ids) for e in extracted.events]
    # matched before any of this document's events is stored, so two of its events never merge
    assigned = match_events(session, views)
    event_ids: dict[str, int] = {}
    for index, extracted_event in enumerate(extracted.events):
        if index in assigned:
            event_id, score, reasons = assigned[index]
        else:
            event_id, score, reasons = create_event(session, extracted_event).id, None, ["new event"]
        add_report(session, event_id, document.id, extracted_event, actor_ids, score, reasons)
        refresh_event(session, event_id)
        event_ids[extracted_event.key] = event_id
    for event_id in sorted(set(event_ids.values())):
        refresh_claims(session, event_id)
    return event_ids


def store_statement(session: Session, document: Document, statement: ExtractedStatement,
                    actor_ids: dict[str, int], event_ids: dict[str, int]) -> Statement:
    """One statement with its evidence sentence."""
    row = Statement(
        speaker_id=actor_ids.get(statement.speaker_key) if statement.speaker_key else None,
        document_id=document.id, event_id=event_ids.get(statement.event_key) if statement.event_key else None,
        cue=statement.cue[:64], text=statement.text, direct_quote=statement.direct_quote,
        date_start=statement.date_start, date_end=statement.date_end or statement.date_start,
        date_precision=statement.date_precision or "unknown", confidence=statement.confidence,
    )
    session.add(row)
    session.flush()
    span = statement.evidence
    session.add(Evidence(kind="statement", statement_id=row.id, document_id=document.id, start=span.start,
                         end=span.end, sentence=span.sentence or span.text, actor_id=row.speaker_id))
    return row
