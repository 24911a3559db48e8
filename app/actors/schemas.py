"""Response shapes for /actors."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CountryRef(BaseModel):
    id: int
    name: str


class ActorPublic(BaseModel):
    id: int
    name: str
    type: str = Field(description="person | organization | country | group | location")
    aliases: list[str] = Field(description="Every surface form seen in the documents.")
    role: str | None = Field(None, description="Title, e.g. Minister of Foreign Affairs of Russia.")
    country: CountryRef | None = None
    mentions: int = Field(description="How many times the documents mention this actor.")
    documents: int = Field(description="How many documents mention or involve this actor.")


class NetworkEdge(BaseModel):
    actor_id: int
    name: str
    type: str
    events: int = Field(description="Events both actors take part in.")


class Network(BaseModel):
    actor_id: int
    items: list[NetworkEdge]
