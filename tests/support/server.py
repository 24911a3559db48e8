"""Real servers for tests that need real sockets: uvicorn in a thread of this process, or in a child process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve `app` with uvicorn in a thread (same process, so monkeypatches apply); yields the base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def serve_process(database_url: str, port: int, log: IO[bytes], *, workers: int = 1,
                  env: dict[str, str] | None = None, cli: bool = False) -> subprocess.Popen:
    """`uvicorn app.main:create_app` (or, with `cli`, `eventkb serve` as deployed) in a child process on
    127.0.0.1:`port`, once /healthz answers."""
    full_env = {**os.environ, "EVENTKB_DATABASE_URL": database_url, "EVENTKB_LOG_LEVEL": "WARNING", **(env or {})}
    command = ["app.cli", "serve", "--port", str(port)] if cli else \
        ["uvicorn", "app.main:create_app", "--factory", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen([sys.executable, "-m", *command], cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL,
                            stderr=log)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
        if proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError("server did not start")
