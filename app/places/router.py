"""HTTP layer for /places."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from app.db import SessionDep
from app.pagination import Page
from app.places import service
from app.places.dependencies import PlaceArgs, PlaceQuery, place_args
from app.places.schemas import PlaceWithCount
from app.query import query_doc
from app.responses import EXPORT_RESPONSES, listing_response
from app.security import require_read_key

router = APIRouter(prefix="/places", tags=["places"], dependencies=[Depends(require_read_key)])

PLACE_COLUMNS = ["id", "geonames_id", "name", "precision", "country_code", "region_code", "region_name", "latitude",
                 "longitude", "event_count"]


@router.get("", response_model=Page[PlaceWithCount], summary="List places with their event counts",
            responses=EXPORT_RESPONSES, openapi_extra=query_doc(PlaceQuery))
def list_places(a: Annotated[PlaceArgs, Depends(place_args)], session: SessionDep):
    """Gazetteer entries that events or location actors resolve to, with how many events each holds."""
    return listing_response(service.place_lister(session, a.bbox, a.country), session, a.paging, dict, PLACE_COLUMNS)
