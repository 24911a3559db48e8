"""Query parameters for where things are: bbox and place."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import Query

from app.errors import InvalidParameter
from app.pagination import MAX_ID
from app.places.service import BBox


def bbox_param(bbox: Annotated[str | None, Query(
        max_length=200, description="`minlon,minlat,maxlon,maxlat` in degrees (GeoJSON order): only what is located "
        "inside, by its coordinates (country-precision places have none). minlon > maxlon crosses the antimeridian.",
        examples=["36.8,55.1,38.4,56.2"])] = None) -> BBox | None:
    """The bounding box, validated."""
    if bbox is None or not bbox.strip():
        return None
    parts = bbox.split(",")
    if len(parts) != 4:
        raise InvalidParameter("bbox", f"expected minlon,minlat,maxlon,maxlat (4 numbers), got {len(parts)} values")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise InvalidParameter("bbox", "every value must be a number") from None
    if not all(math.isfinite(v) for v in (min_lon, min_lat, max_lon, max_lat)):
        raise InvalidParameter("bbox", "values must be finite numbers")
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise InvalidParameter("bbox", "longitudes must be between -180 and 180")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise InvalidParameter("bbox", "latitudes must be between -90 and 90")
    if min_lat > max_lat:
        raise InvalidParameter("bbox", "minlat is greater than maxlat")
    return BBox(min_lon, min_lat, max_lon, max_lat)


PlaceParam = Annotated[int | None, Query(ge=1, le=MAX_ID, description=(
    "A GeoNames id: a city's events, or every event inside a country or US state with that id."),
    examples=[524901])]


def country_param(country: Annotated[str | None, Query(
        pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 country code.", examples=["RU"])] = None,
) -> str | None:
    """The country filter."""
    return country.upper() if country else None
