"""Cross-document event fusion: match a document's events to stored ones and keep its report (app.ingest.refresh
recomputes the fused row)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, and_, bindparam, func, union_all
from sqlmodel import Session, select

from app.extract.types import ExtractedEvent
from app.ingest import nearby
from app.ingest.context import DocumentFacts, standing_for, with_context
from app.ingest.derived import max_span_days
from app.ingest.matching_events import EventView, PlaceView, compatible_types, event_match
from app.ingest.nearby import CANDIDATE_LIMIT, castless_named_around, overlaps  # CANDIDATE_LIMIT: per lookup
from app.models import Event, EventNamed, EventParticipant, EventReport, Evidence
from app.sqlcore import insert_rows, no_index, run


def new_view(event: ExtractedEvent, actor_ids: dict[str, int], place_id: int | None = None) -> EventView:
    """An extracted event seen through stored actor ids (and its resolved place's id; `with_context` fills in
    what the ids stand for)."""
    people = frozenset(actor_ids[p.actor_key] for p in event.participants if p.actor_key in actor_ids)
    place = PlaceView(place_id, "unknown") if place_id is not None else None
    return EventView(event.type, event.date_start, event.date_end, event.location, people,
                     event.mode, event.date_precision, place=place, context=frozenset(actor_ids.values()))


# The writer's per-document reads, built once (app/sqlcore.py says why): `:ids`, `:types` expand to IN lists.
_IDS, _TYPES = (bindparam(n, expanding=True) for n in ("ids", "types"))
_WITH_CAST = select(EventParticipant.event_id).where(EventParticipant.event_id == Event.id).exists()
_CASTLESS_ON_DAY = (select(Event.id).where(Event.type == bindparam("type"), Event.date_start == bindparam("day"),
                                           Event.date_precision == "day", ~_WITH_CAST)
                    .order_by(Event.id.desc()).limit(CANDIDATE_LIMIT))
# no_index(Event.type): driven from the actors, not from every event of the type (app/sqlcore.py: NoIndex)
_SHARING_BASE = (select(EventParticipant.event_id, Event.date_start, Event.date_end)
                 .join(Event, Event.id == EventParticipant.event_id).where(no_index(Event.type).in_(_TYPES)))
_SHARING_ACTORS = (_SHARING_BASE.where(EventParticipant.actor_id.in_(_IDS))
                   .distinct().order_by(EventParticipant.event_id.desc()).limit(CANDIDATE_LIMIT))
# Around a dated view (`near`): the same lookups read, in the (actor, date_start, date_end) index of participants,
# which carry their event's dates (app.ingest.derived), only the rows whose dates can overlap the window (the end is
# checked in the index), and the undated ones: a popular actor's events on other days are never probed. Where the
# cap binds, these keep the newest events that can overlap, the plain ones the newest of any date.
_EP = EventParticipant
_EP_DATED = and_(_EP.date_start.between(bindparam("lo"), bindparam("end")),
                 func.coalesce(_EP.date_end, _EP.date_start) >= bindparam("start"))


def _sharing_near(actors) -> Select:
    both = union_all(*(select(_EP.event_id.label("event_id")).where(_EP.actor_id.in_(actors), window)
                       for window in (_EP_DATED, _EP.date_start.is_(None)))).subquery()
    return (select(both.c.event_id, Event.date_start, Event.date_end).join(Event, Event.id == both.c.event_id)
            .where(no_index(Event.type).in_(_TYPES)).distinct().order_by(both.c.event_id.desc())
            .limit(CANDIDATE_LIMIT))


_SHARING_ACTORS_NEAR = _sharing_near(_IDS)
# any date: the rows of event_named (app.ingest.derived.name_castless) of the parties and the type
_NAMED = (select(EventNamed.event_id).where(EventNamed.actor_id.in_(_IDS), EventNamed.type == bindparam("type"))
          .distinct().order_by(EventNamed.event_id.desc()).limit(CANDIDATE_LIMIT))


class _Rows:
    """The fewest rows left under the cap (CANDIDATE_LIMIT) by any of one candidate lookup's statements: while
    it exceeds the number of events a document then writes, the same lookup after those writes can only add
    them (`match_events`, `lookup_key`)."""

    def __init__(self) -> None:
        self.headroom = CANDIDATE_LIMIT

    def took(self, rows: Sequence) -> Sequence:
        self.headroom = min(self.headroom, CANDIDATE_LIMIT - len(rows))
        return rows


def _castless_candidates(session: Session, view: EventView, rows: _Rows) -> list[int]:
    """Stored events of the same type on the same day that name no participant either (ids)."""
    if view.date_start is None or view.precision != "day":
        return []
    return list(rows.took(run(session, _CASTLESS_ON_DAY, {"type": view.type, "day": view.date_start}).scalars().all()))


def _sharing(session: Session, types: list[str], rows: _Rows, ids: list[int], near: dict | None = None) -> set[int]:
    """Stored events of these types naming one of the actors `ids`; `near`: only those whose dates can overlap
    this window (app.ingest.nearby.window)."""
    params = {"types": types, "ids": ids, **(near or {})}
    found = run(session, _SHARING_ACTORS_NEAR if near else _SHARING_ACTORS, params).all()
    return {i for i, start, end in rows.took(found) if near is None or overlaps(near, start, end)}


def _castless_named(session: Session, view: EventView, ids: list[int], rows: _Rows,
                    near: dict | None = None) -> set[int]:
    """Stored cast-less events of the view's type whose articles name one of the actors `ids`; `near`: only those
    whose dates can overlap this window, looked up around it (app.ingest.nearby), not through every document that
    names one of them."""
    if near is not None:
        return set(rows.took(castless_named_around(session, view.type, ids, near)))
    return set(rows.took(run(session, _NAMED, {"type": view.type, "ids": ids}).scalars().all()))


def _named_or_standing_for(session: Session, view: EventView, named: frozenset[int],
                           facts: DocumentFacts | None = None) -> list[int]:
    """The actors `named` and those that stand for the country one of them stands for (`standing_for`): the
    parties an account of the view's happening may name instead."""
    countries = sorted({view.member(i).country for i in named} - {None})
    return sorted(named | set(standing_for(session, countries, facts) if countries else ()))


