"""Core statements on a session's connection, for the writer's per-document queries and inserts.

Ingest runs ~170 statements per document. Through the ORM (`session.exec(select(...))`, `session.execute(
insert(Model), rows)`) each one costs ~0.5-1 ms of Python to build, key, compile-cache and hydrate, which was
most of the writer's time; a statement built once at import and run on the connection costs ~0.1 ms. These
helpers keep the ORM's one guarantee that matters here: pending changes are flushed first (what autoflush does),
so a query sees everything the session wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Result
from sqlmodel import Session


def run(session: Session, stmt: Any, params: dict[str, Any] | list[dict[str, Any]] | None = None) -> Result:
    """Execute a Core statement on the session's connection, after flushing what the session holds."""
    session.flush()  # returns at once when nothing is pending
    return session.connection().execute(stmt, params)


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """One executemany insert (every row with the same keys), in the session's transaction."""
    if rows:
        run(session, table.insert(), list(rows))


_UPSERTS: dict[tuple, Any] = {}


def upsert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]], keys: Sequence[str],
                set_: Callable[[Any], dict], name: str) -> None:
    """INSERT ... ON CONFLICT (keys) DO UPDATE, one executemany; the statement is built once per dialect and
    `name` (rows must not repeat a key: the result is then the one a multi-row VALUES statement gives)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    stmt = _UPSERTS.get((dialect, name))
    if stmt is None:
        ins = (postgresql if dialect == "postgresql" else sqlite).insert(table)
        stmt = _UPSERTS[(dialect, name)] = ins.on_conflict_do_update(index_elements=list(keys),
                                                                     set_=set_(ins.excluded))
    run(session, stmt, list(rows))
