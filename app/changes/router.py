"""HTTP layer for /changes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from app.changes import service
from app.changes.dependencies import ChangesQuery, changes_query
from app.changes.schemas import ChangesPage
from app.db import SessionDep, end_read
from app.inline import FastJSON
from app.query import query_doc
from app.security import require_read_key

router = APIRouter(prefix="/changes", tags=["changes"], dependencies=[Depends(require_read_key)])


@router.get("", response_model=ChangesPage, summary="Changes since a cursor, in commit order",
            openapi_extra=query_doc(ChangesQuery))
def list_changes(query: Annotated[ChangesQuery, Depends(changes_query)], session: SessionDep):
    """Every creation, update, deletion and merge of documents, events, actors and statements after `cursor`."""
    # plain values the model describes (tests/api/test_inline.py checks pages against ChangesPage): not revalidated
    page = service.changes_page(session, query.cursor, query.limit or 100, list(query.kind or []))
    end_read(session)  # in this worker thread: the session dependency then needs none (app/db.py)
    return FastJSON(page)
