"""Where the response cache's check belongs: the in-process cost of a repeat GET answered from the cache by the
pure ASGI middleware (app/response_cache.py) against the same check as a FastAPI dependency, and against no
cache at all. ASGI calls straight into the app, no HTTP: what differs is only the path through the application.

python -m bench.response_cache_paths --events 100000

The dependency variant is what the middleware would be as a router dependency: routing, the read-key dependency,
a dependency reading the generation and raising the stored response, the exception handler sending it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from app import response_cache as rc
from app.config import Settings
from app.generation import read_generation
from app.main import API_PREFIX, create_app
from app.security import require_read_key
from bench.query_bench import WORK

PATH, QUERY = "/events", b"type=CONSULT&start=2020-03&end=2020-03"


class _Stored(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


def _app(database_url: str, mode: str) -> Any:
    settings = Settings(database_url=database_url, _env_file=None, allow_anonymous_writes=True, log_level="WARNING",
                        response_cache_mb=64 if mode == "middleware" else 0, allowed_hosts=["*"])
    app = create_app(settings)
    if mode == "dependency":
        store = app.state.dependency_store = rc.ResponseStore(64 << 20)

        async def stored(request: Request) -> None:
            generation = read_generation(request.app.state.engine)  # on the loop, as the middleware does on SQLite
            key = (request.url.path, rc.canonical_query(request.scope["query_string"]), request.headers.get("accept"))
            entry = store.get(key, generation)
            if entry is not None:
                raise _Stored(Response(entry.body, headers={k.decode(): v.decode() for k, v in entry.headers}))

        router = APIRouter(prefix="/cached", dependencies=[Depends(require_read_key), Depends(stored)])
        router.get(PATH)(lambda: {})  # never reached once stored
        app.include_router(router, prefix=API_PREFIX)
        app.add_exception_handler(_Stored, lambda request, exc: exc.response)
    return app


async def _get(app: Any, path: str) -> list[dict]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    await app({"type": "http", "method": "GET", "path": path, "raw_path": path.encode(), "query_string": QUERY,
               "headers": [(b"host", b"localhost"), (b"accept", b"*/*")], "scheme": "http", "root_path": "",
               "server": ("localhost", 80), "client": ("127.0.0.1", 1), "http_version": "1.1",
               "asgi": {"version": "3.0"}}, receive, send)
    return sent


async def measure(database_url: str, mode: str, n: int = 400, repeats: int = 5) -> float:
    """Median microseconds per repeat request."""
    app = _app(database_url, mode)
    async with app.router.lifespan_context(app):
        path = API_PREFIX + PATH
        if mode == "dependency":
            start, body = await _get(app, path)
            generation = read_generation(app.state.engine)
            path = API_PREFIX + "/cached" + PATH
            key = (path, rc.canonical_query(QUERY), "*/*")
            app.state.dependency_store.get(key, generation)
            app.state.dependency_store.put(key, rc.Entry(generation, 200, start["headers"], body["body"]))
        for _ in range(50):
            await _get(app, path)
        runs = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            for _ in range(n):
                sent = await _get(app, path)
            runs.append((time.perf_counter() - t0) / n * 1e6)
        assert sent[0]["status"] == 200, sent[0]
    return round(statistics.median(runs), 1)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000, help="the bench KB bench.generate built")
    args = ap.parse_args(argv)
    url = f"sqlite:///{WORK / f'kb_{args.events}.db'}"
    for mode in ("middleware", "dependency", "none"):
        print(f"{mode:10s} {asyncio.run(measure(url, mode)):8.1f} us per repeat request")


if __name__ == "__main__":
    main()
