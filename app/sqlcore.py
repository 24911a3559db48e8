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

from sqlalchemy import ColumnElement, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Result
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal
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


class NoIndex(ColumnElement):
    """A column whose index SQLite must not drive the query with: `+column` on SQLite (the unary plus leaves the
    value as it is), the column itself elsewhere.

    Without statistics (a knowledge base that was never ANALYZEd, which is every one ingest builds), SQLite
    drives "events of these types naming these actors" from the event type index, reading every event of the
    type: O(knowledge base) per lookup. Driven from the actor instead (event_participant, evidence by actor),
    the same rows cost O(the actor's events). PostgreSQL plans from its statistics and gets the column as is.
    """

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]  # part of the statement cache key

    def __init__(self, column: Any) -> None:
        self.column = column
        self.type = column.type


def no_index(column: Any) -> NoIndex:
    return NoIndex(column)


@compiles(NoIndex)
def _no_index_default(element: NoIndex, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.column, **kw)


@compiles(NoIndex, "sqlite")
def _no_index_sqlite(element: NoIndex, compiler: Any, **kw: Any) -> str:
    return "+" + compiler.process(element.column, **kw)
