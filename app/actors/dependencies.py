"""Parameters only /actors takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query, Request

from app.actors.schemas import ActorType
from app.filters import ListArgs, ListQuery
from app.query import parse_query


class ActorQuery(ListQuery):
    """Every parameter /actors takes: the list's and the actor type."""

    type: Annotated[ActorType | None, Query(description="Only actors of this type.", examples=["person"])] = None


@dataclass
class ActorArgs(ListArgs):
    kind: str | None


async def actor_args(request: Request) -> ActorArgs:
    """/actors: filters, paging and type (`ActorQuery`), validated in one pass."""
    query = parse_query(request, ActorQuery)
    return ActorArgs(query.filters(), query.paging(request.headers.get("accept")), query.type)
