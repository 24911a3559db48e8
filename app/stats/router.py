"""HTTP layer for /stats."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from app.db import SessionDep, end_read
from app.inline import FastJSON
from app.query import query_doc
from app.security import require_read_key
from app.stats import service
from app.stats.dependencies import TimelineArgs, TimelineQuery, timeline_args
from app.stats.schemas import Timeline

router = APIRouter(prefix="/stats", tags=["stats"], dependencies=[Depends(require_read_key)])


@router.get("/timeline", response_model=Timeline, summary="Event counts per period and type",
            openapi_extra=query_doc(TimelineQuery))
def timeline(a: Annotated[TimelineArgs, Depends(timeline_args)], session: SessionDep):
    """Events per day, week, month or year (and per type), under the same filters as /events (bbox included)."""
    counts = service.timeline(session, a.filters, a.types, a.bucket, a.scope)
    end_read(session)  # in this worker thread: the session dependency then needs none (app/db.py)
    # plain strings and integers the model describes (tests/api/test_inline.py checks them against Timeline):
    # validating a decade of months and their types again cost more than reading them from the rollup
    return FastJSON(counts)
