"""Aggregations for dashboards: event counts per period and per type, under the /events filters."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from app.events.dependencies import EventScope
from app.events.service import event_lister
from app.filters import Filters
from app.ingest.derived import ACTOR_BUCKETS
from app.listing import actor_ids
from app.models import ActorEventCount, Event, EventCount


def _period(dialect: str, bucket: str):
    col = Event.date_start
    if dialect == "postgresql":
        if bucket == "week":
            return func.to_char(func.date_trunc("week", col), "YYYY-MM-DD")
        return func.to_char(col, {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}[bucket])
    if bucket == "week":
        return func.date(col, "weekday 0", "-6 days")
    # SQLite stores dates as ISO text: a prefix is the period, and substr is ~2x cheaper than strftime (bench/)
    return func.substr(col, 1, {"day": 10, "month": 7, "year": 4}[bucket])


def timeline(session: Session, f: Filters, types: list[str], bucket: str,
             scope: EventScope | None = None) -> dict[str, Any]:
    """Counts of matching events per period (oldest first) and per type within each period."""
    one = _one_actor(session, f, bucket, scope)
    if not (f.start or f.end or f.actors or f.source or f.document or f.q or scope):
        rows = _rollup(session, types, bucket)  # O(periods): event_count, kept by ingest and delete
    elif one is not None:
        rows = _actor_rollup(session, one, types, bucket)  # O(periods): actor_event_count, kept the same way
    else:
        rows = _scan(session, f, types, bucket, scope)
        if rows is None:
            return {"bucket": bucket, "total": 0, "items": []}
    buckets: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for p, kind, n in rows:
        b = buckets.setdefault(str(p), {"period": str(p), "count": 0, "by_type": {}})
        b["count"] += n
        b["by_type"][kind] = n
    items = list(buckets.values())
    return {"bucket": bucket, "total": sum(b["count"] for b in items), "items": items}


def _rollup(session: Session, types: list[str], bucket: str) -> list[tuple[str, str, int]]:
    stmt = (select(EventCount.period, EventCount.type, EventCount.n)
            .where(EventCount.bucket == bucket, EventCount.n > 0)
            .order_by(EventCount.period, EventCount.type))
    if types:
        stmt = stmt.where(EventCount.type.in_([t.upper() for t in types]))
    return [tuple(r) for r in session.exec(stmt).all()]


def _one_actor(session: Session, f: Filters, bucket: str, scope: EventScope | None) -> int | None:
    """The actor when the timeline is one actor's (any role) and nothing else, at a bucket the rollup keeps;
    a name that several actors share is counted from the events (an event of two of them counts once)."""
    if len(f.actors) != 1 or bucket not in ACTOR_BUCKETS or f.role or f.start or f.end or f.source or f.document \
            or f.q or scope:
        return None
    ids = actor_ids(session, f.actors[0])
    return next(iter(ids)) if len(ids) == 1 else None


def _actor_rollup(session: Session, actor_id: int, types: list[str], bucket: str) -> list[tuple[str, str, int]]:
    A = ActorEventCount
    stmt = (select(A.period, A.type, A.n).where(A.actor_id == actor_id, A.bucket == bucket, A.n > 0)
            .order_by(A.period, A.type))
    if types:
        stmt = stmt.where(A.type.in_([t.upper() for t in types]))
    return [tuple(r) for r in session.exec(stmt).all()]


def _scan(session: Session, f: Filters, types: list[str], bucket: str,
          scope: EventScope | None = None) -> list[tuple[str, str, int]] | None:
    lister = event_lister(session, f, types, scope)
    if lister.empty:
        return None
    period = _period(session.get_bind().dialect.name, bucket).label("period")
    if lister.ids is not None:
        # base rows are distinct (event_id, date) of participants: count each event once
        stmt = select(period, Event.type, func.count()).where(Event.id.in_(lister.ids))
    else:
        stmt = lister.base.with_only_columns(period, Event.type, func.count())
    stmt = stmt.where(Event.date_start.is_not(None)).group_by(period, Event.type).order_by(period, Event.type)
    return [tuple(r) for r in session.exec(stmt).all()]
