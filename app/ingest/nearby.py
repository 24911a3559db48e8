"""The matchers' candidate lookups around a dated account's date (app.ingest.fusion.candidate_ids, near=True): what
the plain lookups give less the events dated apart (`dated_apart`), which a matcher drops right after reading them.

Events sharing an actor come from the same statements as before, which now return the events' dates, and those
dated apart are dropped in Python (the same rows as before, one query fewer). The cast-less events whose articles
name a participant's country (`_castless_named`) were reached through every document naming the country and every
report of those documents: O(the knowledge base) per lookup. Around a date they are one range of the
(type, date_start, date_end) index, read from the index alone (an event that overlaps [start, end] starts at most
`max_span_days`, the stored bound on any event's span, before `start`), plus the undated ones; each cast-less one
there is then probed in the (document, actor) index of its reports' documents. The result is the plain lookup's less
the events dated apart as long as the plain lookup's cap (CANDIDATE_LIMIT) does not bind; where it does, the plain
one keeps the newest cast-less events of any date and may lose one that overlaps, this one keeps the newest that
overlap.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Exists, and_, bindparam, func, select, union_all

from app.ingest.accounts import ACCOUNT_KIND
from app.ingest.matching_events import EventView
from app.models import Event, EventParticipant, EventReport, Evidence
from app.sqlcore import run

CANDIDATE_LIMIT = 500  # stored events examined per lookup (newest first); here and in app.ingest.fusion

_IDS, _TYPES = (bindparam(n, expanding=True) for n in ("ids", "types"))
_DATED = and_(Event.date_start.between(bindparam("lo"), bindparam("end")),
              func.coalesce(Event.date_end, Event.date_start) >= bindparam("start"))

_CAST = select(EventParticipant.event_id).where(EventParticipant.event_id == Event.id)


def _named_by(actors) -> Exists:
    """A report of the event whose document names one of `actors` (probed per report in the (document, actor)
    index: a document holds dozens of evidence rows, of which a few are the actors' accounts)."""
    names = (select(Evidence.id).where(Evidence.document_id == EventReport.document_id, Evidence.actor_id.in_(actors),
                                       Evidence.kind == ACCOUNT_KIND).exists())
    return select(EventReport.id).where(EventReport.event_id == Event.id, names).exists()


_RELATIONS = {
    "named": and_(~_CAST.exists(), _named_by(_IDS)),
}


def _lookup(cond):
    """The newest events of the types, dated within reach or undated, in the relation: one statement."""
    both = union_all(*(select(Event.id.label("id")).where(Event.type.in_(_TYPES), window, cond)  # the index's first
                       for window in (_DATED, Event.date_start.is_(None)))).subquery()
    return select(both.c.id).order_by(both.c.id.desc()).limit(CANDIDATE_LIMIT)


_LOOKUPS = {rel: _lookup(cond) for rel, cond in _RELATIONS.items()}  # built once (app/sqlcore.py says why)


def window(view: EventView, max_span: int | None) -> dict:
    """The dates a stored event must reach to overlap the (dated) view's: it ends on or after `start` and starts
    on or before `end`, so no earlier than `lo` (`max_span`: the stored bound on an event's span in days; None,
    unknown: no lower bound)."""
    assert view.date_start is not None
    start = view.date_start
    return {"start": start, "end": view.date_end or start,
            "lo": start - timedelta(days=max_span) if max_span is not None else date.min}


def overlaps(window: dict, start: date | None, end: date | None) -> bool:
    """Whether a stored event with these dates may match: undated, or not dated apart (`dated_apart`)."""
    return start is None or (start <= window["end"] and (end or start) >= window["start"])


def castless_named_around(session, type_: str, ids: list[int], window: dict) -> set[int]:
    """`_castless_named` of app.ingest.fusion for a dated view: the newest CANDIDATE_LIMIT cast-less events of the
    type, dated within reach of the window or undated, whose articles name one of `ids` (the participants, and the
    countries they stand for with those countries' agents)."""
    return set(run(session, _LOOKUPS["named"], {"types": [type_], "ids": ids, **window}).scalars())
