"""HTTP layer for /changes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.changes import service
from app.changes.dependencies import change_kinds, change_limit
from app.changes.schemas import ChangesPage
from app.db import SessionDep, end_read
from app.inline import FastJSON
from app.security import require_read_key

router = APIRouter(prefix="/changes", tags=["changes"], dependencies=[Depends(require_read_key)])


@router.get("", response_model=ChangesPage, summary="Changes since a cursor, in commit order")
def list_changes(limit: Annotated[int, Depends(change_limit)], kinds: Annotated[list[str], Depends(change_kinds)],
                 session: SessionDep,
                 cursor: Annotated[str | None, Query(max_length=2000, description=(
                     "`next_cursor` of the previous call; omit to replay from the start."),
                     examples=["eyJrIjoiY2hhbmdlcyIsInYiOlsxMl19"])] = None):
    """Every creation, update, deletion and merge of documents, events, actors and statements after `cursor`."""
    # plain values the model describes (tests/api/test_inline.py checks pages against ChangesPage): not revalidated
    page = service.changes_page(session, cursor, limit, kinds)
    end_read(session)  # in this worker thread: the session dependency then needs none (app/db.py)
    return FastJSON(page)
