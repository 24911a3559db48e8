"""/healthz pings the database once for all the requests that arrive while a ping is in flight."""

from __future__ import annotations

import threading
import time

import anyio

from app.health import router as health


class Pings:
    """A stand-in for app.db.ping that counts calls and takes `seconds`, or raises `error`."""

    def __init__(self, seconds: float = 0.05, error: Exception | None = None) -> None:
        self.seconds, self.error, self.calls = seconds, error, 0
        self.lock = threading.Lock()

    def __call__(self, engine) -> None:
        with self.lock:
            self.calls += 1
        time.sleep(self.seconds)
        if self.error:
            raise self.error


def run_together(n: int, engine: object) -> list:
    outcomes: list = []

    async def one() -> None:
        try:
            await health.shared_ping(engine)
            outcomes.append("ok")
        except Exception as exc:
            outcomes.append(exc)

    async def main() -> None:
        async with anyio.create_task_group() as tg:
            for _ in range(n):
                tg.start_soon(one)

    anyio.run(main)
    return outcomes


def test_requests_during_a_ping_share_it(monkeypatch):
    pings = Pings()
    monkeypatch.setattr(health, "ping", pings)
    assert run_together(30, object()) == ["ok"] * 30
    assert pings.calls == 1


def test_a_ping_after_the_last_one_ended_is_a_new_one(monkeypatch):
    pings = Pings(seconds=0)
    monkeypatch.setattr(health, "ping", pings)
    engine = object()
    run_together(1, engine)
    run_together(1, engine)
    assert pings.calls == 2


def test_each_engine_is_pinged_for_itself(monkeypatch):
    pings = Pings()
    monkeypatch.setattr(health, "ping", pings)

    async def main() -> None:
        async with anyio.create_task_group() as tg:
            for engine in (object(), object()):
                tg.start_soon(health.shared_ping, engine)

    anyio.run(main)
    assert pings.calls == 2


def test_a_failed_ping_fails_every_request_that_shared_it(monkeypatch):
    pings = Pings(error=RuntimeError("database gone"))
    monkeypatch.setattr(health, "ping", pings)
    outcomes = run_together(5, object())
    assert pings.calls == 1 and len(outcomes) == 5
    assert all(isinstance(o, RuntimeError) and str(o) == "database gone" for o in outcomes)


def test_a_request_whose_ping_timed_out_leaves_the_others_their_own(monkeypatch):
    """The first request's deadline cancels its ping; a request still waiting pings again within its own."""
    pings = Pings(seconds=0.2)
    monkeypatch.setattr(health, "ping", pings)
    engine, outcomes = object(), []

    async def first() -> None:
        with anyio.move_on_after(0.05):
            await health.shared_ping(engine)
            outcomes.append("first answered")

    async def second() -> None:
        await anyio.sleep(0.01)
        await health.shared_ping(engine)
        outcomes.append("second answered")

    async def main() -> None:
        async with anyio.create_task_group() as tg:
            tg.start_soon(first)
            tg.start_soon(second)

    anyio.run(main)
    assert outcomes == ["second answered"] and pings.calls == 2


def test_healthz_answers_503_when_the_ping_does_not_return(client, monkeypatch):
    monkeypatch.setattr(health, "PING_TIMEOUT_S", 0.1)
    monkeypatch.setattr(health, "ping", Pings(seconds=0.5))
    r = client.get("/healthz")
    assert r.status_code == 503 and r.headers["content-type"] == "application/problem+json"
    assert "did not answer" in r.json()["detail"]
