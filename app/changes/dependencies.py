"""Parameters only /changes takes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from app.errors import InvalidParameter

MAX_CHANGES = 1000
Kind = Literal["document", "event", "actor", "statement"]


def change_limit(limit: Annotated[int | None, Query(description=f"Changes per page, 1-{MAX_CHANGES} (default 100).",
                                                    examples=[100])] = None) -> int:
    """The page size."""
    if limit is not None and not 1 <= limit <= MAX_CHANGES:
        raise InvalidParameter("limit", f"must be between 1 and {MAX_CHANGES}, got {limit}")
    return limit or 100


def change_kinds(kind: Annotated[list[Kind] | None, Query(
        description="Only changes of these kinds; repeat for several.", examples=[["event"]])] = None) -> list[str]:
    """The requested kinds (all when none)."""
    return list(kind or [])
