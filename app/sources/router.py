"""HTTP layer for /sources."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from app.db import SessionDep
from app.filters import Filters, Paging, filters, paging
from app.pagination import Page
from app.responses import EXPORT_RESPONSES, listing_response
from app.security import require_read_key
from app.sources import service
from app.sources.dependencies import source_kind
from app.sources.schemas import SOURCE_COLUMNS, SourcePublic, source_csv_row

router = APIRouter(prefix="/sources", tags=["sources"], dependencies=[Depends(require_read_key)])


@router.get("", response_model=Page[SourcePublic], summary="List outlets and cited sources",
            responses=EXPORT_RESPONSES)
def list_sources(f: Annotated[Filters, Depends(filters)], p: Annotated[Paging, Depends(paging)],
                 kind: Annotated[str | None, Depends(source_kind)],
                 session: SessionDep):
    """Outlets and cited sources with the number of documents naming each, by name."""
    return listing_response(service.source_lister(session, f, kind), session, p, source_csv_row,
                            SOURCE_COLUMNS)
