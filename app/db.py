"""Engine construction and the request-scoped unit of work."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import Depends, Request
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

from app.errors import CommitFailed

log = logging.getLogger("eventkb.db")


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, busy_timeout_ms: int = 30_000, pool_size: int = 5,
                pool_timeout_s: float = 30.0) -> Engine:
    """Build an engine; SQLite gets WAL, a busy timeout and enforced foreign keys.

    The pool holds exactly `pool_size` connections (no overflow): the server sizes it from its concurrency
    budget, so a request never waits for one; `pool_timeout_s` bounds the wait if something else holds them.
    """
    pool = {"pool_size": pool_size, "max_overflow": 0, "pool_timeout": pool_timeout_s}
    if is_sqlite(url):
        database = make_url(url).database
        memory = not database or database == ":memory:"
        if not memory:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
                               **({} if memory else pool))
        _configure_sqlite(engine, busy_timeout_ms)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool)


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # pysqlite's own transaction handling issues BEGIN lazily (deferred), so a reader that later
        # writes can deadlock on the write lock; we take control and begin IMMEDIATE on writes instead.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # Writers take the write lock up front so the busy timeout applies; a deferred transaction that
        # upgrades to a write after another commit fails at once with "database is locked".
        immediate = conn.get_execution_options().get("sqlite_begin") == "immediate"
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions take SQLite's write lock when they begin."""
    return engine.execution_options(sqlite_begin="immediate") if engine.dialect.name == "sqlite" else engine


# Any constant shared by every eventkb process; pg_advisory_xact_lock releases it at commit or rollback.
_WRITE_LOCK_KEY = 0x6576656E746B62  # "eventkb"


def lock_for_writing(session: Session) -> None:
    """Serialize knowledge-base writers until this transaction ends.

    Resolving actors and fusing events reads, then writes, rows that other documents share; two
    concurrent writers would both miss a row the other is adding. SQLite's BEGIN IMMEDIATE already
    serializes writers; PostgreSQL gets the same guarantee from a transaction-scoped advisory lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK_KEY})


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request: commit when the handler succeeds, roll back when it raises.

    Use it through `SessionDep`, which declares it with scope="function": FastAPI then runs the code after
    `yield` as soon as the endpoint returns and before the response is sent. So a 201 or 204 goes out only
    once its transaction committed, a failed commit reaches the client as an error, and the connection is
    back in the pool before the client hears anything (with the default request scope all of that would
    happen after the response, and a burst could hold every connection while waiting for a thread).

    `async def`: opening a Session does no I/O, so it needs no worker thread; the commit or rollback, which
    does, runs in one, and only when a transaction is still open. A read handler that ended its own
    transaction in its thread (`end_read`) costs no thread hop here at all (a sync generator would cost two,
    enter and exit, on every request).
    """
    engine = request.app.state.engine
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        engine = writer(engine)
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        if session.in_transaction():
            await anyio.to_thread.run_sync(_commit, session, request)
    except BaseException:
        if session.in_transaction():
            with anyio.CancelScope(shield=True):  # a client gone away must not leave the transaction open
                await anyio.to_thread.run_sync(_rollback, session)
        raise
    finally:
        # after a write, closing expunges every object the request loaded: in the thread above; here only
        # what is left of a read that ended its own transaction (a few rows, no I/O)
        session.close()


def _rollback(session: Session) -> None:
    session.rollback()
    session.close()


def _commit(session: Session, request: Request) -> None:
    try:
        session.commit()
        session.close()
    except OperationalError:
        raise  # busy, locked or unreachable database: a 503 worth retrying (app/errors.py)
    except Exception as exc:
        log.exception("commit failed on %s %s", request.method, request.url.path)
        raise CommitFailed("the request could not be committed; nothing was stored") from exc


def end_read(session: Session) -> None:
    """End a read-only request's transaction in the handler's own worker thread, so that `get_session` has
    nothing left to do on the event loop (a read commits nothing: this only releases the snapshot and the
    connection)."""
    session.commit()


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def session_factory(engine: Engine) -> Callable[[], Session]:
    """Short read sessions, e.g. one per batch of a streamed export (nothing is held between batches)."""
    return lambda: Session(engine, expire_on_commit=False)


def ping(engine: Engine) -> None:
    """One round trip to the database."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
