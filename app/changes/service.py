"""The change feed: one small API (`record`) every writer calls, and the page a client syncs from.

A change row is written in the transaction that makes the change, so a rollback leaves no trace. Its `seq`
comes from a sequence that only grows and is allocated under the knowledge-base write lock (`record` takes it
before the first row of a transaction: BEGIN IMMEDIATE on SQLite, a transaction-scoped advisory lock on
PostgreSQL), which every writer holds until it commits: so sequence order is commit order, and a reader that
has seen seq n never later finds a committed row below n.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from sqlalchemy import bindparam, delete, exists, select, text
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.db import lock_for_writing
from app.models import Change
from app.models.base import utcnow
from app.pagination import decode_cursor, encode_cursor
from app.sqlcore import insert_rows

KINDS = ("document", "event", "actor", "statement")
OPS = ("created", "updated", "deleted", "merged")
_STATE = "eventkb.changes"  # session.info: (the transaction, what it recorded already)


def _recorded(session: Session) -> dict[tuple[str, int], str]:
    """(kind, id) -> the last op this transaction recorded for it (a new transaction starts empty, and takes the
    write lock)."""
    session.connection()  # begins the transaction if it has not begun
    txn = session.get_transaction()
    state = session.info.get(_STATE)
    if state is None or state[0] is not txn:
        lock_for_writing(session)  # before the first seq of this transaction: seq order = commit order
        state = session.info[_STATE] = (txn, {})
    return state[1]


# op -> the last ops of the same entity in this transaction that make it redundant. Only the last op counts:
# SQLite may give a deleted row's id to a new row in the same transaction, and that row's changes must show.
_REDUNDANT = {"created": {"created"}, "updated": {"created", "updated"}, "deleted": {"deleted", "merged"},
              "merged": {"deleted", "merged"}}


def record(session: Session, kind: str, ids: int | Iterable[int], op: str, into: int | None = None) -> None:
    """Note that entities of `kind` were created, updated, deleted or merged (`into` the survivor), in the
    current transaction. Redundant rows are dropped: an entity created here needs no "updated" row, one merged
    away no "deleted" row."""
    assert kind in KINDS and op in OPS, (kind, op)
    last = _recorded(session)
    rows = []
    for entity_id in sorted({ids} if isinstance(ids, int) else set(ids)):
        if entity_id is None or last.get((kind, entity_id)) in _REDUNDANT[op]:
            continue
        last[(kind, entity_id)] = op
        rows.append({"kind": kind, "entity_id": entity_id, "op": op, "into_id": into, "at": utcnow()})
    if rows:
        insert_rows(session, Change.__table__, rows)


def changes_page(session: Session, cursor: str | None, limit: int, kinds: list[str] | None = None) -> dict[str, Any]:
    """Changes after the cursor in commit order; `next_cursor` is where to resume, even when nothing is left."""
    after = decode_cursor(cursor, "changes", (int,))
    last = after[0] if after else 0
    if last < 0:
        from app.errors import InvalidParameter

        raise InvalidParameter("cursor", "not a cursor this feed issued (negative position)")
    # One JSON object per change, written by the database: a sync loop reads pages of hundreds, and reading each
    # row into Python values (the `at` column's type conversion included) cost more than the query; the router
    # embeds the objects as they are (app/inline.py; tests/api/test_inline.py checks them against ChangesPage)
    params: dict[str, Any] = {"last": last, "limit": limit + 1}
    if kinds:
        params["kinds"] = list(kinds)
    dialect = session.get_bind().dialect.name
    rows = session.connection().execute(_page_statement(dialect, bool(kinds)), params).all()
    more = len(rows) > limit
    rows = rows[:limit]
    if rows:
        last = rows[-1][0]
    items = orjson.Fragment(b"[" + b",".join(obj.encode() for _, obj in rows) + b"]")
    return {"items": items, "next_cursor": encode_cursor("changes", [last]), "has_more": more}


# `at` as the API writes a UTC time everywhere (ISO 8601, `T`, microseconds unless zero, `Z`): SQLite holds the
# naive UTC text SQLAlchemy stores, PostgreSQL a timestamptz
_AT = {"sqlite": "replace(replace(c.at, ' ', 'T'), '.000000', '') || 'Z'",
       "postgresql": "replace(to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '.000000', '') || 'Z'"}
_OBJECT = {"sqlite": "json_object", "postgresql": "json_build_object"}
_STATEMENTS: dict[tuple[str, bool], Any] = {}


def _page_statement(dialect: str, of_kinds: bool) -> Any:
    """(seq, the change as JSON text) after :last in feed order, :limit rows; built once per backend and shape."""
    key = (dialect, of_kinds)
    if key not in _STATEMENTS:
        obj = (f"{_OBJECT[dialect]}('seq', c.seq, 'kind', c.kind, 'id', c.entity_id, 'op', c.op, "
               f"'into', c.into_id, 'at', {_AT[dialect]})")
        cast = "::text" if dialect == "postgresql" else ""
        where = "c.seq > :last" + (" AND c.kind IN :kinds" if of_kinds else "")
        stmt = text(f"SELECT c.seq, {obj}{cast} FROM {Change.__tablename__} c WHERE {where} "
                    "ORDER BY c.seq LIMIT :limit")
        if of_kinds:
            stmt = stmt.bindparams(bindparam("kinds", expanding=True))
        _STATEMENTS[key] = stmt
    return _STATEMENTS[key]


def compact(session: Session) -> int:
    """Drop every change a later change of the same entity supersedes; returns how many rows went.

    Replaying from the start still gives the current knowledge base, and a client resuming from any cursor still
    converges: what it would have read and is gone was followed by a later change of the same entity that it
    will read. Deletions and merges stay (one row per entity that is gone). Flushes, never commits."""
    later = aliased(Change)
    superseded = exists(select(later.seq).where(later.kind == Change.kind, later.entity_id == Change.entity_id,
                                                later.seq > Change.seq))
    result = session.execute(delete(Change).where(superseded))
    session.flush()
    return int(result.rowcount or 0)
