"""Query parameters for where things are: bbox and place."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.pagination import MAX_ID
from app.places.service import BBox

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


async def bbox_param(bbox: BBoxParam = None) -> BBox | None:
    """The bounding box of /places."""
    return parse_bbox(bbox)


PlaceParam = Annotated[int | None, Query(ge=1, le=MAX_ID, description=(
    "A GeoNames id: a city's events, or every event inside a country or US state with that id."),
    examples=[524901])]


async def country_param(country: Annotated[str | None, Query(
        pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 country code.", examples=["RU"])] = None,
) -> str | None:
    """The country filter."""
    return country.upper() if country else None
