"""Parameters only /changes takes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

MAX_CHANGES = 1000
Kind = Literal["document", "event", "actor", "statement"]


async def change_limit(limit: Annotated[int | None, Query(ge=1, le=MAX_CHANGES, examples=[100],
                                                    description=f"Changes per page, 1-{MAX_CHANGES} (default 100).",
                                                    )] = None) -> int:
    """The page size (its bounds are checked by the schema, so a bad one is a 422 naming `limit`)."""
    return limit or 100


async def change_kinds(kind: Annotated[list[Kind] | None, Query(
        description="Only changes of these kinds; repeat for several.", examples=[["event"]])] = None) -> list[str]:
    """The requested kinds (all when none)."""
    return list(kind or [])
