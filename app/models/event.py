"""Events: the fused view (`event`), each source's version (`event_report`), participants and claims."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from app.models.base import JSONType


class EventFields(SQLModel):
    """What one account of a happening says; the fused event and each report share these columns."""

    type: str = Field(max_length=16)
    mode: str | None = Field(default=None, max_length=32)
    summary: str = Field(default="", sa_column_kwargs={"nullable": False})
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str = Field(default="unknown", max_length=8)  # day | week | month | year | unknown
    date_text: str | None = Field(default=None, max_length=300)
    location: str | None = Field(default=None, max_length=300)
    confidence: float = Field(default=0.5, sa_type=Float)
    fatalities: int | None = None
    affected: int | None = None
    numbers: dict[str, int] = Field(default_factory=dict, sa_type=JSONType, sa_column_kwargs={"nullable": False})


class Event(EventFields, table=True):
    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_date_start_id", "date_start", "id"),
        # both ends, so type + date range reads one bounded slice (with the max-span lower bound, app/listing.py)
        Index("ix_event_type_dates", "type", "date_start", "date_end"),
        Index("ix_event_date_end", "date_end"),
        # place / bbox filters: the events of a few places, newest first, from one index
        Index("ix_event_place_date", "place_id", "date_start", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # the gazetteer entry of `location` (app.places), voted from the reports like every fused field
    # (no foreign key: migration 0007 adds these columns in place; place rows are never deleted)
    place_id: int | None = None
    # documents reporting it, and those from distinct origins (outlets; one wire agency's copies count once)
    sources_count: int = Field(default=1, sa_column=Column(Integer, nullable=False, server_default="1"))
    independent_sources: int = Field(default=1, sa_column=Column(Integer, nullable=False, server_default="1"))


class EventReport(EventFields, table=True):
    """One document's account of an event, kept so sources can be compared and a merge undone."""

    __tablename__ = "event_report"
    __table_args__ = (
        UniqueConstraint("event_id", "document_id"),
        Index("ix_event_report_document_event", "document_id", "event_id"),
        Index("ix_event_report_anchor_report_id", "anchor_report_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=Column(Integer, ForeignKey("event.id", ondelete="CASCADE"), nullable=False))
    document_id: int = Field(sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False))
    characterization: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    match_score: float | None = Field(default=None, sa_type=Float)  # how well it matched the stored event
    match_reasons: list[str] = Field(default_factory=list, sa_type=JSONType, sa_column_kwargs={"nullable": False})
    # "a day after the summons", undated in this document: its date is the anchor's event date + anchor_days
    # once another source dates that event (app.ingest.anchors); date_derived marks a date set that way
    anchor_report_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("event_report.id", ondelete="SET NULL"), nullable=True))
    anchor_days: int | None = None
    date_derived: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    # this document's resolution of `location` (app.places.resolve); a plain id like event.place_id
    place_id: int | None = None


class EventParticipant(SQLModel, table=True):
    """An actor's part in an event, as one document tells it."""

    __tablename__ = "event_participant"
    __table_args__ = (
        UniqueConstraint("event_id", "actor_id", "role", "document_id"),
        Index("ix_event_participant_actor_event", "actor_id", "role", "event_id"),
        Index("ix_event_participant_document", "document_id"),
        # actor + date range answered from this index alone (role last so a role filter needs no row lookup)
        Index("ix_event_participant_actor_dates", "actor_id", "date_start", "date_end", "event_id", "role"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=Column(Integer, ForeignKey("event.id", ondelete="CASCADE"), nullable=False))
    actor_id: int = Field(sa_column=Column(Integer, ForeignKey("actor.id", ondelete="CASCADE"), nullable=False))
    role: str = Field(max_length=16)  # source | target | participant
    document_id: int = Field(sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False))
    # copies of the event's dates (kept by app.ingest.derived from refresh_event) so actor + date range is one index
    date_start: date | None = None
    date_end: date | None = None


class EventNamed(SQLModel, table=True):
    """A cast-less event (no participant rows) and an actor an article reporting it names (an account's evidence),
    with copies of the event's type and dates: the writer's lookups of cast-less events named by a party read one
    range of its index, not every cast-less event around the date nor every article naming the party. Derived:
    app.ingest.derived.name_castless keeps it in step from refresh_events; no API reads it."""

    __tablename__ = "event_named"
    __table_args__ = (
        Index("ix_event_named_lookup", "actor_id", "type", "date_start", "date_end", "event_id"),
    )

    event_id: int = Field(sa_column=Column(Integer, ForeignKey("event.id", ondelete="CASCADE"), primary_key=True))
    actor_id: int = Field(sa_column=Column(Integer, ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True))
    type: str = Field(sa_column=Column(String(16), nullable=False))
    date_start: date | None = None
    date_end: date | None = None


# What a claim can be about; the ingest rules write these, /discrepancies lists them (plus actor spellings).
CLAIM_KINDS = ("date", "location", "participant", "number", "characterization")


class Claim(SQLModel, table=True):
    """One source's value for one attribute of an event, with the offsets that support it."""

    __tablename__ = "claim"
    __table_args__ = (
        Index("ix_claim_event_kind", "event_id", "kind", "attribute"),
        Index("ix_claim_document", "document_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=Column(Integer, ForeignKey("event.id", ondelete="CASCADE"), nullable=False))
    document_id: int = Field(sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False))
    kind: str = Field(max_length=24)  # one of CLAIM_KINDS
    attribute: str = Field(max_length=64)  # e.g. "date", "arrested", "target", "wording"
    value: str = Field(sa_column=Column(Text, nullable=False))
    start: int | None = None
    end: int | None = None
    quote: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
