"""Liveness and readiness."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Request
from sqlalchemy.engine import Engine

from app.admission import PerLoop
from app.db import ping
from app.errors import ServiceUnavailable

router = APIRouter(tags=["health"])

PING_TIMEOUT_S = 2.0
# /healthz has threads of its own and skips admission, so it answers while a burst has every API slot
_threads = PerLoop(lambda: anyio.CapacityLimiter(2))


class _Flight:
    """One ping in progress; `outcome` is None (still running or abandoned), True, or the error it raised."""

    def __init__(self) -> None:
        self.done = anyio.Event()
        self.outcome: bool | BaseException | None = None


_flights: PerLoop[dict[int, _Flight]] = PerLoop(dict)


async def shared_ping(engine: Engine) -> None:
    """Ping the database; a request that arrives while a ping is in flight waits for that one instead of
    starting its own. Its answer came after this request arrived, so it proves as much as a ping of our own,
    and 30 /healthz in a burst cost one worker thread and one round trip instead of 30 thread hand-offs, each
    waiting for the GIL behind the burst's handlers (tests/test_bursts.py)."""
    flights = _flights.get()
    while (flight := flights.get(id(engine))) is not None:
        await flight.done.wait()
        if flight.outcome is True:
            return
        if isinstance(flight.outcome, BaseException):
            raise flight.outcome
        # the request that started it was cancelled (its own deadline): ping ourselves within ours
    flight = flights[id(engine)] = _Flight()
    try:
        await anyio.to_thread.run_sync(ping, engine, limiter=_threads.get(), abandon_on_cancel=True)
        flight.outcome = True
    except Exception as exc:
        flight.outcome = exc
        raise
    finally:
        del flights[id(engine)]
        flight.done.set()


@router.get("/healthz", summary="Service and database health",
            responses={503: {"description": "The database did not answer in time"}})
async def healthz(request: Request) -> dict[str, str]:
    """Report that the service is up and the database answers within 2 s."""
    try:
        with anyio.fail_after(PING_TIMEOUT_S):
            await shared_ping(request.app.state.engine)
    except TimeoutError:
        raise ServiceUnavailable(f"the database did not answer within {PING_TIMEOUT_S:g} s") from None
    return {"status": "ok"}
