"""The change feed: every creation, update, deletion and merge of documents, events, actors and statements."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Integer
from sqlmodel import Field, SQLModel

from app.models.base import utcnow


class Change(SQLModel, table=True):
    """One change, written in the transaction that makes it: a rollback leaves no row, and `seq` (a sequence that
    only grows, AUTOINCREMENT on SQLite so a deleted top row is never reused) is commit order because every
    writer holds the knowledge-base write lock (app.db.lock_for_writing) from its first change to its commit."""

    __tablename__ = "kb_change"
    # (kind, entity_id, seq): compaction finds an entity's later changes from the index alone
    __table_args__ = (Index("ix_kb_change_entity", "kind", "entity_id", "seq"), {"sqlite_autoincrement": True})

    seq: int | None = Field(default=None, sa_column=Column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True))
    kind: str = Field(max_length=16)  # document | event | actor | statement
    entity_id: int
    op: str = Field(max_length=8)  # created | updated | deleted | merged
    into_id: int | None = None  # merged: the surviving entity
    at: datetime = Field(default_factory=utcnow, nullable=False)
