"""Parameters only /stats takes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

Bucket = Literal["day", "week", "month", "year"]


async def bucket(bucket: Annotated[Bucket, Query(description="Period size; events count in the period they start in.",
                                           examples=["month"])] = "month") -> str:
    """The requested period size."""
    return bucket
