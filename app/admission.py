"""Admission control: a bounded number of API requests run at once; the rest wait briefly, then get a 503.

Every admitted request uses at most one worker thread and one pooled connection at a time, and the thread
limiter and the pool are sized from the same budget (`Settings.max_concurrency`), so an admitted request never
waits for either. Without this bound a burst fills every worker thread with requests that wait for a connection
while the requests holding connections wait for a thread. Writes have a smaller budget of their own, so a burst
of slow extractions cannot take every slot from the reads.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

import anyio
from anyio.lowlevel import RunVar

from app.errors import PROBLEM_JSON, RETRY_AFTER_S

log = logging.getLogger("eventkb.admission")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
T = TypeVar("T")

_per_loop: RunVar[WeakKeyDictionary[Any, Any]] = RunVar("eventkb_per_loop")


class PerLoop(Generic[T]):
    """A value built once per event loop (anyio primitives belong to the loop that created them)."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self.factory = factory

    def get(self) -> T:
        try:
            values = _per_loop.get()
        except LookupError:
            values = WeakKeyDictionary()
            _per_loop.set(values)
        if self not in values:
            values[self] = self.factory()
        return values[self]


class Busy(Exception):
    """No slot became free within the queue timeout."""


class Admission:
    """Counting semaphores for requests and for writes, with a bounded wait."""

    def __init__(self, max_requests: int, max_writes: int, wait_s: float) -> None:
        self.max_requests, self.max_writes, self.wait_s = max_requests, max_writes, wait_s
        self._slots = PerLoop(lambda: (anyio.Semaphore(max_requests), anyio.Semaphore(max_writes)))

    @asynccontextmanager
    async def slot(self, *, write: bool) -> AsyncIterator[None]:
        """Hold a request slot (and a write slot for writes) while the body runs; Busy if none frees in time."""
        requests, writes = self._slots.get()
        needed = [writes, requests] if write else [requests]
        held: list[anyio.Semaphore] = []
        try:
            with anyio.move_on_after(self.wait_s):
                for semaphore in needed:
                    await semaphore.acquire()
                    held.append(semaphore)
            if len(held) < len(needed):
                raise Busy
            yield
        finally:
            for semaphore in reversed(held):
                semaphore.release()


class AdmissionMiddleware:
    """Pure ASGI: API requests (paths under `prefix`) run within an admission slot, or get 503 + Retry-After."""

    def __init__(self, app: Any, admission: Admission, prefix: str = "/api/") -> None:
        self.app, self.admission, self.prefix = app, admission, prefix

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        try:
            async with self.admission.slot(write=scope["method"] not in SAFE_METHODS):
                await self.app(scope, receive, send)
        except Busy:
            log.warning("saturated", extra={"method": scope["method"], "path": scope["path"],
                                            "waited_s": self.admission.wait_s})
            await _busy(send, self.admission.wait_s)


async def _busy(send: Any, waited_s: float) -> None:
    body = json.dumps({"type": "about:blank", "title": "Service Unavailable", "status": 503,
                       "detail": f"the server is at capacity; no slot freed within {waited_s:g} s, retry after "
                                 f"{RETRY_AFTER_S} s"}).encode()
    await send({"type": "http.response.start", "status": 503,
                "headers": [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode()),
                            (b"retry-after", str(RETRY_AFTER_S).encode())]})
    await send({"type": "http.response.body", "body": body})
