"""HTTP layer for /stats."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from app.db import SessionDep, end_read
from app.events.dependencies import EventScope, event_scope, event_types
from app.filters import Filters, filters
from app.inline import FastJSON
from app.security import require_read_key
from app.stats import service
from app.stats.dependencies import bucket as bucket_param
from app.stats.schemas import Timeline

router = APIRouter(prefix="/stats", tags=["stats"], dependencies=[Depends(require_read_key)])


@router.get("/timeline", response_model=Timeline, summary="Event counts per period and type")
def timeline(f: Annotated[Filters, Depends(filters)], types: Annotated[list[str], Depends(event_types)],
             bucket: Annotated[str, Depends(bucket_param)], scope: Annotated[EventScope, Depends(event_scope)],
             session: SessionDep):
    """Events per day, week, month or year (and per type), under the same filters as /events (bbox included)."""
    counts = service.timeline(session, f, types, bucket, scope)
    end_read(session)  # in this worker thread: the session dependency then needs none (app/db.py)
    # plain strings and integers the model describes (tests/api/test_inline.py checks them against Timeline):
    # validating a decade of months and their types again cost more than reading them from the rollup
    return FastJSON(counts)
