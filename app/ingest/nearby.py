"""The matchers' candidate lookups around a dated account's date (app.ingest.fusion.candidate_ids, near=True): what
the plain lookups give less the events dated apart (`dated_apart`), which a matcher drops right after reading them.

Events sharing an actor come from the same statements as before, which now return the events' dates, and those
dated apart are dropped in Python (the same rows as before, one query fewer). The cast-less events whose articles
name a party (`_castless_named`) are one range per party of event_named's (actor, type, date_start, date_end) index
(an event that overlaps [start, end] starts at most `max_span_days`, the stored bound on any event's span, before
`start`), plus the party's undated ones. They were once reached through every document naming the party, then
through every cast-less event of the type around the date: both grow with the knowledge base. The result is the
plain lookup's less the events dated apart as long as the plain lookup's cap (CANDIDATE_LIMIT) does not bind; where
it does, the plain one keeps the newest cast-less events of any date and may lose one that overlaps, this one keeps
the newest that overlap.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, bindparam, func, select, union_all

from app.ingest.matching_events import EventView
from app.models import EventNamed
from app.sqlcore import run

CANDIDATE_LIMIT = 500  # stored events examined per lookup (newest first); here and in app.ingest.fusion

_IDS, _TYPES = (bindparam(n, expanding=True) for n in ("ids", "types"))
# Cast-less events named by a party: event_named holds, per cast-less event, the actors its articles name with the
# event's type and dates (app.ingest.derived.name_castless), so the lookup is one range of its (actor, type,
# date_start, date_end) index per party, plus the party's undated ones
_EN = EventNamed
_NAMED_DATED = and_(_EN.date_start.between(bindparam("lo"), bindparam("end")),
                    func.coalesce(_EN.date_end, _EN.date_start) >= bindparam("start"))
_BOTH = union_all(*(select(_EN.event_id.label("id")).where(_EN.actor_id.in_(_IDS), _EN.type.in_(_TYPES), window)
                    for window in (_NAMED_DATED, _EN.date_start.is_(None)))).subquery()
_NAMED_AROUND = select(_BOTH.c.id).distinct().order_by(_BOTH.c.id.desc()).limit(CANDIDATE_LIMIT)


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
    return set(run(session, _NAMED_AROUND, {"types": [type_], "ids": ids, **window}).scalars())
