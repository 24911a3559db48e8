"""Gazetteer entries that events and location actors are resolved to, and each document's resolution of an actor."""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel


class Place(SQLModel, table=True):
    """One gazetteer entry as stored the first time something resolved to it (app.places.gazetteer)."""

    __tablename__ = "place"
    __table_args__ = (
        Index("ix_place_latitude_longitude", "latitude", "longitude"),
        Index("ix_place_country_region", "country_code", "region_code"),
        Index("ix_place_geonames_id", "geonames_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # where the entry comes from and its id there: "geonames:524901", "iso3166-2:US-TX", "airport:UUEE"
    key: str = Field(max_length=40, sa_column_kwargs={"unique": True, "nullable": False})
    geonames_id: int | None = None  # null for entries GeoNames data shipped offline does not number (airports)
    name: str = Field(max_length=200)
    precision: str = Field(max_length=8)  # point | city | region | country
    country_code: str | None = Field(default=None, max_length=2)  # ISO 3166-1 alpha-2
    region_code: str | None = Field(default=None, max_length=8)  # ISO 3166-2 first-level subdivision
    region_name: str | None = Field(default=None, max_length=200)
    # null for a country: a centroid would pile unrelated events onto one point
    latitude: float | None = Field(default=None, sa_type=Float)
    longitude: float | None = Field(default=None, sa_type=Float)


class ActorPlace(SQLModel, table=True):
    """One document's resolution of a location (or country) actor; the actor's place is voted from these rows."""

    __tablename__ = "actor_place"
    __table_args__ = (Index("ix_actor_place_document_id", "document_id"),)

    actor_id: int = Field(sa_column=Column(Integer, ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True))
    document_id: int = Field(sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"),
                                              primary_key=True))
    place_id: int = Field(sa_column=Column(Integer, ForeignKey("place.id", ondelete="CASCADE"), nullable=False))
