"""Response shapes for /events (the v1 contract: external tools depend on these names)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from app.actors.schemas import ActorType
from app.extract.types import PARTICIPANT_ROLES
from app.places.schemas import PlacePublic


class ParticipantPublic(BaseModel):
    actor_id: int
    name: str
    type: ActorType
    role: Literal[PARTICIPANT_ROLES]  # type: ignore[valid-type]
    aliases: list[str] = Field(description="Every surface form of the actor, as /actors lists them.")


class EvidencePublic(BaseModel):
    document_id: int
    source: str | None = Field(None, description="The document's outlet or first cited source.")
    quote: str = Field(description="The supporting text: the stored document sliced at [start, end).")
    start: int
    end: int


class EventPublic(BaseModel):
    id: int
    type: str = Field(description="PLOVER event type", examples=["CONSULT"])
    mode: str | None = Field(None, examples=["phone"])
    summary: str
    date: str | None = Field(None, description="ISO date at the event's precision (2024-04 for a month).")
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str = Field(description="day | week | month | year | unknown")
    date_text: str | None
    location: str | None = Field(description="The place as the sources word it (raw text).")
    place: PlacePublic | None = Field(None, description="The gazetteer entry `location` resolves to, with its "
                                      "precision; null when it resolves to none.")
    fatalities: int | None = None
    affected: int | None = None
    numbers: dict[str, int] = Field(default_factory=dict, description="Numbers the text states, e.g. arrested.")
    participants: list[ParticipantPublic]
    evidence: list[EvidencePublic]
    confidence: float
    sources_count: int = Field(description="Documents reporting this event.")
    independent_sources: int = Field(description="Documents from distinct origins: distinct outlets, with the "
                                     "copies of one wire agency's story (\"(Reuters) -\", \"— AP\") counted once.")


class SourceDocument(BaseModel):
    document_id: int
    title: str | None
    outlet: str | None
    published: dt.date | None
    match_score: float | None = None
    match_reasons: list[str] = Field(default_factory=list)
    date: str | None = Field(default=None, description="This source's date for the event, at its precision")
    date_text: str | None = Field(default=None, description="The words that date it in this source")
    date_derived: bool = Field(default=False, description=(
        "True when this source dates the event only relative to another event ('a day after ...') and the date "
        "comes from other sources' date for that event"))


class Sources(BaseModel):
    count: int
    documents: list[SourceDocument]


class ClaimPublic(BaseModel):
    kind: str = Field(description="date | participant | number | characterization | location")
    attribute: str
    value: str
    document_id: int
    source: str | None
    quote: str | None
    start: int | None
    end: int | None


class EventDetail(EventPublic):
    sources: Sources
    claims: list[ClaimPublic]


class ReadoutStatement(BaseModel):
    id: int
    speaker: dict
    text: str
    cue: str
    document_id: int
    source: str | None = None


class ReadoutSide(BaseModel):
    country: str | None = Field(description="The speakers' side (their country); null when unknown.")
    statements: list[ReadoutStatement]


class Readouts(BaseModel):
    event_id: int
    sides: list[ReadoutSide]


# CSV export: the columns, and how one item flattens into them
EVENT_COLUMNS = ["id", "type", "mode", "date", "date_start", "date_end", "date_precision", "date_text", "summary",
                 "location", "geonames_id", "place_name", "country_code", "region_code", "latitude", "longitude",
                 "place_precision", "fatalities", "affected", "participants", "sources", "sources_count",
                 "independent_sources", "confidence"]


def event_csv_row(item: dict) -> dict:
    """One flat CSV row: the place's fields, participants as "name (role)" joined by "; "."""
    place = item.get("place") or {}
    return {**item, "geonames_id": place.get("geonames_id"), "place_name": place.get("name"),
            "country_code": place.get("country_code"), "region_code": place.get("region_code"),
            "latitude": place.get("latitude"), "longitude": place.get("longitude"),
            "place_precision": place.get("precision"),
            "participants": "; ".join(f"{p['name']} ({p['role']})" for p in item["participants"]),
            "sources": "; ".join(sorted({str(e["document_id"]) for e in item["evidence"]}))}
