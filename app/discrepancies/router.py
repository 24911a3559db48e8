"""HTTP layer for /discrepancies: parameters in, service call, response out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from app.db import SessionDep
from app.discrepancies import service
from app.discrepancies.dependencies import DiscrepancyArgs, DiscrepancyQuery, discrepancy_args
from app.discrepancies.schemas import DISCREPANCY_COLUMNS, DiscrepancyPublic, discrepancy_csv_row
from app.pagination import Page
from app.query import query_doc
from app.responses import EXPORT_RESPONSES, listing_response
from app.security import require_read_key

router = APIRouter(prefix="/discrepancies", tags=["discrepancies"], dependencies=[Depends(require_read_key)])


@router.get("", response_model=Page[DiscrepancyPublic], summary="List where sources disagree",
            responses=EXPORT_RESPONSES, openapi_extra=query_doc(DiscrepancyQuery))
def list_discrepancies(a: Annotated[DiscrepancyArgs, Depends(discrepancy_args)], session: SessionDep):
    """Each event attribute (date, place, cast, numbers, wording) that two or more documents state differently,
    then each actor the documents spell differently; pages like every list."""
    lister = service.discrepancy_lister(event_id=a.event, source=a.source, kind=a.kind)
    return listing_response(lister, session, a.paging, discrepancy_csv_row, DISCREPANCY_COLUMNS)
