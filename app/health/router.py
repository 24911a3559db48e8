"""Liveness and readiness."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Request

from app.admission import PerLoop
from app.db import ping
from app.errors import ServiceUnavailable

router = APIRouter(tags=["health"])

PING_TIMEOUT_S = 2.0
# /healthz has threads of its own and skips admission, so it answers while a burst has every API slot
_threads = PerLoop(lambda: anyio.CapacityLimiter(2))


@router.get("/healthz", summary="Service and database health",
            responses={503: {"description": "The database did not answer in time"}})
async def healthz(request: Request) -> dict[str, str]:
    """Report that the service is up and the database answers within 2 s."""
    try:
        with anyio.fail_after(PING_TIMEOUT_S):
            await anyio.to_thread.run_sync(ping, request.app.state.engine, limiter=_threads.get(),
                                           abandon_on_cancel=True)
    except TimeoutError:
        raise ServiceUnavailable(f"the database did not answer within {PING_TIMEOUT_S:g} s") from None
    return {"status": "ok"}
