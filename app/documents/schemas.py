"""Request and response shapes for /documents."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class DocumentCreate(BaseModel):
    """An article to add; extraction runs on it before the response."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": "On Monday, the foreign ministers of two countries spoke by telephone ...",
        "title": "Ministers discuss border checks", "outlet": "Example News",
        "url": "https://example.org/news/1", "published": "2024-05-01", "cites": ["TASS"]}]})

    text: str = Field(description="The article text, UTF-8, at most EVENTKB_MAX_DOCUMENT_BYTES bytes.")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000)
    published: date | None = Field(None, description="Publication date; anchors year-less and relative dates.")
    cites: list[str] | None = Field(None, max_length=100, description="Sources the article cites.")


class Counts(BaseModel):
    events: int
    statements: int
    actors: int


class DocumentPublic(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    cites: list[str]
    sha256: str
    language: str
    extracted: bool = Field(description="False when the text was stored but not extracted (not English).")
    extractor_version: str
    ingested_at: datetime
    counts: Counts


class DocumentDetail(DocumentPublic):
    text: str


class DocumentCreated(DocumentPublic):
    created: bool = Field(description="False when the same text was already stored (200).")
    note: str | None = Field(None, description="Why nothing was extracted, when that is the case.")


# CSV export: the columns, and how one item flattens into them
DOCUMENT_COLUMNS = ["id", "title", "outlet", "url", "published", "cites", "sha256", "language", "extracted",
                    "ingested_at", "events", "statements", "actors"]


def document_csv_row(item: dict) -> dict:
    """One flat CSV row: counts spread into columns, cites joined by "; "."""
    return {**item, **item["counts"], "cites": "; ".join(item["cites"])}
