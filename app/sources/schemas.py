"""Response shapes for /sources."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SourcePublic(BaseModel):
    name: str = Field(examples=["TASS"])
    kinds: list[str] = Field(description="outlet and/or cited")
    documents: int = Field(description="Documents published by or citing this source.")


# CSV export: the columns, and how one item flattens into them
SOURCE_COLUMNS = ["name", "kinds", "documents"]


def source_csv_row(item: dict) -> dict:
    """One flat CSV row: the kinds joined by "; "."""
    return {**item, "kinds": "; ".join(item["kinds"])}
