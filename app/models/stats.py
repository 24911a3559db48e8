"""Derived knowledge-base figures kept by ingest and delete so reads stay O(periods), not O(events)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Integer, String
from sqlmodel import Field, SQLModel


class KbCounter(SQLModel, table=True):
    """Named integers about the whole KB. `event_max_span_days` is an upper bound of date_end - date_start over
    every event ever stored: it only grows (a delete leaves it loose, never wrong), so date-range queries can
    bound date_start from below as well (start - max span) and stay exact."""

    __tablename__ = "kb_counter"

    name: str = Field(sa_column=Column(String(32), primary_key=True))
    value: int = Field(sa_column=Column(BigInteger, nullable=False))


class EventCount(SQLModel, table=True):
    """Events per (bucket, period, type), by date_start: the unfiltered timeline read from here, not from `event`.
    bucket is day | week | month | year; period is the label the timeline prints (2024-05-06, 2024-05, 2024)."""

    __tablename__ = "event_count"

    bucket: str = Field(sa_column=Column(String(8), primary_key=True))
    period: str = Field(sa_column=Column(String(10), primary_key=True))
    type: str = Field(sa_column=Column(String(16), primary_key=True))
    n: int = Field(sa_column=Column(Integer, nullable=False))


class ActorEventCount(SQLModel, table=True):
    """Events per (actor, bucket, period, type) an actor takes part in (each event once whatever its roles and
    sources), by the event's date_start: the one-actor timeline reads from here, so the most popular actor's
    timeline costs what anyone's does. Only the month and year buckets: per day or week the rows would be about
    as many as the participations themselves, and those timelines are read from the participants instead."""

    __tablename__ = "actor_event_count"

    actor_id: int = Field(sa_column=Column(Integer, ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True))
    bucket: str = Field(sa_column=Column(String(8), primary_key=True))
    period: str = Field(sa_column=Column(String(10), primary_key=True))
    type: str = Field(sa_column=Column(String(16), primary_key=True))
    n: int = Field(sa_column=Column(Integer, nullable=False))
