"""HTTP layer for /statements."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from app.db import SessionDep
from app.pagination import MAX_ID, Page
from app.query import query_doc
from app.responses import EXPORT_RESPONSES, listing_response
from app.security import require_read_key
from app.statements import service
from app.statements.dependencies import StatementArgs, StatementQuery, statement_args
from app.statements.schemas import STATEMENT_COLUMNS, StatementPublic, statement_csv_row

router = APIRouter(prefix="/statements", tags=["statements"], dependencies=[Depends(require_read_key)])

@router.get("", response_model=Page[StatementPublic], summary="List statements", responses=EXPORT_RESPONSES,
            openapi_extra=query_doc(StatementQuery))
def list_statements(a: Annotated[StatementArgs, Depends(statement_args)], session: SessionDep):
    """Statements filtered by speaker, event, date range, source, document or text; newest first."""
    return listing_response(service.statement_lister(session, a.filters, a.statement), session, a.paging,
                            statement_csv_row, STATEMENT_COLUMNS)


@router.get("/{statement_id}", response_model=StatementPublic, summary="Get one statement")
def get_statement(statement_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Statement id.", examples=[1])],
                  session: SessionDep):
    """One statement with its speaker, content, cue and evidence."""
    return service.get_statement(session, statement_id)
