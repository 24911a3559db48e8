"""Event queries: filtered lists, one event with its sources and claims, and what hydrates them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, Text, cast, func, literal_column, select
from sqlmodel import Session

from app.actors.service import aliases_by_actor
from app.dates import format_at_precision
from app.errors import NotFound
from app.events.dependencies import EventScope
from app.filters import Filters
from app.ingest.derived import max_span_days
from app.inline import aliases_json, fragment, json_list, source_sql
from app.listing import Counter, Inline, Lister, actor_ids, count_rows, date_keyset, overlaps, source_condition
from app.models import Actor, Claim, Document, Event, EventParticipant, EventReport, Evidence, Place
from app.pagination import COUNT_CAP, DEFAULT_LIMIT
from app.places.service import event_place_conditions, places_by_id
from app.search import event_text_stats, match_clause, match_count, match_ids

DENSE_MATCHES = 2000  # above this many text matches, page by the date index (app/events/service._text_only)
# PostgreSQL, one page of 51 newest-first at 1M events (EXPLAIN ANALYZE, warm): 2.9k matches fenced 12-18 ms, walked
# 22-24 ms; 7.4k fenced 28-29 ms, walked 11-18 ms; 9.0k fenced 36-53 ms, walked 11-16 ms. A row the walk reads
# costs less than a fenced one (index order, no sort): the crossover n = sqrt(WALK_FACTOR * N * page) is ~4.5k.
WALK_FACTOR = 0.4


def source_label(outlet: str | None, cites: list[str] | None) -> str | None:
    """How a document is named as a source: its outlet, else the first source it cites."""
    return outlet or (cites[0] if cites else None)


def scope_conditions(scope: EventScope | None) -> list[ColumnElement[bool]]:
    """Conditions on `event` for the place, bbox and corroboration filters."""
    if not scope:
        return []
    conds = event_place_conditions(scope.bbox, scope.place)
    if scope.min_sources:
        conds.append(Event.sources_count >= scope.min_sources)
    if scope.min_independent_sources:
        conds.append(Event.independent_sources >= scope.min_independent_sources)
    return conds


def event_lister(session: Session, f: Filters, types: list[str] | None = None,
                 scope: EventScope | None = None) -> Lister:
    """The events matching every filter, newest first unless `sort=date`.

    With an actor the list is read from event_participant, which carries copies of the event dates and an
    index (actor_id, date_start, date_end, event_id, role): a popular actor's events are never walked one by
    one. Both paths bound date_start from below by the stored max span (app/listing.overlaps).
    """
    span = max_span_days(session) if f.start else None
    groups: list[set[int]] = []
    for value in f.actors:
        ids = actor_ids(session, value)
        if not ids:
            return _lister(f, select(Event.id, Event.date_start), Event.id, Event.date_start, empty=True)
        groups.append(ids)
    dialect = session.get_bind().dialect.name
    if groups:
        P = EventParticipant
        stmt = select(P.event_id, P.date_start).where(P.actor_id.in_(groups[0]),
                                                      *overlaps(P.date_start, P.date_end, f, span))
        if f.role:
            stmt = stmt.where(P.role == f.role)
        for ids in groups[1:]:
            stmt = stmt.where(P.event_id.in_(_with_actor(ids, f.role)))
        if types or f.q or scope:
            stmt = stmt.join(Event, Event.id == P.event_id)
        id_col, date_col = P.event_id, P.date_start
    else:
        stmt = select(Event.id, Event.date_start).where(*overlaps(Event.date_start, Event.date_end, f, span))
        id_col, date_col = Event.id, Event.date_start
    if types:
        stmt = stmt.where(Event.type.in_([t.upper() for t in types]))
    stmt = stmt.where(*scope_conditions(scope))
    if f.source:
        stmt = stmt.where(id_col.in_(select(EventReport.event_id)
                                     .where(source_condition(EventReport.document_id, f.source))))
    if f.document:
        stmt = stmt.where(id_col.in_(select(EventReport.event_id).where(EventReport.document_id == f.document)))
    counter, ids = None, None
    if f.q:
        if not (groups or types or f.start or f.end or f.source or f.document or scope):
            stmt, counter, ids = _text_only(session, f.q, dialect)
            id_col, date_col = stmt.selected_columns[0], stmt.selected_columns[1]
        else:
            stmt = stmt.where(match_clause(Event, f.q, dialect))
    if groups:
        # one row per event (an actor is named once per role and per document); plain ids for aggregates
        return _lister(f, stmt.distinct(), id_col, date_col, counter=counter, ids=stmt.with_only_columns(id_col),
                       dialect=dialect)
    return _lister(f, stmt, id_col, date_col, counter=counter, ids=ids, dialect=dialect)


def _text_only(session: Session, q: str, dialect: str) -> tuple[Select, Counter, Select | None]:
    """Events matching `q` alone, with a total computed once and used to pick the plan.

    Date order needs the date of every match: sorting them all is O(matches). When matches are many,
    walking the date index newest first and keeping matching ids reaches a page after about
    events / matches * limit rows instead; the result is the same either way, only the plan differs.
    SQLite counts exactly from FTS5 alone (no event row is read). PostgreSQL has no index-only count over
    GIN: a one-lexeme query is counted exactly from the per-lexeme counts migration 0012 keeps, any other up
    to COUNT_CAP rows; below the cap it fences the matches in a MATERIALIZED CTE
    (bitmap scan + sort), because its planner otherwise walks the newest-first index testing every row it
    passes (a rare word is one row in hundreds). With n of N events matching, the walk reads about
    N / n * page rows and the fence n, so the walk is the plan once n * n > WALK_FACTOR * N * page (and
    past the cap); each row the walk reads costs a vector comparison, not a parse, since migration 0010.
    """
    match = match_clause(Event, q, dialect)
    if dialect == "postgresql":
        exact, events = event_text_stats(session, q)  # one word: exact from the lexeme counts, no row read
        n = exact if exact is not None else count_rows(session, select(Event.id).where(match), COUNT_CAP)
        total = (n, False) if exact is not None else (COUNT_CAP, True) if n > COUNT_CAP else (n, False)
        if n > COUNT_CAP or n * n > WALK_FACTOR * events * (DEFAULT_LIMIT + 1):
            return select(Event.id, Event.date_start).where(match), lambda _s: total, None
        fenced = select(Event.id, Event.date_start).where(match).cte("text_matches").prefix_with("MATERIALIZED")
        return select(fenced.c.id, fenced.c.date_start), lambda _s: total, select(fenced.c.id)
    exact = (match_count(session, Event, q), False)
    if exact[0] > DENSE_MATCHES:
        # `+ 0` stops SQLite from driving the query by the id list, so it follows the ORDER BY index
        return (select(Event.id, Event.date_start).where((Event.id + 0).in_(match_ids(Event, q))),
                lambda _s: exact, None)
    return select(Event.id, Event.date_start).where(match), lambda _s: exact, None


def _with_actor(ids: set[int], role: str | None) -> Select:
    part = select(EventParticipant.event_id).where(EventParticipant.actor_id.in_(ids))
    return part.where(EventParticipant.role == role) if role else part


def _lister(f: Filters, stmt: Select, id_col: Any, date_col: Any, *, empty: bool = False,
            counter: Counter | None = None, ids: Select | None = None, dialect: str = "sqlite") -> Lister:
    return Lister(
        "events", stmt, geometry=event_geometry,
        keyset=lambda s, after: date_keyset(s, date_col, id_col, f.sort, after),
        key_of=lambda row: [row[1], row[0]], key_types=(date, int),
        hydrate=lambda sess, rows: hydrate_events(sess, [r[0] for r in rows]), empty=empty, counter=counter,
        ids=ids, inline=Inline(lambda page: inline_events(page, dialect, f.sort), inline_event_item,
                                   key=("events", dialect, f.sort)),
    )


# The hot path (app/inline.py): the same items as hydrate_events, from one statement. `event` is the outer
# query's event row. A plain `participant` row is dropped where another source names the actor's specific role.
# Each participant carries its actor's aliases, so a client names it as /actors does without a second request.
_PARTICIPANT_ROWS = """SELECT y.*, {aliases} AS aliases FROM (SELECT DISTINCT p.actor_id, a.name, a.type, p.role
FROM event_participant p JOIN actor a ON a.id = p.actor_id WHERE p.event_id = event.id AND (
p.role <> 'participant' OR NOT EXISTS (SELECT 1 FROM event_participant q WHERE q.event_id = event.id
AND q.actor_id = p.actor_id AND q.role <> 'participant'))) y"""
_EVIDENCE_ROWS = """SELECT v.document_id, {source} AS source,
coalesce(substr(d.text, v.start + 1, v."end" - v.start), '') AS quote, v.start AS start_, v."end" AS end_
FROM evidence v JOIN document d ON d.id = v.document_id WHERE v.event_id = event.id AND v.kind = 'event'"""
_PARTICIPANT_FIELDS = [("actor_id", "actor_id"), ("name", "name"), ("type", "type"), ("role", "role"),
                       ("aliases", "aliases")]
_EVIDENCE_FIELDS = [("document_id", "document_id"), ("source", "source"), ("quote", "quote"),
                    ("start", "start_"), ("end", "end_")]
_PLACE_COLUMNS = ("id", "geonames_id", "name", "precision", "country_code", "region_code", "region_name",
                  "latitude", "longitude")


def participants_json(dialect: str) -> str:
    """SQL: the participants of the outer query's `event` row as a JSON array (text), as the API lists them."""
    rows = _PARTICIPANT_ROWS.format(aliases=aliases_json(dialect, "y.actor_id"))
    return json_list(dialect, rows, _PARTICIPANT_FIELDS, "x.role, x.name, x.actor_id", frozenset({"aliases"}))


