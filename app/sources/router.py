"""HTTP layer for /sources."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from app.db import SessionDep
from app.pagination import Page
from app.query import query_doc
from app.responses import EXPORT_RESPONSES, listing_response
from app.security import require_read_key
from app.sources import service
from app.sources.dependencies import SourceArgs, SourceQuery, source_args
from app.sources.schemas import SOURCE_COLUMNS, SourcePublic, source_csv_row

router = APIRouter(prefix="/sources", tags=["sources"], dependencies=[Depends(require_read_key)])


@router.get("", response_model=Page[SourcePublic], summary="List outlets and cited sources",
            responses=EXPORT_RESPONSES, openapi_extra=query_doc(SourceQuery))
def list_sources(a: Annotated[SourceArgs, Depends(source_args)], session: SessionDep):
    """Outlets and cited sources with the number of documents naming each, by name."""
    return listing_response(service.source_lister(session, a.filters, a.kind), session, a.paging, source_csv_row,
                            SOURCE_COLUMNS)
