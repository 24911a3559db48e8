"""Parameters /discrepancies takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query, Request
from pydantic import BaseModel

from app.discrepancies.schemas import DiscrepancyKind
from app.filters import Paging, PagingQuery, text_param, text_query
from app.pagination import MAX_ID
from app.query import parse_query


class DiscrepancyFilters(BaseModel):
    """What /discrepancies filters on: an event, a source and a kind of disagreement."""

    event: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this event.", examples=[1])] = None
    source: Annotated[str | None, text_query("Only where this outlet, cited source or document id is one of the "
                                             "sides.", "TASS")] = None
    kind: Annotated[DiscrepancyKind | None, Query(description="Only this kind of disagreement.",
                                                  examples=["number"])] = None


class DiscrepancyQuery(PagingQuery, DiscrepancyFilters):
    """Every parameter /discrepancies takes (pydantic orders fields from the last base: the filters come first, as
    they were documented)."""


@dataclass
class DiscrepancyArgs:
    paging: Paging
    event: int | None
    source: str | None
    kind: DiscrepancyKind | None


async def discrepancy_args(request: Request) -> DiscrepancyArgs:
    """/discrepancies: paging, event, source and kind (`DiscrepancyQuery`), validated in one pass."""
    query = parse_query(request, DiscrepancyQuery)
    return DiscrepancyArgs(query.paging(request.headers.get("accept")), query.event,
                           text_param("source", query.source), query.kind)
