"""Parameters only /statements takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query, Request

from app.filters import ListArgs, ListQuery, text_param, text_query
from app.pagination import MAX_ID
from app.query import parse_query


@dataclass
class StatementFilters:
    speaker: str | None = None
    event: int | None = None


class StatementQuery(ListQuery):
    """Every parameter /statements takes: the list's, the speaker and the event."""

    speaker: Annotated[str | None, text_query("Speaker: an actor id, name or alias.", "Olaf Scholz")] = None
    event: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only statements made in or about this event.",
                                       examples=[1])] = None


@dataclass
class StatementArgs(ListArgs):
    statement: StatementFilters


async def statement_args(request: Request) -> StatementArgs:
    """/statements: filters, paging, speaker and event (`StatementQuery`), validated in one pass."""
    query = parse_query(request, StatementQuery)
    return StatementArgs(query.filters(), query.paging(request.headers.get("accept")),
                         StatementFilters(speaker=text_param("speaker", query.speaker), event=query.event))
