"""Parameters only /events (and the lists and timelines of events) take."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal, get_args

from fastapi import Query, Request
from pydantic import BaseModel

from app.filters import Format, ListArgs, ListQuery
from app.places.dependencies import BBoxParam, PlaceParam, parse_bbox
from app.places.service import BBox
from app.query import parse_query

PloverType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
                     "REQUEST", "DEMAND", "ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE",
                     "SANCTION", "COERCE", "ASSAULT", "FIGHT"]

TypeParam = Annotated[list[PloverType] | None, Query(
    description="PLOVER event type; repeat for several (any may match).", examples=[["CONSULT"]])]
EventFormatParam = Annotated[Format | None, Query(
    description="Response format; also chosen by the Accept header. CSV, NDJSON and GeoJSON (a FeatureCollection "
    "for maps) stream every matching row unless `limit` is given.", examples=["json"])]
SourcesParam = Annotated[int | None, Query(ge=1, le=100_000, description=(
    "Only events reported by at least this many documents."), examples=[2])]
IndependentParam = Annotated[int | None, Query(ge=1, le=100_000, description=(
    "Only events reported from at least this many independent origins (distinct outlets; the copies of one wire "
    "agency's story count once)."), examples=[2])]


@dataclass
class EventScope:
    """Where an event is and how well it is sourced: the filters /events and the timeline take beyond `Filters`."""

    bbox: BBox | None = None
    place: int | None = None
    min_sources: int | None = None
    min_independent_sources: int | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.bbox, self.place, self.min_sources, self.min_independent_sources))


class EventListQuery(ListQuery):
    """An actor's events: the list parameters with GeoJSON among the formats, and the PLOVER types."""

    formats: ClassVar[tuple[str, ...]] = get_args(Format)
    format: EventFormatParam = None
    type: TypeParam = None

    def types(self) -> list[str]:
        return list(self.type or [])


class ScopeQuery(BaseModel):
    """The place, bbox and corroboration filters (declared once for /events and the timeline)."""

    place: PlaceParam = None
    min_sources: SourcesParam = None
    min_independent_sources: IndependentParam = None
    bbox: BBoxParam = None

    def scope(self) -> EventScope:
        return EventScope(parse_bbox(self.bbox), self.place, self.min_sources, self.min_independent_sources)


class EventQuery(ScopeQuery, EventListQuery):
    """Every parameter /events takes."""


@dataclass
class EventArgs(ListArgs):
    types: list[str]
    scope: EventScope


async def event_args(request: Request) -> EventArgs:
    """/events: filters, paging, types and scope (`EventQuery`), validated in one pass."""
    query = parse_query(request, EventQuery)
    return EventArgs(query.filters(), query.paging(request.headers.get("accept")), query.types(), query.scope())


async def actor_event_args(request: Request) -> EventArgs:
    """An actor's events: the filters, paging and types of /events (`EventListQuery`; no scope)."""
    query = parse_query(request, EventListQuery)
    return EventArgs(query.filters(), query.paging(request.headers.get("accept")), query.types(), EventScope())
