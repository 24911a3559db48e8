"""Who said what, and the evidence offsets every stored fact carries."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, Text
from sqlmodel import Field, SQLModel


class Statement(SQLModel, table=True):
    __tablename__ = "statement"
    __table_args__ = (
        Index("ix_statement_speaker_date", "speaker_id", "date_start", "id"),
        Index("ix_statement_date_start_id", "date_start", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("actor.id", ondelete="SET NULL"), nullable=True)
    )
    document_id: int = Field(
        sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    event_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("event.id", ondelete="SET NULL"), nullable=True, index=True)
    )
    cue: str = Field(max_length=64)
    text: str = Field(sa_column=Column(Text, nullable=False))
    direct_quote: bool = False
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str = Field(default="unknown", max_length=8)
    confidence: float = Field(default=0.5, sa_type=Float)


class Evidence(SQLModel, table=True):
    """A span of a stored document that supports an event, a statement or an actor mention."""

    __tablename__ = "evidence"
    __table_args__ = (
        Index("ix_evidence_event", "event_id"),
        Index("ix_evidence_statement", "statement_id"),
        Index("ix_evidence_actor_document", "actor_id", "document_id"),
        Index("ix_evidence_document_actor", "document_id", "actor_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False))
    start: int
    end: int
    sentence: str = Field(default="", sa_column=Column(Text, nullable=False))
    kind: str = Field(max_length=16)  # event | statement | mention
    event_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("event.id", ondelete="CASCADE"), nullable=True)
    )
    statement_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("statement.id", ondelete="CASCADE"), nullable=True)
    )
    actor_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("actor.id", ondelete="CASCADE"), nullable=True)
    )
