"""Undo a document: remove its rows, then rebuild or drop the events and actors it supported."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import Session, select

from app.changes.service import record
from app.errors import NotFound
from app.ingest.actors import refresh_actor
from app.ingest.anchors import settle_anchors
from app.ingest.claims import refresh_claims_of, refresh_claims_of_actors
from app.ingest.derived import uncount_events
from app.ingest.fusion import candidate_ids, stored_views
from app.ingest.refresh import refresh_events
from app.ingest.vague import regroup
from app.models import Actor, ActorPlace, Claim, Document, EventParticipant, EventReport, Evidence, Statement
from app.places.service import refresh_actor_places


def clear_extraction(session: Session, document_id: int) -> None:
    """Remove everything extracted from the document but keep the document row (for re-extraction)."""
    if session.get(Document, document_id) is None:
        raise NotFound(f"document {document_id} does not exist")
    event_ids = set(session.exec(select(EventReport.event_id).where(EventReport.document_id == document_id)).all())
    actor_ids = set(session.exec(
        select(Evidence.actor_id).where(Evidence.document_id == document_id, Evidence.actor_id.is_not(None))
    ).all())
    actor_ids |= set(session.exec(
        select(EventParticipant.actor_id).where(EventParticipant.document_id == document_id)
    ).all())
    names_before = {i: a.name for i in actor_ids if (a := session.get(Actor, i))}
    # events the document's events kept apart (a vague account that fitted two) may fuse once it is gone
    neighbours = {c for view in stored_views(session, event_ids).values() for c in candidate_ids(session, view)}

    session.flush()
    uncount_events(session, sorted(event_ids))  # the per-actor rollup, before their participant rows go
    record(session, "statement", session.exec(select(Statement.id).where(Statement.document_id == document_id)).all(),
           "deleted")
    for table in (Evidence, Statement, Claim, EventParticipant, EventReport, ActorPlace):
        session.execute(delete(table).where(table.document_id == document_id))
    session.expire_all()

    survivors = [i for i in sorted(actor_ids) if refresh_actor(session, i)]
    refresh_actor_places(session, survivors)  # voted again from the documents that remain
    ranked = refresh_events(session, event_ids)  # those that remain, with their reports for the claims
    refresh_claims_of(session, ranked)
    surviving = sorted(ranked)
    # what the document tied together comes apart, and what it kept apart may fuse
    surviving = sorted(regroup(session, set(surviving) | (neighbours - event_ids)))
    settle_anchors(session, surviving)  # dates derived from what this document said are withdrawn
    renamed = [i for i in survivors if session.get(Actor, i).name != names_before.get(i)]
    refresh_claims_of_actors(session, renamed)
    session.flush()


def delete_document(session: Session, document_id: int) -> None:
    """Remove the document and everything extracted from it; unsupported events and actors disappear."""
    clear_extraction(session, document_id)
    session.delete(session.get(Document, document_id))  # outlet/cited-source rows go by ON DELETE CASCADE
    session.flush()
    record(session, "document", document_id, "deleted")
