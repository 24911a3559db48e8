"""HTTP layer for /actors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from app.actors import service
from app.actors.dependencies import actor_type
from app.actors.identity import actor_detail
from app.actors.schemas import ACTOR_COLUMNS, ActorDetail, ActorPublic, Network, actor_csv_row
from app.db import SessionDep
from app.events.dependencies import event_types
from app.events.schemas import EVENT_COLUMNS, EventPublic, event_csv_row
from app.events.service import event_lister
from app.filters import Filters, Paging, event_paging, filters, paging
from app.pagination import MAX_ID, Page
from app.responses import EVENT_EXPORT_RESPONSES, EXPORT_RESPONSES, listing_response
from app.security import require_read_key
from app.statements.dependencies import StatementFilters, statement_filters
from app.statements.schemas import STATEMENT_COLUMNS, StatementPublic, statement_csv_row
from app.statements.service import statement_lister

router = APIRouter(prefix="/actors", tags=["actors"], dependencies=[Depends(require_read_key)])

ActorId = Annotated[int, Path(ge=1, le=MAX_ID, description="Actor id.", examples=[1])]


@router.get("", response_model=Page[ActorPublic], summary="List actors", responses=EXPORT_RESPONSES)
def list_actors(f: Annotated[Filters, Depends(filters)], p: Annotated[Paging, Depends(paging)],
                kind: Annotated[str | None, Depends(actor_type)],
                session: SessionDep):
    """Actors by name or alias (`q`), type, document or source, in id order."""
    return listing_response(service.actor_lister(session, f, kind), session, p, actor_csv_row,
                            ACTOR_COLUMNS)


@router.get("/{actor_id}", response_model=ActorDetail, summary="Get one actor")
def get_actor(actor_id: ActorId, session: SessionDep):
    """One actor with aliases, role, country and mention counts, and per source document the names it uses and
    why they are this actor (`identity`)."""
    return actor_detail(session, actor_id)


@router.get("/{actor_id}/events", response_model=Page[EventPublic], summary="Events an actor takes part in",
            responses=EVENT_EXPORT_RESPONSES)
def actor_events(actor_id: ActorId, f: Annotated[Filters, Depends(filters)],
                 p: Annotated[Paging, Depends(event_paging)],
                 types: Annotated[list[str], Depends(event_types)],
                 session: SessionDep):
    """The actor's events, with every /events filter available."""
    service.require_actor(session, actor_id)
    f.actors = [str(actor_id), *f.actors]
    return listing_response(event_lister(session, f, types), session, p, event_csv_row, EVENT_COLUMNS)


@router.get("/{actor_id}/statements", response_model=Page[StatementPublic], summary="Statements an actor made",
            responses=EXPORT_RESPONSES)
def actor_statements(actor_id: ActorId, f: Annotated[Filters, Depends(filters)],
                     p: Annotated[Paging, Depends(paging)],
                     sf: Annotated[StatementFilters, Depends(statement_filters)],
                     session: SessionDep):
    """What the actor said, with every /statements filter available."""
    service.require_actor(session, actor_id)
    return listing_response(statement_lister(session, f, sf, speaker_id=actor_id), session, p,
                            statement_csv_row, STATEMENT_COLUMNS)


@router.get("/{actor_id}/network", response_model=Network, summary="Co-participants of an actor")
def actor_network(actor_id: ActorId, session: SessionDep,
                  limit: Annotated[int, Query(ge=1, le=500, description="Most connected actors to return.",
                                              examples=[50])] = 50):
    """Actors sharing events with this one, with the number of shared events."""
    return service.network(session, actor_id, limit)
