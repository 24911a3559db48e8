"""Parameters only /sources takes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query


async def source_kind(kind: Annotated[Literal["outlet", "cited"] | None, Query(
        description="Only outlets, or only cited sources.", examples=["cited"])] = None) -> str | None:
    """The requested kind of source."""
    return kind
