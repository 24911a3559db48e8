"""HTTP layer for /discrepancies: parameters in, service call, response out."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from app.db import SessionDep
from app.discrepancies import service
from app.discrepancies.schemas import DiscrepancyPublic
from app.errors import InvalidParameter
from app.pagination import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, decode_cursor, encode_cursor
from app.security import require_read_key

router = APIRouter(prefix="/discrepancies", tags=["discrepancies"], dependencies=[Depends(require_read_key)])

CURSOR_KIND = "discrepancies"
Kind = Literal["date", "location", "participant", "number", "characterization", "alias"]


@router.get("", response_model=Page[DiscrepancyPublic], summary="List where sources disagree")
def list_discrepancies(
    session: SessionDep,
    event: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this event.", examples=[1])] = None,
    source: Annotated[str | None, Query(max_length=300, description="Only where this outlet, cited source "
                                        "or document id is one of the sides.", examples=["TASS"])] = None,
    kind: Annotated[Kind | None, Query(description="Only this kind of disagreement.", examples=["number"])] = None,
    limit: Annotated[int | None, Query(description=f"Items per page, 1-{MAX_LIMIT}.", examples=[50])] = None,
    cursor: Annotated[str | None, Query(max_length=2000, description="`next_cursor` of the previous page.",
                                        examples=["eyJrIjoiZGlzY3JlcGFuY2llcyJ9"])] = None,
):
    """Each event attribute (date, place, cast, numbers, wording) that two or more documents state differently."""
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise InvalidParameter("limit", f"must be between 1 and {MAX_LIMIT}, got {limit}")
    after = decode_cursor(cursor, CURSOR_KIND, (str, int))
    if after and after[0] not in (service.EVENT_SECTION, service.ALIAS_SECTION):
        raise InvalidParameter("cursor", "not a cursor this listing issued")
    page = service.list_discrepancies(session, event_id=event, source=source, kind=kind,
                                      limit=limit or DEFAULT_LIMIT, after_id=after[1] if after else None,
                                      after_section=after[0] if after else service.EVENT_SECTION)
    nxt = page["next_after_id"]
    token = encode_cursor(CURSOR_KIND, [page["next_section"], nxt]) if nxt is not None else None
    return Page(items=page["items"], next_cursor=token, total=page["total"])
