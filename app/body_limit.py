"""Request bodies beyond a byte limit get a 413 problem+json that the client actually reads.

A server that answers while the client is still sending, then closes, leaves unread bytes in its socket: the
kernel resets the connection and most clients (urllib, requests, httpx) report "connection reset" instead of
the answer. So the body is read to its end (discarded past the limit, up to DRAIN_BYTES) before the 413 goes
out, whether it came with a Content-Length or chunked. Beyond DRAIN_BYTES the server stops reading and closes:
a client sending that much gets a reset, which bounds what a hostile client can make it read.
"""

from __future__ import annotations

import json
from typing import Any

from app.errors import PROBLEM_JSON

DRAIN_BYTES = 64 * 1024 * 1024
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class BodyLimitMiddleware:
    """Pure ASGI: read the body first (it is small by construction), then replay it to the app, or answer 413."""

    def __init__(self, app: Any, max_bytes: int, drain_bytes: int = DRAIN_BYTES) -> None:
        self.app, self.max_bytes, self.drain_bytes = app, max_bytes, max(drain_bytes, max_bytes)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.drain_bytes:
            await self._refuse(send, int(declared), drained=False)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            more = message.get("more_body", False)
            if size <= self.max_bytes:
                chunks.append(body)
            elif size > self.drain_bytes:
                await self._refuse(send, size, drained=False)
                return
            else:
                chunks.clear()  # past the limit: keep reading so the client finishes sending, keep nothing
        if size > self.max_bytes:
            await self._refuse(send, size, drained=True)
            return
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, send: Any, size: int, *, drained: bool) -> None:
        body = json.dumps({"type": "about:blank", "title": "Content Too Large", "status": 413,
                           "detail": f"request body of {size}{'' if drained else '+'} bytes exceeds the limit "
                                     f"of {self.max_bytes} bytes (set by EVENTKB_MAX_DOCUMENT_BYTES)"}).encode()
        headers = [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())]
        if not drained:
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, receive: Any) -> Any:
    """An ASGI receive that hands the buffered body over once, then defers to the real one (disconnects)."""
    sent = False

    async def replay() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
