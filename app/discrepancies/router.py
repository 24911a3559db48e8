"""HTTP layer for /discrepancies: parameters in, service call, response out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.db import SessionDep
from app.discrepancies import service
from app.discrepancies.schemas import DISCREPANCY_COLUMNS, DiscrepancyKind, DiscrepancyPublic, discrepancy_csv_row
from app.filters import Paging, paging, text_param, text_query
from app.pagination import MAX_ID, Page
from app.responses import EXPORT_RESPONSES, listing_response
from app.security import require_read_key

router = APIRouter(prefix="/discrepancies", tags=["discrepancies"], dependencies=[Depends(require_read_key)])


@router.get("", response_model=Page[DiscrepancyPublic], summary="List where sources disagree",
            responses=EXPORT_RESPONSES)
def list_discrepancies(
    session: SessionDep,
    p: Annotated[Paging, Depends(paging)],
    event: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this event.", examples=[1])] = None,
    source: Annotated[str | None, text_query("Only where this outlet, cited source or document id is one of the "
                                             "sides.", "TASS")] = None,
    kind: Annotated[DiscrepancyKind | None, Query(description="Only this kind of disagreement.",
                                                  examples=["number"])] = None,
):
    """Each event attribute (date, place, cast, numbers, wording) that two or more documents state differently,
    then each actor the documents spell differently; pages like every list."""
    lister = service.discrepancy_lister(event_id=event, source=text_param("source", source), kind=kind)
    return listing_response(lister, session, p, discrepancy_csv_row, DISCREPANCY_COLUMNS)
