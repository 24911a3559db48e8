"""Where sources disagree: claims grouped by (event, kind, attribute), and each side's readout of an event."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, select

from app.discrepancies.aliases import alias_discrepancies
from app.errors import NotFound
from app.models import Actor, Claim, Document, DocumentSource, Event, Statement
from app.pagination import MAX_ID
from app.text import normalize

EVENT_SECTION, ALIAS_SECTION = "event", "alias"


def _source_label(outlet: str | None, cites: list[str] | None) -> str | None:
    return outlet or (cites[0] if cites else None)


def _groups(event_id: int | None, source: str | None, kind: str | None):
    """(event_id, kind, attribute, first claim id) of every group with two values from two documents."""
    first = func.min(Claim.id).label("first_id")
    stmt = select(Claim.event_id, Claim.kind, Claim.attribute, first).group_by(
        Claim.event_id, Claim.kind, Claim.attribute
    ).having(func.count(func.distinct(Claim.value)) >= 2, func.count(func.distinct(Claim.document_id)) >= 2)
    if event_id is not None:
        stmt = stmt.where(Claim.event_id == event_id)
    if kind:
        stmt = stmt.where(Claim.kind == kind)
    if source:
        named = select(DocumentSource.document_id).where(DocumentSource.normalized == normalize(source))
        if source.isdecimal() and len(source) <= 10 and int(source) <= MAX_ID:
            involved = Claim.document_id.in_(named) | (Claim.document_id == int(source))
        else:
            involved = Claim.document_id.in_(named)
        stmt = stmt.having(func.max(case((involved, 1), else_=0)) == 1)
    return stmt, first


def list_discrepancies(session: Session, *, event_id: int | None = None, source: str | None = None,
                       kind: str | None = None, limit: int = 50, after_id: int | None = None,
                       after_section: str = EVENT_SECTION) -> dict[str, Any]:
    """One page: event attributes (ordered by first claim id), then actor aliases (by actor id).

    Returns {"items", "total", "next_after_id", "next_section"}; pass the last two back to get the next page.
    """
    want_events = kind != "alias"
    want_aliases = kind in (None, "alias") and event_id is None
    items: list[dict[str, Any]] = []
    total = 0
    if want_events:
        stmt, first = _groups(event_id, source, kind)
        total += session.exec(select(func.count()).select_from(stmt.subquery())).one()
        if after_section == EVENT_SECTION:
            if after_id is not None:
                stmt = stmt.having(func.min(Claim.id) > after_id)
            rows = session.exec(stmt.order_by(first).limit(limit + 1)).all()
            items += [_discrepancy(session, *row) for row in rows]
    if want_aliases:
        aliases = alias_discrepancies(session, source, None, _source_label)
        total += len(aliases)
        if after_section == ALIAS_SECTION and after_id is not None:
            aliases = [d for d in aliases if d["id"] > after_id]
        items += aliases
    page = items[:limit]
    more = len(items) > limit
    last = page[-1] if more and page else None
    return {"items": page, "total": total, "next_after_id": last["id"] if last else None,
            "next_section": (ALIAS_SECTION if last["kind"] == "alias" else EVENT_SECTION) if last else None}


def _discrepancy(session: Session, event_id: int, kind: str, attribute: str, first_id: int) -> dict[str, Any]:
    claims = session.exec(
        select(Claim, Document.outlet, Document.cites).join(Document, Document.id == Claim.document_id)
        .where(Claim.event_id == event_id, Claim.kind == kind, Claim.attribute == attribute)
        .order_by(Claim.document_id, Claim.id)
    ).all()
    values = [{"value": c.value, "document_id": c.document_id, "source": _source_label(outlet, cites),
               "quote": c.quote, "start": c.start, "end": c.end} for c, outlet, cites in claims]
    return {"id": first_id, "event_id": event_id, "actor_id": None, "kind": kind, "attribute": attribute,
            "values": values}


def get_readouts(session: Session, event_id: int) -> dict[str, Any]:
    """Statements about the event grouped by side: the speaker's country (a country speaks for itself)."""
    if session.get(Event, event_id) is None:
        raise NotFound(f"event {event_id} does not exist")
    rows = session.exec(
        select(Statement, Actor, Document.outlet, Document.cites)
        .join(Document, Document.id == Statement.document_id)
        .outerjoin(Actor, Actor.id == Statement.speaker_id)
        .where(Statement.event_id == event_id).order_by(Statement.id)
    ).all()
    sides: dict[int | None, list[dict]] = defaultdict(list)
    for statement, speaker, outlet, cites in rows:
        side = None
        if speaker is not None:
            side = speaker.id if speaker.type == "country" else speaker.country_id
        sides[side].append({
            "id": statement.id, "text": statement.text, "cue": statement.cue, "document_id": statement.document_id,
            "source": _source_label(outlet, cites),
            "speaker": {"actor_id": speaker.id if speaker else None, "name": speaker.name if speaker else None},
        })
    names = {i: session.get(Actor, i).name for i in sides if i is not None}
    order = sorted(sides, key=lambda i: (i is None, names.get(i, "")))
    return {"event_id": event_id,
            "sides": [{"country": names.get(i), "statements": sides[i]} for i in order]}
