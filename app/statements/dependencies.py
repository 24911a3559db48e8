"""Parameters only /statements takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from app.filters import text_param, text_query
from app.pagination import MAX_ID


@dataclass
class StatementFilters:
    speaker: str | None = None
    event: int | None = None


async def statement_filters(
    speaker: Annotated[str | None, text_query("Speaker: an actor id, name or alias.", "Olaf Scholz")] = None,
    event: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only statements made in or about this event.",
                                       examples=[1])] = None,
) -> StatementFilters:
    """Speaker and event filters."""
    return StatementFilters(speaker=text_param("speaker", speaker), event=event)
