"""Response shapes for discrepancies: one attribute of one event on which sources disagree."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.models.event import CLAIM_KINDS

# the kinds of disagreement: an event attribute (a claim kind), or an actor spelled differently ("alias")
DISCREPANCY_KINDS = (*CLAIM_KINDS, "alias")
DiscrepancyKind = Literal[DISCREPANCY_KINDS]  # type: ignore[valid-type]


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
    kind: DiscrepancyKind
    attribute: str = Field(description="e.g. date, location, source, target, arrested, wording, type, name")
    values: list[DiscrepancyValue]


# CSV export: the columns, and how one item flattens into them
DISCREPANCY_COLUMNS = ["id", "event_id", "actor_id", "kind", "attribute", "values"]


def discrepancy_csv_row(item: dict) -> dict:
    """One flat CSV row: each source's value as "value (source, document N)" joined by "; "."""
    return {**item, "values": "; ".join(f"{v['value']} ({v['source'] or 'unnamed'}, document {v['document_id']})"
                                         for v in item["values"])}
