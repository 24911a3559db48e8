"""Liveness and readiness."""

from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlmodel import Session

from app.db import get_session

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Service and database health")
def healthz(session: Session = Depends(get_session)) -> dict[str, str]:
    """Report that the service is up and the database answers."""
    session.exec(text("SELECT 1"))
    return {"status": "ok"}
