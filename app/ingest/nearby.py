"""Candidate events around a dated account's date: `app.ingest.fusion.candidate_ids` less what `dated_apart` drops,
looked up from the events of the account's types whose dates can overlap its own.

The plain lookups reach a stored event through its actors (every participation of a country, every document naming
it), so they read more rows the more the knowledge base holds about an actor, and most of what they read is on
other days: a matcher drops those right after (`dated_apart`). The events whose dates can overlap [start, end]
start at most `max_span_days` before `start` (the stored bound on any event's span, app.ingest.derived), so they
are one range of the (type, date_start, date_end) index, read from the index alone, plus the undated ones; the
relation to the actors is then checked per event that remains. The result is the plain lookup's, without the
events dated apart, as long as the plain lookup's cap (CANDIDATE_LIMIT per relation) does not bind; where it does,
the plain lookup keeps the newest events of any date and may lose one that overlaps, this one keeps the newest
that overlap.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, bindparam, func, or_, select

from app.ingest.accounts import ACCOUNT_KIND
from app.ingest.matching_events import EventView, compatible_types
from app.models import Actor, Event, EventParticipant, EventReport, Evidence
from app.sqlcore import no_index, run

CANDIDATE_LIMIT = 500  # stored events examined per lookup (newest first); here and in app.ingest.fusion

_IDS, _TYPES, _COUNTRIES = (bindparam(n, expanding=True) for n in ("ids", "types", "countries"))
_DATED = and_(Event.date_start.between(bindparam("lo"), bindparam("end")),
              func.coalesce(Event.date_end, Event.date_start) >= bindparam("start"))
_WINDOWS = {"dated": _DATED, "undated": Event.date_start.is_(None)}

_CAST = select(EventParticipant.event_id).where(EventParticipant.event_id == Event.id)
_SHARES_ACTOR = _CAST.where(EventParticipant.actor_id.in_(_IDS)).exists()
_SHARES_COUNTRY = (_CAST.join(Actor, Actor.id == EventParticipant.actor_id)
                   .where(or_(Actor.id.in_(_COUNTRIES), Actor.country_id.in_(_COUNTRIES))).exists())
_NAMING = (select(EventReport.event_id).join(Evidence, Evidence.document_id == EventReport.document_id)
           .where(EventReport.event_id == Event.id, Evidence.kind == ACCOUNT_KIND))
# from the event's reports to their documents' evidence, not from every document naming the actor
_NAMES_ACTOR = _NAMING.where(no_index(Evidence.actor_id).in_(_IDS)).exists()
_NAMES_COUNTRY = (_NAMING.join(Actor, Actor.id == Evidence.actor_id)
                  .where(or_(Actor.id.in_(_IDS), Actor.id.in_(_COUNTRIES), Actor.country_id.in_(_COUNTRIES))).exists())
_RELATIONS = {
    "actors": _SHARES_ACTOR,
    "countries": _SHARES_COUNTRY,
    "named": and_(~_CAST.exists(), _NAMES_ACTOR),
    "named_or_countries": and_(~_CAST.exists(), _NAMES_COUNTRY),
}
# built once (app/sqlcore.py says why): relation x window
_LOOKUPS = {(rel, win): select(Event.id).where(Event.type.in_(_TYPES), where, cond)  # the index's test first
            .order_by(Event.id.desc()).limit(CANDIDATE_LIMIT)
            for rel, cond in _RELATIONS.items() for win, where in _WINDOWS.items()}


def _around(session, relation: str, types: list[str], window: dict, **ids: list[int]) -> set[int]:
    """The newest CANDIDATE_LIMIT events of `types` whose dates can overlap the window (or are undated) in
    `relation` with the given actors."""
    params = {"types": types, **window, **ids}
    found = set(run(session, _LOOKUPS[(relation, "dated")], params).scalars())
    found |= set(run(session, _LOOKUPS[(relation, "undated")], params).scalars())
    return set(sorted(found, reverse=True)[:CANDIDATE_LIMIT])


def near_candidate_ids(session, view: EventView, max_span: int | None, castless_on_day: list[int]) -> list[int]:
    """`candidate_ids` of a dated view less the events dated apart from it (newest first). `max_span`: the
    stored bound on an event's span in days (None: unknown, no lower bound); `castless_on_day`: the cast-less
    events of its type on its day, for a view naming nobody (they are on its day: none is dated apart)."""
    start = view.date_start
    assert start is not None
    end = view.date_end or start
    window = {"start": start, "end": end, "lo": start - timedelta(days=max_span) if max_span is not None
              else date.min}
    if not view.participants:
        found = set(castless_on_day)
        if view.context:
            found |= _around(session, "actors", [view.type], window, ids=sorted(view.context))
            countries = sorted({view.member(i).country for i in view.context} - {None})
            if countries:
                found |= _around(session, "countries", [view.type], window, countries=countries)
        return sorted(found, reverse=True)
    types = sorted(compatible_types(view.type))
    countries = sorted({view.member(i).country for i in view.participants} - {None})
    ids = sorted(view.participants)
    found = _around(session, "actors", types, window, ids=ids)
    if countries:
        found |= _around(session, "named_or_countries", [view.type], window, ids=ids, countries=countries)
        found |= _around(session, "countries", types, window, countries=countries)
    else:
        found |= _around(session, "named", [view.type], window, ids=ids)
    return sorted(found, reverse=True)
