"""Response shapes for discrepancies: one attribute of one event on which sources disagree."""

from __future__ import annotations

from pydantic import BaseModel, Field

KINDS = ("date", "location", "participant", "number", "characterization", "alias")


class DiscrepancyValue(BaseModel):
    value: str = Field(description="What this source says, or \"unspecified\" when it states nothing.")
    document_id: int
    source: str | None = Field(None, description="The document's outlet, else the first source it cites.")
    quote: str | None = None
    start: int | None = Field(None, description="Offset of the quote in the document text.")
    end: int | None = None


class DiscrepancyPublic(BaseModel):
    id: int = Field(description="Its first claim's id (event attributes) or the actor's id (alias).")
    event_id: int | None = Field(description="The event the sources disagree about; null for an alias.")
    actor_id: int | None = Field(None, description="The actor spelled differently (kind alias).")
    kind: str = Field(description="date | location | participant | number | characterization | alias")
    attribute: str = Field(description="e.g. date, location, source, target, arrested, wording, type, name")
    values: list[DiscrepancyValue]