def evidence_json(dialect: str) -> str:
    """SQL: the evidence of the outer query's `event` row as a JSON array (text), as the API lists it."""
    return json_list(dialect, _EVIDENCE_ROWS.format(source=source_sql(dialect, "d")), _EVIDENCE_FIELDS,
                     "x.document_id, x.start_, x.end_")


def inline_events(page: Any, dialect: str, sort: str) -> Select:
    """One page of events with participants and evidence as JSON text and the place's columns, in page order."""
    page_id, page_date = list(page.c)[:2]
    E, P = Event.__table__.c, Place.__table__
    participants, evidence = participants_json(dialect), evidence_json(dialect)
    stmt = (select(page_id, page_date, E.type, E.mode, E.summary, E.date_start, E.date_end, E.date_precision,
                   E.date_text, E.location, E.fatalities, E.affected, cast(E.numbers, Text).label("numbers"),
                   E.confidence, E.sources_count, E.independent_sources,
                   *(P.c[c].label(f"place_{c}") for c in _PLACE_COLUMNS),
                   literal_column(participants).label("participants"), literal_column(evidence).label("evidence"))
            .select_from(page.join(Event.__table__, E.id == page_id).outerjoin(P, P.c.id == E.place_id)))
    return date_keyset(stmt, page_date, page_id, sort, None)