def candidate_ids(session: Session, view: EventView, near: bool = False,
                  facts: DocumentFacts | None = None) -> list[int]:
    """Stored events that could be `view`'s happening (newest first): of a compatible type, sharing an actor or
    naming the country a participant stands for or an agent of it, or cast-less ones whose articles name it.
    A cast-less view looks for cast-less events of its day and for events of its type its article names.
    `near`: only those whose dates can overlap a dated view's (what `dated_apart` leaves), for the matchers,
    which drop the others; the split of vague accounts needs all. `facts`: what the document's lookups have
    read of actors and places (app.ingest.context)."""
    return candidates_and_headroom(session, view, near, facts)[0]


def candidates_and_headroom(session: Session, view: EventView, near: bool = False,
                            facts: DocumentFacts | None = None) -> tuple[list[int], int]:
    """`candidate_ids`, and the fewest rows any of its statements left under the cap (`_Rows`)."""
    rows = _Rows()
    window = nearby.window(view, max_span_days(session)) if near and view.date_start is not None else None
    if not view.participants:
        found = set(_castless_candidates(session, view, rows))  # on its day: none dated apart
        if view.context:
            parties = _named_or_standing_for(session, view, view.context, facts)
            found |= _sharing(session, [view.type], rows, parties, window)
        return sorted(found, reverse=True), rows.headroom
    ids = _named_or_standing_for(session, view, view.participants, facts)
    found = _sharing(session, sorted(compatible_types(view.type)), rows, ids, window)
    found |= _castless_named(session, view, ids, rows, window)
    return sorted(found, reverse=True), rows.headroom


def lookup_key(view: EventView) -> tuple:
    """What `candidate_ids` reads of a view: two views with one key have the same candidates (in one state of
    the knowledge base). The context counts only for a view naming no participant."""
    named = view.participants or view.context
    return (view.type, view.date_start, view.date_end, view.precision, view.participants,
            frozenset() if view.participants else view.context,
            frozenset((i, view.member(i).country) for i in named))


def _contexts(session: Session, ids: list[int]) -> dict[int, set[int]]:
    """Event id -> every actor the articles reporting it name, in one query."""
    named: dict[int, set[int]] = {i: set() for i in ids}
    if ids:
        for event_id, actor_id in run(session, _CONTEXTS, {"ids": ids}).all():
            named[event_id].add(actor_id)
    return named


