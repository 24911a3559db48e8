"""Response shapes for /actors."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.extract.types import ACTOR_TYPES

ActorType = Literal[ACTOR_TYPES]  # type: ignore[valid-type]


class CountryRef(BaseModel):
    id: int
    name: str


class ActorPublic(BaseModel):
    id: int
    name: str
    type: ActorType
    aliases: list[str] = Field(description="Every surface form seen in the documents.")
    role: str | None = Field(None, description="Title, e.g. Minister of Foreign Affairs of Russia.")
    country: CountryRef | None = None
    mentions: int = Field(description="How many times the documents mention this actor.")
    documents: int = Field(description="How many documents mention or involve this actor.")


class IdentityLink(BaseModel):
    document_id: int
    name: str = Field(description="The document's name for the actor.")
    forms: list[str] = Field(description="Every surface form the document uses for it.")
    role: str | None = None
    country: str | None = None
    reason: str = Field(description="Why this document's actor is the same as the other documents' (the rule "
                                    "and its evidence: same name, spelling variant, a name part with an agreeing "
                                    "country, role or co-mentioned country), or 'only source'.")


class ActorDetail(ActorPublic):
    identity: list[IdentityLink] = Field(
        description="Per source document: its names for this actor and why they were linked to the others'.")


class NetworkEdge(BaseModel):
    actor_id: int
    name: str
    type: ActorType
    events: int = Field(description="Events both actors take part in.")


class Network(BaseModel):
    actor_id: int
    items: list[NetworkEdge]


# CSV export: the columns, and how one item flattens into them
ACTOR_COLUMNS = ["id", "name", "type", "role", "country", "aliases", "mentions", "documents"]


def actor_csv_row(item: dict) -> dict:
    """One flat CSV row: aliases joined by "; ", the country by name."""
    return {**item, "aliases": "; ".join(item["aliases"]),
            "country": item["country"]["name"] if item["country"] else None}
