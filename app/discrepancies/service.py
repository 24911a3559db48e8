"""Where sources disagree: claims grouped by (event, kind, attribute), and each side's readout of an event."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, select

from app.discrepancies.aliases import alias_candidates, alias_discrepancy
from app.errors import NotFound
from app.events.service import source_label
from app.filters import Paging
from app.listing import EXPORT_BATCH, count_rows
from app.models import Actor, Claim, Document, DocumentSource, Event, Statement
from app.pagination import COUNT_CAP, MAX_ID, decode_cursor, encode_cursor
from app.text import normalize

EVENT_SECTION, ALIAS_SECTION = "event", "alias"
ALIAS_BATCH = 200  # alias candidates examined per query while filling a page


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


class DiscrepancyLister:
    """Discrepancies as a list like every other: keyset cursor, `limit`, capped `total`, CSV/NDJSON exports.

    Event attributes come first, by their first claim id, then actor spellings, by actor id; the cursor is
    (section, id). It offers what `app.responses.listing_response` uses of `app.listing.Lister`.
    """

    kind = "discrepancies"
    key_types = ((EVENT_SECTION, ALIAS_SECTION), int)

    def __init__(self, *, event_id: int | None = None, source: str | None = None, kind: str | None = None) -> None:
        self.event_id, self.source, self.wanted = event_id, source, kind
        self.with_events = kind != "alias"
        self.with_aliases = kind in (None, "alias") and event_id is None

    def after(self, cursor: str | None) -> tuple[str, int] | None:
        """The decoded cursor; a 422 for anything this listing did not issue."""
        after = decode_cursor(cursor, self.kind, self.key_types)
        return (after[0], after[1]) if after else None

    def _fetch(self, session: Session, after: tuple[str, int] | None, limit: int) -> list[dict[str, Any]]:
        """Up to `limit` items after the cursor."""
        section, after_id = after or (EVENT_SECTION, None)
        items: list[dict[str, Any]] = []
        if self.with_events and section == EVENT_SECTION:
            stmt, first = _groups(self.event_id, self.source, self.wanted)
            if after_id is not None:
                stmt = stmt.having(func.min(Claim.id) > after_id)
            rows = session.exec(stmt.order_by(first).limit(limit)).all()
            items += [_discrepancy(session, *row) for row in rows]
        if self.with_aliases and len(items) < limit:
            items += self._aliases(session, after_id if section == ALIAS_SECTION else None, limit - len(items))
        return items

    def _aliases(self, session: Session, after_id: int | None, limit: int) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        while len(found) < limit:
            candidates = alias_candidates(session, self.source, after_id, ALIAS_BATCH)
            found += [d for d in (alias_discrepancy(session, actor_id, source_label) for actor_id in candidates) if d]
            if len(candidates) < ALIAS_BATCH:
                break
            after_id = candidates[-1]
        return found[:limit]

    def total(self, session: Session) -> tuple[int, bool]:
        """(total, is_lower_bound), counting at most COUNT_CAP discrepancies like every list."""
        total = 0
        if self.with_events:
            stmt, _ = _groups(self.event_id, self.source, self.wanted)
            total = count_rows(session, stmt, COUNT_CAP)
        if self.with_aliases and total <= COUNT_CAP:
            total += len(self._aliases(session, None, COUNT_CAP + 1 - total))
        return (COUNT_CAP, True) if total > COUNT_CAP else (total, False)

    def page(self, session: Session, paging: Paging) -> dict[str, Any]:
        """One page: {items, next_cursor, total, total_is_lower_bound}."""
        items = self._fetch(session, self.after(paging.cursor), paging.limit + 1)
        page, more = items[: paging.limit], len(items) > paging.limit
        nxt = encode_cursor(self.kind, _key(page[-1])) if more and page else None
        total, lower = self.total(session) if paging.count else (None, False)
        return {"items": page, "next_cursor": nxt, "total": total, "total_is_lower_bound": lower}

    def iterate(self, sessions: Callable[[], Session], paging: Paging) -> Iterator[dict[str, Any]]:
        """Every item from the cursor on (or `limit` of them), each batch in a short session of its own."""
        after = self.after(paging.cursor)
        remaining = paging.limit if paging.limit_given else None
        while remaining is None or remaining > 0:
            size = EXPORT_BATCH if remaining is None else min(EXPORT_BATCH, remaining)
            with sessions() as session:
                items = self._fetch(session, after, size)
            yield from items
            if remaining is not None:
                remaining -= len(items)
            if len(items) < size:
                return
            after = tuple(_key(items[-1]))


def _key(item: dict[str, Any]) -> list[Any]:
    return [ALIAS_SECTION if item["kind"] == "alias" else EVENT_SECTION, item["id"]]


def discrepancy_lister(*, event_id: int | None = None, source: str | None = None,
                       kind: str | None = None) -> DiscrepancyLister:
    """Where sources disagree, optionally about one event, involving one source, or of one kind."""
    return DiscrepancyLister(event_id=event_id, source=source, kind=kind)


def list_discrepancies(session: Session, *, event_id: int | None = None, source: str | None = None,
                       kind: str | None = None, limit: int = 50, cursor: str | None = None) -> dict[str, Any]:
    """One page of discrepancies: {items, next_cursor, total, total_is_lower_bound}."""
    lister = discrepancy_lister(event_id=event_id, source=source, kind=kind)
    return lister.page(session, Paging(limit=limit, cursor=cursor))


def _discrepancy(session: Session, event_id: int, kind: str, attribute: str, first_id: int) -> dict[str, Any]:
    claims = session.exec(
        select(Claim, Document.outlet, Document.cites).join(Document, Document.id == Claim.document_id)
        .where(Claim.event_id == event_id, Claim.kind == kind, Claim.attribute == attribute)
        .order_by(Claim.document_id, Claim.id)
    ).all()
    values = [{"value": c.value, "document_id": c.document_id, "source": source_label(outlet, cites),
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
            "source": source_label(outlet, cites),
            "speaker": {"actor_id": speaker.id if speaker else None, "name": speaker.name if speaker else None},
        })
    names = {i: session.get(Actor, i).name for i in sides if i is not None}
    order = sorted(sides, key=lambda i: (i is None, names.get(i, "")))
    return {"event_id": event_id,
            "sides": [{"country": names.get(i), "statements": sides[i]} for i in order]}
