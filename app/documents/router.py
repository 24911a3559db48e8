"""HTTP layer for /documents: parameters in, service call, response out."""

from fastapi import APIRouter

router = APIRouter(prefix="/documents", tags=["documents"])
