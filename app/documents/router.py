"""HTTP layer for /documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response

from app.db import SessionDep
from app.documents import service
from app.documents.schemas import (
    DOCUMENT_COLUMNS,
    DocumentCreate,
    DocumentCreated,
    DocumentDetail,
    DocumentPublic,
    document_csv_row,
)
from app.filters import ListArgs, ListQuery, list_args
from app.pagination import MAX_ID, Page
from app.query import query_doc
from app.responses import EXPORT_RESPONSES, listing_response
from app.security import require_read_key, require_write_key

router = APIRouter(prefix="/documents", tags=["documents"])

DocumentId = Annotated[int, Path(ge=1, le=MAX_ID, description="Document id.", examples=[1])]
PROBLEMS = {413: {"description": "Text larger than EVENTKB_MAX_DOCUMENT_BYTES"},
            503: {"description": "The server is shutting down; nothing was stored (see Retry-After)"},
            401: {"description": "Missing or wrong X-API-Key"}}


@router.get("", response_model=Page[DocumentPublic], summary="List documents", responses=EXPORT_RESPONSES,
            dependencies=[Depends(require_read_key)], openapi_extra=query_doc(ListQuery))
def list_documents(a: Annotated[ListArgs, Depends(list_args)], session: SessionDep):
    """Documents by publication date, source or text, newest first."""
    return listing_response(service.document_lister(session, a.filters), session, a.paging, document_csv_row,
                            DOCUMENT_COLUMNS)


@router.get("/{document_id}", response_model=DocumentDetail, summary="Get one document with its text",
            dependencies=[Depends(require_read_key)])
def get_document(document_id: DocumentId, session: SessionDep):
    """One document with its metadata, text and what was extracted from it (counts)."""
    return service.get_document(session, document_id)


@router.post("", response_model=DocumentCreated, status_code=201, summary="Add a document (runs extraction)",
             responses={200: {"description": "The same text was already stored", "model": DocumentCreated},
                        **PROBLEMS}, dependencies=[Depends(require_write_key)])
def create_document(body: DocumentCreate, request: Request, response: Response,
                    session: SessionDep):
    """Store an article and extract its actors, events and statements; the same text again answers 200."""
    settings = request.app.state.settings
    new = service.validate_new_document(body.text, max_bytes=settings.max_document_bytes,
                                        max_tokens=settings.max_document_tokens, title=body.title,
                                        outlet=body.outlet, url=body.url, published=body.published,
                                        cites=body.cites)
    item, created, note = service.create_document(session, new)
    if not created:
        response.status_code = 200
    response.headers["Location"] = f"{request.url.path.rstrip('/')}/{item['id']}"
    return {**item, "created": created, "note": note}


@router.delete("/{document_id}", status_code=204, summary="Delete a document and what only it supports",
               responses={401: PROBLEMS[401]}, dependencies=[Depends(require_write_key)])
def delete_document(document_id: DocumentId, session: SessionDep) -> Response:
    """Remove the document, its evidence, claims and statements; events and actors it alone supported go too."""
    service.delete_document(session, document_id)
    return Response(status_code=204)
