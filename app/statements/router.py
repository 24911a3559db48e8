"""HTTP layer for /statements: parameters in, service call, response out."""

from fastapi import APIRouter

router = APIRouter(prefix="/statements", tags=["statements"])
