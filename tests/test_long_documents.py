"""A long document on a real server: reads and other writes go on while it is extracted, and SIGTERM stops it.

`eventkb serve` in a subprocess; a ~240 KB article (five segments) is posted, and while it is extracted a short
article is posted and reads are made. The short one must be stored before the long one's response, and reads
answer; then SIGTERM must end the process long before the long extraction could finish, storing nothing of it.
"""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.support.server import free_port, serve_process
from tests.support.shapes import prose

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
KEY = "long-documents-test-key"
SHORT = {"text": "The Kenyan foreign minister met the Norwegian envoy in Oslo on Monday.", "published": "2024-05-01"}


def test_a_long_extraction_starves_nothing_and_sigterm_stops_the_server(database_url, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(tmp_path / "server.log", "w") as log:
        proc = serve_process(database_url, port, log, cli=True, env={"EVENTKB_API_KEY": KEY})
        try:
            long_text = prose(240_000)
            # the model loads on the first POST
            with httpx.Client(base_url=base, timeout=30, headers={"X-API-Key": KEY}) as warm:
                assert warm.post("/api/v1/documents", json={"text": "Warm-up: the envoy met the minister."}
                                 ).status_code == 201
            outcome: dict = {}

            def post_long() -> None:
                try:
                    r = httpx.post(f"{base}/api/v1/documents", json={"text": long_text, "published": "2024-05-01"},
                                   timeout=600, headers={"X-API-Key": KEY})
                    outcome["status"], outcome["body"] = r.status_code, r.text[:300]
                except httpx.HTTPError as exc:  # the connection may close when the server exits
                    outcome["error"] = repr(exc)
                outcome["done_at"] = time.monotonic()

            long_post = threading.Thread(target=post_long)
            long_post.start()
            time.sleep(1.0)  # the long article is being extracted
            with httpx.Client(base_url=base, timeout=120, headers={"X-API-Key": KEY}) as c:
                assert c.get("/healthz").status_code == 200
                assert c.get("/api/v1/events").status_code == 200
                short = c.post("/api/v1/documents", json=SHORT)
                short_done = time.monotonic()
                assert short.status_code == 201, short.text
                assert c.get("/api/v1/documents").status_code == 200
            assert long_post.is_alive(), outcome  # the short article did not wait for the whole long one
            sent = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)  # grace 5 s; the long extraction alone would run far longer
            stopped_after = time.monotonic() - sent
            long_post.join(60)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert outcome["done_at"] > short_done
    assert outcome.get("status") in (None, 503), outcome  # 503 when it stopped within the grace period
    assert stopped_after < 15, stopped_after
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:  # the long article is not stored, not even in part; the short one is
        assert sorted(conn.execute(text("SELECT length(text) FROM document")).scalars()) == [
            len("Warm-up: the envoy met the minister."), len(SHORT["text"])]
    engine.dispose()
