"""What ingest and delete keep in step with the fused events, so reads need not scan them (bench/README.md):
participant date copies, the events-per-period rollups (event_count; actor_event_count per actor), the event
max-span bound (kb_counter) and the actors named by cast-less events' articles (event_named).

actor_event_count counts, for each event with a date, every actor with a *dated* participant row: rows carry
copies of their event's dates, so the dated rows of an event are exactly what the rollup counted for it under
its previous (date, type). Rows a matched event gains are written undated and counted when refresh_event dates
them; clear_extraction uncounts the events it touches and undates their rows before removing any
(uncount_events), so the refresh that follows counts what remains."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, select, update
from sqlmodel import Session

from app.ingest.accounts import ACCOUNT_KIND
from app.models import (
    ActorEventCount,
    Event,
    EventCount,
    EventNamed,
    EventParticipant,
    EventReport,
    Evidence,
    KbCounter,
)
from app.sqlcore import run, upsert_rows

MAX_SPAN = "event_max_span_days"
BUCKETS = ("day", "week", "month", "year")
ACTOR_BUCKETS = ("month", "year")  # app.models.stats.ActorEventCount says why not day and week
# (date_start, date_end, type) of an event as the rollup last counted it; None = not counted (no row or no date)
EventKey = tuple[date | None, date | None, str] | None


def periods(d: date) -> dict[str, str]:
    """The timeline labels of a day: weeks start on Monday (SQLite `weekday 0, -6 days`, PostgreSQL date_trunc)."""
    iso = d.isoformat()
    return {"day": iso, "week": (d - timedelta(days=d.weekday())).isoformat(), "month": iso[:7], "year": iso[:4]}


def event_key(event: Event | None) -> EventKey:
    return None if event is None else (event.date_start, event.date_end, event.type)


def _upsert(session: Session, table: Any, values: list[dict], keys: list[str], set_: Any, name: str) -> None:
    upsert_rows(session, table, values, keys, set_, name)


def _tally(counts: Counter, day: date, kind: str, n: int) -> None:
    """Add n events of `kind` on `day` to every timeline bucket's period."""
    for bucket, period in periods(day).items():
        counts[(bucket, period, kind)] += n


def _bump_many(session: Session, deltas: Counter) -> None:
    """One upsert for many period counts (keys unique: PostgreSQL refuses to update a row twice in a statement)."""
    table = EventCount.__table__
    rows = [{"bucket": b, "period": p, "type": kind, "n": n} for (b, p, kind), n in sorted(deltas.items()) if n]
    if not rows:
        return
    _upsert(session, table, rows, ["bucket", "period", "type"], lambda ex: {"n": table.c.n + ex.n}, "event_count+n")


def _tally_actor(counts: Counter, actor_id: int, day: date, kind: str, n: int) -> None:
    labels = periods(day)
    for bucket in ACTOR_BUCKETS:
        counts[(actor_id, bucket, labels[bucket], kind)] += n


def _bump_actors(session: Session, deltas: Counter) -> None:
    """One upsert for many per-actor period counts."""
    table = ActorEventCount.__table__
    rows = [{"actor_id": a, "bucket": b, "period": p, "type": kind, "n": n}
            for (a, b, p, kind), n in sorted(deltas.items()) if n]
    if rows:
        _upsert(session, table, rows, ["actor_id", "bucket", "period", "type"], lambda ex: {"n": table.c.n + ex.n},
                "actor_event_count+n")


_CAST = (select(EventParticipant.event_id, EventParticipant.actor_id, func.max(EventParticipant.date_start))
         .where(EventParticipant.event_id.in_(bindparam("ids", expanding=True)))
         .group_by(EventParticipant.event_id, EventParticipant.actor_id))  # built once (app/sqlcore.py says why)


def _cast(session: Session, event_ids: list[int]) -> list[tuple[int, int, bool]]:
    """(event, actor, counted) per distinct event and actor: counted when the actor has a dated row."""
    return [(e, a, d is not None) for e, a, d in run(session, _CAST, {"ids": sorted(event_ids)}).all()]


def cast_of(session: Session, event_ids: list[int]) -> dict[int, list[tuple[int, int, bool]]]:
    """`_cast` of many events in one query, by event (those without participants are absent)."""
    found: dict[int, list[tuple[int, int, bool]]] = {}
    for row in _cast(session, event_ids) if event_ids else []:
        found.setdefault(row[0], []).append(row)
    return found


