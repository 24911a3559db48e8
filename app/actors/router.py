"""HTTP layer for /actors: parameters in, service call, response out."""

from fastapi import APIRouter

router = APIRouter(prefix="/actors", tags=["actors"])
