"""Parameters only /events takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Query

from app.places.dependencies import PlaceParam, bbox_param
from app.places.service import BBox

PloverType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
                     "REQUEST", "DEMAND", "ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE",
                     "SANCTION", "COERCE", "ASSAULT", "FIGHT"]


async def event_types(type: Annotated[list[PloverType] | None, Query(
        description="PLOVER event type; repeat for several (any may match).", examples=[["CONSULT"]])] = None,
) -> list[str]:
    """The requested PLOVER types."""
    return list(type or [])


@dataclass
class EventScope:
    """Where an event is and how well it is sourced: the filters /events and the timeline take beyond `Filters`."""

    bbox: BBox | None = None
    place: int | None = None
    min_sources: int | None = None
    min_independent_sources: int | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.bbox, self.place, self.min_sources, self.min_independent_sources))


async def event_scope(
    bbox: Annotated[BBox | None, Depends(bbox_param)],
    place: PlaceParam = None,
    min_sources: Annotated[int | None, Query(ge=1, le=100_000, description=(
        "Only events reported by at least this many documents."), examples=[2])] = None,
    min_independent_sources: Annotated[int | None, Query(ge=1, le=100_000, description=(
        "Only events reported from at least this many independent origins (distinct outlets; the copies of one "
        "wire agency's story count once)."), examples=[2])] = None,
) -> EventScope:
    """The place, bbox and corroboration filters."""
    return EventScope(bbox, place, min_sources, min_independent_sources)
