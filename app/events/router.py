"""HTTP layer for /events: parameters in, service call, response out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from app.db import SessionDep
from app.discrepancies import service as discrepancies
from app.events import service
from app.events.dependencies import EventArgs, EventQuery, event_args
from app.events.schemas import EVENT_COLUMNS, EventDetail, EventPublic, Readouts, event_csv_row
from app.pagination import MAX_ID, Page
from app.query import query_doc
from app.responses import EVENT_EXPORT_RESPONSES, listing_response
from app.security import require_read_key

router = APIRouter(prefix="/events", tags=["events"], dependencies=[Depends(require_read_key)])

EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="Event id.", examples=[1])]


@router.get("", response_model=Page[EventPublic], summary="List events", responses=EVENT_EXPORT_RESPONSES,
            openapi_extra=query_doc(EventQuery))
def list_events(a: Annotated[EventArgs, Depends(event_args)], session: SessionDep):
    """Events filtered by date range, actors, type, source, document, text, place, bbox or corroboration; newest
    first. `format=geojson` answers a FeatureCollection for maps."""
    return listing_response(service.event_lister(session, a.filters, a.types, a.scope), session, a.paging,
                            event_csv_row, EVENT_COLUMNS)


@router.get("/{event_id}", response_model=EventDetail, summary="Get one event with its sources and claims")
def get_event(event_id: EventId, session: SessionDep):
    """One event: participants, evidence, the documents that report it and each source's claims."""
    return service.get_event(session, event_id)


@router.get("/{event_id}/readouts", response_model=Readouts, summary="Statements about an event, by side")
def get_readouts(event_id: EventId, session: SessionDep):
    """What each side (the speakers' country) said about this event, with the source document."""
    service.require_event(session, event_id)
    return discrepancies.get_readouts(session, event_id)
