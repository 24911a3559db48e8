"""Source counts of fused events, kept by ingest and delete (app.ingest.refresh.refresh_events)."""

from __future__ import annotations

from collections.abc import Iterable


def source_counts(reports: Iterable[tuple[int, str | None]]) -> tuple[int, int]:
    """(documents reporting the event, distinct origins among them), from its reports' (document id, document
    origin): one wire agency's copies count once, two stories of one outlet count once, and a document of
    unknown origin counts as its own."""
    rows = list(reports)
    documents = {document_id for document_id, _ in rows}
    origins = {origin or f"document:{document_id}" for document_id, origin in rows}
    return len(documents), len(origins)