_CONTEXTS = select(EventNamed.event_id, EventNamed.actor_id).where(EventNamed.event_id.in_(_IDS))
_CASTS = select(EventParticipant.event_id, EventParticipant.actor_id).where(EventParticipant.event_id.in_(_IDS))
_TOLD = (select(EventReport.event_id, EventReport.location, EventReport.place_id)
         .where(EventReport.event_id.in_(_IDS)))
_EVENTS = select(Event.id, Event.type, Event.date_start, Event.date_end, Event.location, Event.mode,
                 Event.date_precision, Event.place_id).where(Event.id.in_(_IDS))


def stored_views(session: Session, ids: set[int], facts: DocumentFacts | None = None) -> dict[int, EventView]:
    """Views of stored events with their participants (and, for cast-less ones, the actors their articles name):
    five queries for all the document's candidates."""
    if not ids:
        return {}
    cast: dict[int, set[int]] = {i: set() for i in ids}
    for event_id, actor_id in run(session, _CASTS, {"ids": sorted(ids)}).all():
        cast[event_id].add(actor_id)
    named = _contexts(session, sorted(i for i in ids if not cast[i]))
    told: dict[int, set[tuple[str | None, int | None]]] = {i: set() for i in ids}
    for event_id, location, place_id in run(session, _TOLD, {"ids": sorted(ids)}).all():
        if location or place_id:
            told[event_id].add((location, place_id))
    events = run(session, _EVENTS, {"ids": sorted(ids)}).all()
    views = [EventView(e.type, e.date_start, e.date_end, e.location, frozenset(cast[e.id]), e.mode,
                       e.date_precision, place=PlaceView(e.place_id, "unknown") if e.place_id else None,
                       context=frozenset(named.get(e.id, ())),
                       other_places=tuple((loc, PlaceView(p, "unknown") if p else None)
                                          for loc, p in sorted(told[e.id] - {(e.location, e.place_id)}, key=repr)))
             for e in events]
    return {e.id: v for e, v in zip(events, with_context(session, views, facts), strict=True)}


_DATES = select(Event.id, Event.date_start, Event.date_end).where(Event.id.in_(_IDS))


def dated_apart(session: Session, view: EventView, ids: set[int]) -> set[int]:
    """Those of `ids` whose dates cannot overlap the view's: `event_match` rejects every pair of dated accounts
    that do not overlap, so they are dropped before their views are read (most of a popular actor's stored
    events are on other days). One query for their dates."""
    if view.date_start is None or not ids:
        return set()
    start, end = view.date_start, view.date_end or view.date_start
    return {i for i, s, e in run(session, _DATES, {"ids": sorted(ids)}).all()
            if s is not None and ((e or s) < start or end < s)}


def _place_tier(reasons: list[str]) -> int:
    return 2 if "location:same" in reasons else 1 if "location:within" in reasons else 0


def _vague(view: EventView) -> bool:
    """Undated, dated coarser than a day, or naming nobody: an account that may fit several stored happenings."""
    return not view.participants or not (view.dated and view.precision == "day")


def settle_fits(view: EventView, matches: list[tuple[int, list[str]]],
                stored: dict[int, EventView]) -> list[tuple[int, list[str]]]:
    """The fits a vague account may join. Only those with the best place evidence count: "the strike on the farm
    near X" fits the strike at X, not the one a week later whose place nobody gave. If two of those remain that
    cannot be one happening (told on different days; for an account naming nobody, any two), it cannot say
    which it reports, so it joins neither rather than the one that happens to score higher.
    `matches`: (stored event id, reasons) of every fit."""
    if not _vague(view) or len(matches) < 2:
        return matches
    top = max(_place_tier(r) for _, r in matches)
    fits = [(i, r) for i, r in matches if _place_tier(r) == top]
    if len(fits) < 2:
        return fits
    if not view.participants:
        return []
    spans = [(stored[i].date_start, stored[i].date_end or stored[i].date_start) for i, _ in fits if stored[i].dated]
    if any(a1 < b0 or b1 < a0 for (a0, a1), (b0, b1) in itertools.combinations(spans, 2)):
        return []
    return fits


