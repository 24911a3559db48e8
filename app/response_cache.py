"""Conditional GETs and a per-process cache of rendered responses, both keyed on the knowledge base's generation.

Dashboards poll the same list URLs over and over. For a GET under /api/v1 this pure ASGI middleware reads the
generation (app/generation.py: one indexed query in a transaction of its own, so it sees every commit made
before the request, in any process) and derives the weak ETag from it and the request's key: the path, the
query parameters (in a canonical order), the Accept header (it chooses JSON or an export). Then:

- `If-None-Match` naming that ETag: 304, without running the route at all;
- a stored 200 of this key at this generation: its bytes, without routing, dependencies, SQL or serialization;
- otherwise the route runs; a 200 JSON response of known length gets the ETag, `Cache-Control: no-cache` (every
  reuse is validated here) and `Vary: Accept`, and is stored. Streams (CSV, NDJSON, GeoJSON), errors
  (problem+json) and every other status pass through untouched.

The generation is read *before* the route runs: a write committed in between makes the stored body newer than
its tag, never older, and any later request reads the newer generation and misses. Nothing a 200 says depends on
anything else: no response reads the clock (relative dates are resolved at extraction, not at query time), and a
read key decides only whether a request is answered, which is checked here as the route checks it, before
anything is served. /changes is left out: compacting the feed rewrites its pages without a new change, and a
page of it is already an indexed range read no dearer than reading the generation.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from app.generation import Generation, code_fingerprint, current_generation
from app.security import may_read

log = logging.getLogger("eventkb.response_cache")
EXCLUDED = ("changes",)  # resources under the prefix left out, see the module docstring
_ENTRY_OVERHEAD = 256  # bytes an entry costs beyond its body and headers (key, tuple, dict slot), roughly


@dataclass(frozen=True, slots=True)
class Entry:
    """One rendered response, as the ASGI messages that sent it."""

    generation: Generation
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + _ENTRY_OVERHEAD


class ResponseStore:
    """A least-recently-used map of rendered responses, bounded in bytes, holding one generation at a time.

    Seeing another generation empties it: every entry is then stale (a write committed) or the reader is late
    (it read the generation just before a commit), and either way the store starts again. A lock guards it:
    one process may run several event loops (tests), and it costs nothing uncontended.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        # one response larger than this would evict most of the others for one key
        self.max_entry_bytes = max_bytes // 8
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._size = 0
        self._generation: Generation | None = None
        self._lock = threading.Lock()

    def get(self, key: tuple, generation: Generation) -> Entry | None:
        with self._lock:
            self._observe(generation)
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: Entry) -> None:
        size = entry.size
        if size > self.max_entry_bytes:
            return
        with self._lock:
            if entry.generation != self._generation:
                return  # rendered under a generation the store has moved on from
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= old.size
            self._entries[key] = entry
            self._size += size
            while self._size > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._size -= evicted.size

    def _observe(self, generation: Generation) -> None:
        if generation != self._generation:
            self._entries.clear()
            self._size = 0
            self._generation = generation

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        return self._size


