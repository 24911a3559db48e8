"""Parameters only /stats takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Query, Request

from app.events.dependencies import EventScope, ScopeQuery, TypeParam
from app.filters import FilterQuery, Filters
from app.query import parse_query

Bucket = Literal["day", "week", "month", "year"]


BucketParam = Annotated[Bucket, Query(description="Period size; events count in the period they start in.",
                                      examples=["month"])]


class _TimelineFilters(FilterQuery):
    type: TypeParam = None
    bucket: BucketParam = "month"


class TimelineQuery(ScopeQuery, _TimelineFilters):
    """Every parameter /stats/timeline takes: the filters of /events (bbox included) and the period size."""


@dataclass
class TimelineArgs:
    filters: Filters
    types: list[str]
    bucket: str
    scope: EventScope


async def timeline_args(request: Request) -> TimelineArgs:
    """The timeline's filters, types, period size and scope (`TimelineQuery`), validated in one pass."""
    query = parse_query(request, TimelineQuery)
    return TimelineArgs(query.filters(), list(query.type or []), query.bucket, query.scope())
