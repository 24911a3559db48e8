"""HTTP layer for /discrepancies: parameters in, service call, response out."""

from fastapi import APIRouter

router = APIRouter(prefix="/discrepancies", tags=["discrepancies"])