def canonical_query(query_string: bytes) -> tuple[tuple[str, str], ...]:
    """The query parameters as the routes read them (Starlette's parsing), ordered by name. The sort is stable:
    the values of a repeated parameter keep their order, which a route may depend on (the last one wins)."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    return tuple(sorted(pairs, key=lambda kv: kv[0]))


def make_etag(generation: Generation, key: tuple) -> bytes:
    digest = hashlib.blake2b(repr((code_fingerprint(), generation, key)).encode(), digest_size=12).hexdigest()
    return f'W/"{digest}"'.encode()


def etag_listed(if_none_match: str, etag: bytes) -> bool:
    """Whether `If-None-Match` lists the ETag, by weak comparison (RFC 9110 13.1.2). `*` is not honoured: it
    would need the route to run to know whether there is a representation, and a 200 is always a safe answer."""
    opaque = etag.decode().removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in if_none_match.split(","))


def _validators(etag: bytes, headers: list[tuple[bytes, bytes]] = ()) -> list[tuple[bytes, bytes]]:
    """`headers` with the ETag, `Cache-Control: no-cache` unless the route set its own, and Accept in Vary."""
    out = [(k, v) for k, v in headers if k != b"etag"]
    out.append((b"etag", etag))
    names = {k for k, _ in out}
    if b"cache-control" not in names:
        out.append((b"cache-control", b"no-cache"))
    if b"vary" in names:
        out = [(k, v + b", Accept" if k == b"vary" and b"accept" not in v.lower() else v) for k, v in out]
    else:
        out.append((b"vary", b"Accept"))
    return out


def _cacheable(start: dict) -> bool:
    """A 200 JSON response sent whole (its length known up front), not a stream or an error."""
    if start["status"] != 200:
        return False
    headers = dict(start.get("headers") or [])
    media = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
    return media == b"application/json" and b"content-length" in headers


class ResponseCacheMiddleware:
    """Pure ASGI, innermost: conditional GETs and stored responses for the API's JSON reads (module docstring)."""

    def __init__(self, app: Any, store: ResponseStore, prefix: str) -> None:
        self.app, self.store, self.prefix = app, store, prefix
        self.excluded = tuple(prefix + name for name in EXCLUDED)
        code_fingerprint()  # read the sources now, not in the first request

    def applies(self, scope: dict) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        path = scope["path"]
        return path.startswith(self.prefix) and not any(
            path == x or path.startswith(x + "/") for x in self.excluded)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if not self.applies(scope):
            await self.app(scope, receive, send)
            return
        accept = if_none_match = api_key = None
        for name, value in scope["headers"]:
            if name == b"accept" and accept is None:  # the first, as the routes read it
                accept = value.decode("latin-1")
            elif name == b"if-none-match":  # several fields are one list (RFC 9110 5.3)
                if_none_match = value.decode("latin-1") + ("," + if_none_match if if_none_match else "")
            elif name == b"x-api-key" and api_key is None:
                api_key = value.decode("latin-1")
        state = scope["app"].state
        if not may_read(state, api_key):
            await self.app(scope, receive, send)  # the route answers the 401, and nothing is stored
            return
        try:
            generation = await current_generation(state.engine)
        except Exception as exc:  # the route meets the same database and reports it (503) in its own words
            log.debug("generation unavailable, serving uncached: %s", exc)
            await self.app(scope, receive, send)
            return
        key = (scope["path"], canonical_query(scope["query_string"]), accept)
        etag = make_etag(generation, key)
        if if_none_match and etag_listed(if_none_match, etag):
            await send({"type": "http.response.start", "status": 304, "headers": _validators(etag)})
            await send({"type": "http.response.body", "body": b""})
            return
        entry = self.store.get(key, generation)
        if entry is not None:
            await send({"type": "http.response.start", "status": entry.status, "headers": entry.headers})
            await send({"type": "http.response.body", "body": entry.body})
            return
        await self.app(scope, receive, self._storing(send, key, generation, etag))

    def _storing(self, send: Any, key: tuple, generation: Generation, etag: bytes) -> Any:
        """`send`, adding the validators to a cacheable response and storing it once its body is complete."""
        kept: dict[str, Any] = {}

        async def storing(message: dict) -> None:
            if message["type"] == "http.response.start" and _cacheable(message):
                message = {**message, "headers": _validators(etag, list(message.get("headers") or []))}
                kept.update(status=message["status"], headers=message["headers"], body=[])
            elif message["type"] == "http.response.body" and kept:
                kept["body"].append(message.get("body", b""))
                if not message.get("more_body", False):
                    self.store.put(key, Entry(generation, kept["status"], kept["headers"], b"".join(kept["body"])))
            await send(message)

        return storing
