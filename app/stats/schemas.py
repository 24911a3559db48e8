"""Response shapes for /stats."""

from __future__ import annotations

from pydantic import BaseModel, Field


class TimelineBucket(BaseModel):
    period: str = Field(description="Start of the period: 2024-04-29 (day or week, weeks start Monday) or 2024-04.")
    count: int
    by_type: dict[str, int] = Field(description="Events per PLOVER type in this period.")


class Timeline(BaseModel):
    bucket: str
    total: int
    items: list[TimelineBucket]