def match_events(session: Session, views: Sequence[EventView], seen: dict[int, EventView] | None = None,
                 looked_up: dict[int, tuple[tuple, list[int], int]] | None = None,
                 facts: DocumentFacts | None = None) -> dict[int, tuple[int, float, list[str]]]:
    """Assign each new event (by index) at most one stored event; each stored event takes at most one.

    Every compatible pair is scored first and taken best-first (ties: earlier new event, then older stored
    event), so the outcome depends on scores, not on the order the documents or events arrived.
    `seen`: filled with the stored views of the candidates, which the document's later reads may reuse;
    `looked_up`: with each view's (`lookup_key`, candidate ids, headroom under the cap), for the same reason;
    `facts`: as `candidate_ids`'.
    """
    views = with_context(session, views, facts)
    candidates = []
    for index, view in enumerate(views):
        ids, headroom = candidates_and_headroom(session, view, True, facts)  # none dated apart (`dated_apart`)
        candidates.append(ids)
        if looked_up is not None:
            looked_up[index] = (lookup_key(view), ids, headroom)
    stored = stored_views(session, {i for ids in candidates for i in ids}, facts)
    if seen is not None:
        seen |= stored
    pairs = []
    for index, view in enumerate(views):
        found = {}
        for event_id in candidates[index]:
            result = event_match(view, stored[event_id])
            if result:
                found[event_id] = result
        kept = settle_fits(view, [(i, r[1]) for i, r in found.items()], stored)
        pairs += [(-found[i][0], index, i, found[i][1]) for i, _ in kept]
    # the same the other way round: a vague stored account that this document's accounts fit
    by_stored: dict[int, list[tuple[int, list[str]]]] = {}
    for _, index, event_id, reasons in pairs:
        by_stored.setdefault(event_id, []).append((index, reasons))
    new = dict(enumerate(views))
    allowed = {(index, event_id) for event_id, fits in by_stored.items()
               for index, _ in settle_fits(stored[event_id], fits, new)}
    pairs = [p for p in pairs if (p[1], p[2]) in allowed]
    assigned: dict[int, tuple[int, float, list[str]]] = {}
    taken: set[int] = set()
    for neg_score, index, event_id, reasons in sorted(pairs, key=lambda p: p[:3]):
        if index in assigned or event_id in taken:
            continue
        assigned[index] = (event_id, -neg_score, reasons)
        taken.add(event_id)
    return assigned


def new_report(event_id: int | None, document_id: int, extracted: ExtractedEvent, score: float | None,
               reasons: list[str]) -> EventReport:
    """One document's account of the event, not yet added to the session."""
    return EventReport(
        event_id=event_id, document_id=document_id, type=extracted.type, mode=extracted.mode,
        summary=extracted.summary or "", date_start=extracted.date_start,
        date_end=extracted.date_end or extracted.date_start,
        date_precision=extracted.date_precision or "unknown", date_text=(extracted.date_text or None),
        location=extracted.location, confidence=extracted.confidence, numbers=dict(extracted.numbers),
        fatalities=extracted.numbers.get("fatalities"), affected=extracted.numbers.get("affected"),
        characterization=extracted.characterization, match_score=score, match_reasons=reasons,
    )


def report_rows(event_id: int, document_id: int, extracted: ExtractedEvent,
                actor_ids: dict[str, int]) -> tuple[list[dict], list[dict]]:
    """The participant and evidence rows of one document's account, for Core inserts."""
    participants, seen = [], set()
    for p in extracted.participants:
        actor_id = actor_ids.get(p.actor_key)
        if actor_id is None or (actor_id, p.role) in seen:
            continue
        seen.add((actor_id, p.role))
        participants.append({"event_id": event_id, "actor_id": actor_id, "role": p.role, "document_id": document_id})
    evidence = [{"kind": "event", "event_id": event_id, "statement_id": None, "actor_id": None,
                 "document_id": document_id, "start": span.start, "end": span.end,
                 "sentence": span.sentence or span.text} for span in extracted.evidence]
    return participants, evidence


def add_report(session: Session, event_id: int, document_id: int, extracted: ExtractedEvent,
               actor_ids: dict[str, int], score: float | None, reasons: list[str]) -> EventReport:
    """Store one document's account of the event: report row, participants and evidence spans."""
    report = new_report(event_id, document_id, extracted, score, reasons)
    session.add(report)
    session.flush()
    participants, evidence = report_rows(event_id, document_id, extracted, actor_ids)
    insert_rows(session, EventParticipant.__table__, participants)
    insert_rows(session, Evidence.__table__, evidence)
    return report


def interval_text(start: date | None, end: date | None) -> str:
    """"2024-05-01", "2024-05-01/2024-05-31", or "unknown"."""
    if start is None:
        return "unknown"
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"
