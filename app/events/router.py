"""HTTP layer for /events: parameters in, service call, response out."""

from fastapi import APIRouter

router = APIRouter(prefix="/events", tags=["events"])