def inline_event_item(r: Any) -> dict[str, Any]:
    """An event item from a row of inline_events (the same keys and values as _event_item). Positional: named
    access on a Row costs more than the rest of building the item."""
    (event_id, _, kind, mode, summary, start, end, precision, date_text, location, fatalities, affected, numbers,
     confidence, sources, independent) = r[:16]
    place, (participants, evidence) = r[16:25], r[25:27]  # a page total may follow
    return {
        "id": event_id, "type": kind, "mode": mode, "summary": summary,
        "date": format_at_precision(start, end, precision),
        "date_start": start, "date_end": end, "date_precision": precision,
        "date_text": date_text, "location": location,
        "place": None if place[0] is None else dict(zip(_PLACE_COLUMNS, place, strict=True)),
        "fatalities": fatalities, "affected": affected,
        "numbers": fragment(numbers, b"{}") if numbers not in ("null", None) else {},
        "participants": fragment(participants, b"[]"), "evidence": fragment(evidence, b"[]"),
        "confidence": confidence, "sources_count": sources, "independent_sources": independent,
    }


def hydrate_events(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """Full event items (participants and evidence included) for `ids`, in that order."""
    if not ids:
        return []
    events = {e.id: e for e in session.exec(select(Event).where(Event.id.in_(ids))).scalars()}
    participants: dict[int, list[dict]] = defaultdict(list)
    seen: set[tuple[int, int, str]] = set()
    rows = session.exec(
        select(EventParticipant.event_id, EventParticipant.actor_id, EventParticipant.role, Actor.name, Actor.type)
        .join(Actor, Actor.id == EventParticipant.actor_id)
        .where(EventParticipant.event_id.in_(ids))
        .order_by(EventParticipant.event_id, EventParticipant.role, Actor.name, Actor.id)
    ).all()
    # one source may call an actor a plain participant where another names its role: show the specific role
    specific = {(e, a) for e, a, role, _, _ in rows if role != "participant"}
    for event_id, actor_id, role, name, kind in rows:
        if role == "participant" and (event_id, actor_id) in specific:
            continue
        if (event_id, actor_id, role) not in seen:
            seen.add((event_id, actor_id, role))
            participants[event_id].append({"actor_id": actor_id, "name": name, "type": kind, "role": role})
    aliases = aliases_by_actor(session, {p["actor_id"] for ps in participants.values() for p in ps})
    for ps in participants.values():
        for p in ps:
            p["aliases"] = aliases[p["actor_id"]]
    evidence: dict[int, list[dict]] = defaultdict(list)
    rows = session.exec(
        select(Evidence.event_id, Evidence.document_id, Evidence.start, Evidence.end,
               func.substr(Document.text, Evidence.start + 1, Evidence.end - Evidence.start),
               Document.outlet, Document.cites)
        .join(Document, Document.id == Evidence.document_id)
        .where(Evidence.event_id.in_(ids), Evidence.kind == "event")
        .order_by(Evidence.event_id, Evidence.document_id, Evidence.start, Evidence.end)
    ).all()
    for event_id, document_id, start, end, quote, outlet, cites in rows:
        evidence[event_id].append({"document_id": document_id, "source": source_label(outlet, cites),
                                   "quote": quote or "", "start": start, "end": end})
    places = places_by_id(session, (e.place_id for e in events.values()))
    return [_event_item(events[i], participants[i], evidence[i], places.get(events[i].place_id))
            for i in ids if i in events]


def event_geometry(item: dict[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON Point where the event's place has coordinates (point, city or region precision), else null."""
    place = item.get("place")
    if not place or place.get("latitude") is None or place.get("longitude") is None:
        return None
    return {"type": "Point", "coordinates": [place["longitude"], place["latitude"]]}


def _event_item(e: Event, participants: list[dict], evidence: list[dict],
                place: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "id": e.id, "type": e.type, "mode": e.mode, "summary": e.summary,
        "date": format_at_precision(e.date_start, e.date_end, e.date_precision),
        "date_start": e.date_start, "date_end": e.date_end, "date_precision": e.date_precision,
        "date_text": e.date_text, "location": e.location, "place": place,
        "fatalities": e.fatalities, "affected": e.affected,
        "numbers": e.numbers or {}, "participants": participants, "evidence": evidence, "confidence": e.confidence,
        "sources_count": e.sources_count, "independent_sources": e.independent_sources,
    }


def get_event(session: Session, event_id: int) -> dict[str, Any]:
    """One event with its participants, evidence, source documents and each source's claims."""
    items = hydrate_events(session, [event_id])
    if not items:
        raise NotFound(f"no event with id {event_id}")
    item = items[0]
    docs = session.exec(
        select(EventReport, Document.title, Document.outlet, Document.published)
        .join(Document, Document.id == EventReport.document_id)
        .where(EventReport.event_id == event_id).order_by(EventReport.document_id)
    ).all()
    item["sources"] = {"count": len(docs), "documents": [
        {"document_id": rep.document_id, "title": t, "outlet": o, "published": p, "match_score": rep.match_score,
         "match_reasons": rep.match_reasons or [],
         "date": format_at_precision(rep.date_start, rep.date_end, rep.date_precision),
         "date_text": rep.date_text, "date_derived": rep.date_derived}
        for rep, t, o, p in docs]}
    claims = session.exec(
        select(Claim, Document.outlet, Document.cites).join(Document, Document.id == Claim.document_id)
        .where(Claim.event_id == event_id).order_by(Claim.kind, Claim.attribute, Claim.document_id, Claim.id)
    ).all()
    item["claims"] = [{"kind": c.kind, "attribute": c.attribute, "value": c.value, "document_id": c.document_id,
                       "source": source_label(outlet, cites), "quote": c.quote, "start": c.start, "end": c.end}
                      for c, outlet, cites in claims]
    return item


def require_event(session: Session, event_id: int) -> Event:
    """The event, or a 404."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"no event with id {event_id}")
    return event