def uncount_events(session: Session, event_ids: list[int]) -> None:
    """Take these events out of the per-actor rollup and undate their participant rows, before rows of theirs
    are removed (the refresh that follows counts what remains). Flushes only."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    keys = {i: (d, t) for i, d, t in session.execute(select(Event.id, Event.date_start, Event.type)
                                                     .where(Event.id.in_(ids))).all()}
    deltas: Counter = Counter()
    for event_id, actor_id, counted in _cast(session, ids):
        start, kind = keys.get(event_id, (None, None))
        if counted and start is not None:
            _tally_actor(deltas, actor_id, start, kind, -1)
    _bump_actors(session, deltas)
    session.execute(update(EventParticipant).where(EventParticipant.event_id.in_(ids))
                    .values(date_start=None, date_end=None).execution_options(synchronize_session=False))


def note_span(session: Session, start: date | None, end: date | None) -> None:
    """Raise the stored max span to cover [start, end] (never lowered: a loose bound only costs a little speed)."""
    if start is None or end is None:
        return
    span = (end - start).days
    table = KbCounter.__table__
    # one statement, no read: GREATEST/MAX of the stored and the new span
    _upsert(session, table, [{"name": MAX_SPAN, "value": span}], ["name"],
            lambda ex: {"value": _greatest(session, table.c.value, ex.value)}, "kb_counter max")


def _greatest(session: Session, a: Any, b: Any) -> Any:
    return func.greatest(a, b) if session.get_bind().dialect.name == "postgresql" else func.max(a, b)


def event_changed(session: Session, event_id: int, before: EventKey, after: EventKey,
                  cast: list[tuple[int, int, bool]] | None = None) -> None:
    """Bring the derived rows in step after refresh_event set (after) or deleted (None) the event. `cast`: its
    `_cast`, when read beforehand with other events' (`cast_of`)."""
    old = (before[0], before[2]) if before and before[0] is not None else None
    new = (after[0], after[2]) if after and after[0] is not None else None
    cast = _cast(session, [event_id]) if cast is None else cast
    actor_deltas: Counter = Counter()
    for _, actor_id, counted in cast:
        if old and counted:
            _tally_actor(actor_deltas, actor_id, old[0], old[1], -1)
        if new:
            _tally_actor(actor_deltas, actor_id, new[0], new[1], +1)
    _bump_actors(session, actor_deltas)  # the same cast under the same key cancels out
    if old != new:
        deltas: Counter = Counter()
        if old:
            _tally(deltas, old[0], old[1], -1)
        if new:
            _tally(deltas, new[0], new[1], +1)
        _bump_many(session, deltas)  # one upsert; a move within a period cancels out
    if after is not None:
        if after != before:
            note_span(session, after[0], after[1])
        # always: participants this refresh follows (add_report) were written without dates
        _participant_dates(session, event_id, after)


def events_created(session: Session, events: list[Event]) -> None:
    """event_changed(None -> event) for a batch of new events whose participants were inserted already dated."""
    deltas: Counter = Counter()
    for event in events:
        if event.date_start is not None:
            _tally(deltas, event.date_start, event.type, 1)
    _bump_many(session, deltas)
    dated = {e.id: e for e in events if e.date_start is not None}
    actor_deltas: Counter = Counter()
    for event_id, actor_id, _ in _cast(session, sorted(dated)) if dated else []:
        _tally_actor(actor_deltas, actor_id, dated[event_id].date_start, dated[event_id].type, 1)
    _bump_actors(session, actor_deltas)
    spans = [(e.date_start, e.date_end) for e in events if e.date_start is not None and e.date_end is not None]
    if spans:
        start, end = max(spans, key=lambda se: (se[1] - se[0]).days)
        note_span(session, start, end)
    name_castless(session, [e.id for e in events])


_PARTICIPANT_DATES = (update(EventParticipant.__table__).where(EventParticipant.event_id == bindparam("event"))
                      .values(date_start=bindparam("start_"), date_end=bindparam("end_")))


def _participant_dates(session: Session, event_id: int, key: tuple) -> None:
    run(session, _PARTICIPANT_DATES, {"event": event_id, "start_": key[0], "end_": key[1]})


