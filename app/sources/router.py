"""HTTP layer for /sources: parameters in, service call, response out."""

from fastapi import APIRouter

router = APIRouter(prefix="/sources", tags=["sources"])
