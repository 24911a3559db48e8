"""Parameters only /sources takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Query, Request

from app.filters import ListArgs, ListQuery
from app.query import parse_query


class SourceQuery(ListQuery):
    """Every parameter /sources takes: the list's and the kind of source."""

    kind: Annotated[Literal["outlet", "cited"] | None, Query(
        description="Only outlets, or only cited sources.", examples=["cited"])] = None


@dataclass
class SourceArgs(ListArgs):
    kind: str | None


async def source_args(request: Request) -> SourceArgs:
    """/sources: filters, paging and kind (`SourceQuery`), validated in one pass."""
    query = parse_query(request, SourceQuery)
    return SourceArgs(query.filters(), query.paging(request.headers.get("accept")), query.kind)
