"""Parameters only /changes takes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, Request
from pydantic import BaseModel

from app.query import parse_query

MAX_CHANGES = 1000
Kind = Literal["document", "event", "actor", "statement"]


class ChangesQuery(BaseModel):
    """Every parameter /changes takes (read in one pass by app/query.py)."""

    cursor: Annotated[str | None, Query(max_length=2000, description=(
        "`next_cursor` of the previous call; omit to replay from the start."),
        examples=["eyJrIjoiY2hhbmdlcyIsInYiOlsxMl19"])] = None
    limit: Annotated[int | None, Query(ge=1, le=MAX_CHANGES, examples=[100],
                                       description=f"Changes per page, 1-{MAX_CHANGES} (default 100).")] = None
    kind: Annotated[list[Kind] | None, Query(description="Only changes of these kinds; repeat for several.",
                                             examples=[["event"]])] = None


async def changes_query(request: Request) -> ChangesQuery:
    """The page size (bounds checked by the model, so a bad one is a 422 naming `limit`), kinds and cursor."""
    return parse_query(request, ChangesQuery)
