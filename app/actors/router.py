"""HTTP layer for /actors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from app.actors import service
from app.actors.dependencies import ActorArgs, ActorQuery, actor_args
from app.actors.identity import actor_detail
from app.actors.schemas import ACTOR_COLUMNS, ActorDetail, ActorPublic, Network, actor_csv_row
from app.db import SessionDep
from app.events.dependencies import EventArgs, EventListQuery, actor_event_args
from app.events.schemas import EVENT_COLUMNS, EventPublic, event_csv_row
from app.events.service import event_lister
from app.pagination import MAX_ID, Page
from app.query import query_doc
from app.responses import EVENT_EXPORT_RESPONSES, EXPORT_RESPONSES, listing_response
from app.security import require_read_key
from app.statements.dependencies import StatementArgs, StatementQuery, statement_args
from app.statements.schemas import STATEMENT_COLUMNS, StatementPublic, statement_csv_row
from app.statements.service import statement_lister

router = APIRouter(prefix="/actors", tags=["actors"], dependencies=[Depends(require_read_key)])

ActorId = Annotated[int, Path(ge=1, le=MAX_ID, description="Actor id.", examples=[1])]


@router.get("", response_model=Page[ActorPublic], summary="List actors", responses=EXPORT_RESPONSES,
            openapi_extra=query_doc(ActorQuery))
def list_actors(a: Annotated[ActorArgs, Depends(actor_args)], session: SessionDep):
    """Actors by name or alias (`q`), type, document or source, in id order."""
    return listing_response(service.actor_lister(session, a.filters, a.kind), session, a.paging, actor_csv_row,
                            ACTOR_COLUMNS)


@router.get("/{actor_id}", response_model=ActorDetail, summary="Get one actor")
def get_actor(actor_id: ActorId, session: SessionDep):
    """One actor with aliases, role, country and mention counts, and per source document the names it uses and
    why they are this actor (`identity`)."""
    return actor_detail(session, actor_id)


@router.get("/{actor_id}/events", response_model=Page[EventPublic], summary="Events an actor takes part in",
            responses=EVENT_EXPORT_RESPONSES, openapi_extra=query_doc(EventListQuery))
def actor_events(actor_id: ActorId, a: Annotated[EventArgs, Depends(actor_event_args)], session: SessionDep):
    """The actor's events, with every /events filter available."""
    service.require_actor(session, actor_id)
    a.filters.actors = [str(actor_id), *a.filters.actors]
    return listing_response(event_lister(session, a.filters, a.types), session, a.paging, event_csv_row,
                            EVENT_COLUMNS)


@router.get("/{actor_id}/statements", response_model=Page[StatementPublic], summary="Statements an actor made",
            responses=EXPORT_RESPONSES, openapi_extra=query_doc(StatementQuery))
def actor_statements(actor_id: ActorId, a: Annotated[StatementArgs, Depends(statement_args)],
                     session: SessionDep):
    """What the actor said, with every /statements filter available."""
    service.require_actor(session, actor_id)
    return listing_response(statement_lister(session, a.filters, a.statement, speaker_id=actor_id), session,
                            a.paging, statement_csv_row, STATEMENT_COLUMNS)


@router.get("/{actor_id}/network", response_model=Network, summary="Co-participants of an actor")
def actor_network(actor_id: ActorId, session: SessionDep,
                  limit: Annotated[int, Query(ge=1, le=500, description="Most connected actors to return.",
                                              examples=[50])] = 50):
    """Actors sharing events with this one, with the number of shared events."""
    return service.network(session, actor_id, limit)
