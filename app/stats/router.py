"""HTTP layer for /stats: parameters in, service call, response out."""

from fastapi import APIRouter

router = APIRouter(prefix="/stats", tags=["stats"])
