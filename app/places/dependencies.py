"""Query parameters for where things are: bbox and place, and the parameters /places takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query, Request

from app.filters import Paging, PagingQuery
from app.pagination import MAX_ID
from app.places.service import BBox
from app.query import parse_query

# A longitude in [-180, 180] and a latitude in [-90, 90], as plain decimals: the pattern is the whole rule the
# server applies to each value, so a schema-valid bbox is never refused.
_LON = r"-?(?:180(?:\.0+)?|(?:1[0-7][0-9]|[0-9]{1,2})(?:\.[0-9]+)?)"
_LAT = r"-?(?:90(?:\.0+)?|[0-8]?[0-9](?:\.[0-9]+)?)"
BBOX_PATTERN = rf"^{_LON},{_LAT},{_LON},{_LAT}$"


BBoxParam = Annotated[str | None, Query(
    max_length=200, pattern=BBOX_PATTERN, examples=["36.8,55.1,38.4,56.2"],
    description="`minlon,minlat,maxlon,maxlat` in degrees (GeoJSON order): only what is located inside, by its "
    "coordinates (country-precision places have none). minlon > maxlon crosses the antimeridian; minlat > maxlat is "
    "an empty box (nothing matches). Anything else is a 422 naming `bbox`.")]


def parse_bbox(bbox: str | None) -> BBox | None:
    """The bounding box (the schema's pattern has checked its shape and ranges)."""
    if bbox is None:
        return None
    min_lon, min_lat, max_lon, max_lat = (float(p) for p in bbox.split(","))
    return BBox(min_lon, min_lat, max_lon, max_lat)  # minlat > maxlat: an empty box, matched by nothing


PlaceParam = Annotated[int | None, Query(ge=1, le=MAX_ID, description=(
    "A GeoNames id: a city's events, or every event inside a country or US state with that id."),
    examples=[524901])]


CountryParam = Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 country code.",
                                           examples=["RU"])]


class PlaceQuery(PagingQuery):
    """Every parameter /places takes: the paging, a bounding box and a country."""

    bbox: BBoxParam = None
    country: CountryParam = None


@dataclass
class PlaceArgs:
    paging: Paging
    bbox: BBox | None
    country: str | None


async def place_args(request: Request) -> PlaceArgs:
    """/places: paging, bbox and country (`PlaceQuery`), validated in one pass."""
    query = parse_query(request, PlaceQuery)
    return PlaceArgs(query.paging(request.headers.get("accept")), parse_bbox(query.bbox),
                     query.country.upper() if query.country else None)
