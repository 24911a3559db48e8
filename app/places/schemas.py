"""Response shapes for places (also inlined in events and actors)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class PlacePublic(BaseModel):
    id: int = Field(description="Our place id (stable within this knowledge base).")
    geonames_id: int | None = Field(None, description="GeoNames id (cities, countries, US states); null for entries "
                                    "GeoNames data offline does not number (airports, most regions).",
                                    examples=[524901])
    name: str = Field(examples=["Moscow"])
    precision: str = Field(description="point | city | region | country: how exactly the coordinates place it. "
                           "A country has no coordinates (never its capital, never a centroid).",
                           examples=["city"])
    country_code: str | None = Field(None, description="ISO 3166-1 alpha-2.", examples=["RU"])
    region_code: str | None = Field(None, description="ISO 3166-2 first-level subdivision.", examples=["RU-MOW"])
    region_name: str | None = Field(None, examples=["Moskva"])
    latitude: float | None = Field(None, examples=[55.75204])
    longitude: float | None = Field(None, examples=[37.61781])


class PlaceWithCount(PlacePublic):
    event_count: int = Field(description="Events located at this place.")
