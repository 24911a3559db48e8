"""HTTP layer for /events: parameters in, service call, response out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.db import get_engine, get_session
from app.events import service
from app.events.dependencies import EventScope, event_scope, event_types
from app.events.schemas import EventDetail, EventPublic, Readouts
from app.filters import Filters, Paging, filters, paging
from app.pagination import Page
from app.responses import EXPORT_RESPONSES, listing_response
from app.security import require_read_key
from app.pagination import MAX_ID

router = APIRouter(prefix="/events", tags=["events"], dependencies=[Depends(require_read_key)])

EVENT_COLUMNS = ["id", "type", "mode", "date", "date_start", "date_end", "date_precision", "date_text", "summary",
                 "location", "geonames_id", "place_name", "country_code", "region_code", "latitude", "longitude",
                 "place_precision", "fatalities", "affected", "participants", "sources", "sources_count",
                 "independent_sources", "confidence"]
EVENT_RESPONSES = {200: {**EXPORT_RESPONSES[200], "content": {
    **EXPORT_RESPONSES[200]["content"], "application/geo+json": {"schema": {"type": "object"}}},
    "description": "A page as JSON, or every matching row as CSV, NDJSON or a GeoJSON FeatureCollection "
                   "(`format` or Accept)."}}
EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="Event id.", examples=[1])]


def event_csv_row(item: dict) -> dict:
    """One flat CSV row: participants as "name (role)" joined by "; "."""
    place = item.get("place") or {}
    return {**item, "geonames_id": place.get("geonames_id"), "place_name": place.get("name"),
            "country_code": place.get("country_code"), "region_code": place.get("region_code"),
            "latitude": place.get("latitude"), "longitude": place.get("longitude"),
            "place_precision": place.get("precision"),
            "participants": "; ".join(f"{p['name']} ({p['role']})" for p in item["participants"]),
            "sources": "; ".join(sorted({str(e["document_id"]) for e in item["evidence"]}))}


@router.get("", response_model=Page[EventPublic], summary="List events", responses=EVENT_RESPONSES)
def list_events(f: Annotated[Filters, Depends(filters)], p: Annotated[Paging, Depends(paging)],
                types: Annotated[list[str], Depends(event_types)], scope: Annotated[EventScope, Depends(event_scope)],
                session: Session = Depends(get_session), engine: Engine = Depends(get_engine)):
    """Events filtered by date range, actors, type, source, document, text, place, bbox or corroboration; newest
    first. `format=geojson` answers a FeatureCollection for maps."""
    return listing_response(service.event_lister(session, f, types, scope), session, engine, p, event_csv_row,
                            EVENT_COLUMNS)


@router.get("/{event_id}", response_model=EventDetail, summary="Get one event with its sources and claims")
def get_event(event_id: EventId, session: Session = Depends(get_session)):
    """One event: participants, evidence, the documents that report it and each source's claims."""
    return service.get_event(session, event_id)


@router.get("/{event_id}/readouts", response_model=Readouts, summary="Statements about an event, by side")
def get_readouts(event_id: EventId, session: Session = Depends(get_session)):
    """What each side (the speakers' country) said about this event, with the source document."""
    service.require_event(session, event_id)
    from app.discrepancies.service import get_readouts as readouts

    return readouts(session, event_id)