def max_span_days(session: Session) -> int | None:
    """The stored bound, or None when unknown (then no lower bound is applied)."""
    # Core, not the ORM, and built once: every dated list reads it, and the writer once per candidate lookup
    return session.connection().execute(_MAX_SPAN).scalar()


_MAX_SPAN = select(KbCounter.value).where(KbCounter.name == MAX_SPAN)


_IDS = bindparam("ids", expanding=True)
_NAMED_ROWS = (select(Event.id, Evidence.actor_id, Event.type, Event.date_start, Event.date_end).distinct()
               .join(EventReport, EventReport.event_id == Event.id)
               .join(Evidence, and_(Evidence.document_id == EventReport.document_id, Evidence.kind == ACCOUNT_KIND,
                                    Evidence.actor_id.is_not(None)))
               .where(~select(EventParticipant.id).where(EventParticipant.event_id == Event.id).exists()))
_NAMED_COLUMNS = ["event_id", "actor_id", "type", "date_start", "date_end"]  # as _NAMED_ROWS selects them
_NAME = insert(EventNamed).from_select(_NAMED_COLUMNS, _NAMED_ROWS.where(Event.id.in_(_IDS)))
_UNNAME = delete(EventNamed).where(EventNamed.event_id.in_(_IDS))


def name_castless(session: Session, event_ids: list[int]) -> None:
    """Rewrite the event_named rows of these events from what is stored now: for each one without participants,
    the actors its reports' documents name, with its type and dates; none for the others or the deleted. Called
    wherever an event's reports, cast or dates may have changed (refresh_events, events_created): the documents'
    account evidence is written before their events and removed only with their reports. Flushes only."""
    ids = sorted(set(event_ids))
    if ids:
        run(session, _UNNAME, {"ids": ids})
        run(session, _NAME, {"ids": ids})


def rebuild(session: Session, participants: bool = True) -> None:
    """Recompute every derived row from the events (bulk loads, repairs). Flushes, never commits."""
    if participants:
        session.execute(
            update(EventParticipant).values(
                date_start=select(Event.date_start).where(Event.id == EventParticipant.event_id).scalar_subquery(),
                date_end=select(Event.date_end).where(Event.id == EventParticipant.event_id).scalar_subquery(),
            ).execution_options(synchronize_session=False))
    session.execute(EventCount.__table__.delete())
    counts: Counter = Counter()
    span = 0
    rows = session.execute(select(Event.date_start, Event.type, func.count(), func.max(Event.date_end))
                           .where(Event.date_start.is_not(None)).group_by(Event.date_start, Event.type))
    for start, kind, n, last_end in rows:
        _tally(counts, start, kind, n)
        if last_end is not None:
            span = max(span, (last_end - start).days)
    if counts:
        session.execute(EventCount.__table__.insert(), [
            {"bucket": b, "period": p, "type": t, "n": n} for (b, p, t), n in sorted(counts.items())])
    _upsert(session, KbCounter.__table__, [{"name": MAX_SPAN, "value": span}], ["name"],
            lambda ex: {"value": ex.value}, "kb_counter set")
    session.execute(ActorEventCount.__table__.delete())
    actor_rows = [{"actor_id": a, "bucket": b, "period": p, "type": t, "n": n}
                  for (a, b, p, t), n in sorted(recount_actors(session).items())]
    if actor_rows:
        session.execute(ActorEventCount.__table__.insert(), actor_rows)
    session.execute(delete(EventNamed))
    session.execute(insert(EventNamed).from_select(_NAMED_COLUMNS, _NAMED_ROWS))
    session.flush()


def recount_actors(session: Session) -> Counter:
    """The per-actor rollup computed from the events and their participants (rebuilds and tests)."""
    cast = select(EventParticipant.event_id, EventParticipant.actor_id).distinct().subquery()
    counts: Counter = Counter()
    for actor_id, start, kind, n in session.execute(
            select(cast.c.actor_id, Event.date_start, Event.type, func.count())
            .join(Event, Event.id == cast.c.event_id).where(Event.date_start.is_not(None))
            .group_by(cast.c.actor_id, Event.date_start, Event.type)):
        _tally_actor(counts, actor_id, start, kind, n)
    return counts
