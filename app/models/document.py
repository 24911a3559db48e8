"""Articles as received, and the outlets and sources they name."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import JSONType, utcnow


class Document(SQLModel, table=True):
    __tablename__ = "document"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, sa_column_kwargs={"unique": True, "nullable": False})
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=300)
    url: str | None = Field(default=None, max_length=2000)
    published: date | None = Field(default=None, index=True)
    language: str = Field(default="en", max_length=16)
    extracted: bool = Field(default=True)  # False for text that is stored but not extracted (not English)
    text: str = Field(sa_column=Column(Text, nullable=False))
    cites: list[str] = Field(default_factory=list, sa_column=Column(JSONType, nullable=False))
    ingested_at: datetime = Field(default_factory=utcnow, nullable=False)
    extractor_version: str = Field(default="", max_length=32, index=True)
    # who the story comes from, for independence: "wire:reuters" for a wire copy, "outlet:<name>", or null
    # (unknown: the document counts as its own source); app.corroboration
    origin: str | None = Field(default=None, max_length=120)


class DocumentSource(SQLModel, table=True):
    """An outlet or a cited source of a document, normalised so `source=` filters use an index."""

    __tablename__ = "document_source"
    __table_args__ = (
        UniqueConstraint("document_id", "normalized", "kind"),
        Index("ix_document_source_normalized_document", "normalized", "document_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False))
    name: str = Field(max_length=300)
    normalized: str = Field(max_length=300)
    kind: str = Field(max_length=16)  # outlet | cited
