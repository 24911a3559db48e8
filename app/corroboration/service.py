"""Source counts of fused events, kept by ingest and delete (app.ingest.fusion.refresh_event)."""

from __future__ import annotations

from sqlmodel import Session, select

from app.models import Document, EventReport


def source_counts(session: Session, event_id: int) -> tuple[int, int]:
    """(documents reporting the event, distinct origins among them): one wire agency's copies count once, two
    stories of one outlet count once, and a document of unknown origin counts as its own."""
    rows = session.exec(select(EventReport.document_id, Document.origin)
                        .join(Document, Document.id == EventReport.document_id)
                        .where(EventReport.event_id == event_id)).all()
    documents = {document_id for document_id, _ in rows}
    origins = {origin or f"document:{document_id}" for document_id, origin in rows}
    return len(documents), len(origins)
