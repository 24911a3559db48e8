"""Per-source claims of a fused event: what each document says about its date, place, cast, numbers and wording."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, delete
from sqlmodel import Session, select

from app.ingest.fusion import interval_text
from app.ingest.refresh import ranked_reports_of
from app.models import Actor, Claim, Document, EventParticipant, Evidence
from app.sqlcore import insert_rows, run

UNSPECIFIED = "unspecified"
NEAR = 600  # characters around the event evidence searched for the quoted value


class _Source:
    """One report with its document and evidence spans, to anchor claims to offsets."""

    def __init__(self, report: Any, text: str, spans: list[tuple[int, int]]) -> None:
        self.report = report
        self.text = text
        self.spans = spans  # (start, end) of the report's event evidence, by start

    def locate(self, needle: str | None) -> tuple[int | None, int | None, str | None]:
        """Offsets of `needle` near the evidence (else anywhere); falls back to the first evidence span."""
        if needle:
            for start, end in self.spans:
                lo = max(0, start - NEAR)
                at = self.text.find(needle, lo, end + NEAR)
                if at >= 0:
                    return at, at + len(needle), needle
            at = self.text.find(needle)
            if at >= 0:
                return at, at + len(needle), needle
        if self.spans:
            start, end = self.spans[0]
            return start, end, self.text[start:end]
        return None, None, None

    def claim(self, kind: str, attribute: str, value: str, needle: str | None = None) -> dict:
        start, end, quote = self.locate(needle) if value != UNSPECIFIED else self._first()
        return {"event_id": self.report.event_id, "document_id": self.report.document_id, "kind": kind,
                "attribute": attribute, "value": value, "start": start, "end": end, "quote": quote}

    def _first(self) -> tuple[int | None, int | None, str | None]:
        return self.locate(None)


# What the claims of many events read, one statement each, built once (app/sqlcore.py says why)
_IDS = bindparam("ids", expanding=True)
_TEXTS = select(Document.id, Document.text).where(Document.id.in_(_IDS))
# by start, then id: the order the per-report read gave ties (its index scan is in id order)
_SPANS = (select(Evidence.event_id, Evidence.document_id, Evidence.start, Evidence.end)
          .where(Evidence.event_id.in_(_IDS), Evidence.kind == "event").order_by(Evidence.start, Evidence.id))
_CASTS = (select(EventParticipant.event_id, EventParticipant.document_id, EventParticipant.role, Actor.name)
          .join(Actor, Actor.id == EventParticipant.actor_id).where(EventParticipant.event_id.in_(_IDS)))
_DELETE = delete(Claim.__table__).where(Claim.event_id == bindparam("event"))


def _casts(session: Session, event_ids: list[int]) -> dict[tuple[int, int], dict[str, str]]:
    """(event, document) -> role -> "; "-joined sorted actor names, as that document tells it."""
    by_role: dict[tuple[int, int], dict[str, set[str]]] = {}
    for event_id, document_id, role, name in run(session, _CASTS, {"ids": event_ids}).all():
        by_role.setdefault((event_id, document_id), {}).setdefault(role, set()).add(name)
    return {key: {role: "; ".join(sorted(names)) for role, names in roles.items()} for key, roles in by_role.items()}


def _dates_conflict(reports: list) -> bool:
    """Whether some dated account's interval does not contain the narrowest one (the sources cross)."""
    dated = [(r.date_start, r.date_end or r.date_start) for r in reports if r.date_start is not None]
    if len(set(dated)) < 2:
        return False
    lo, hi = min(dated, key=lambda d: ((d[1] - d[0]).days, d))
    return any(not (s <= lo and hi <= e) for s, e in dated)


def refresh_claims(session: Session, event_id: int) -> None:
    """Rebuild the event's claims from its reports; an event told by one source has none."""
    refresh_claims_of(session, ranked_reports_of(session, [event_id]))


def refresh_claims_of(session: Session, ranked: dict[int, list]) -> None:
    """Rebuild the claims of each event from its ranked reports (app.ingest.refresh, as `refresh_events` returns
    them), in event id order. The documents' texts, the evidence spans and the casts of all the events are read
    at once; each event's claims are then deleted and written as the one-event rebuild did, so ids are the same."""
    ids = sorted(ranked)
    told = [i for i in ids if len(ranked[i]) >= 2]  # an event told by one source has no claims to read for
    texts: dict[int, str] = {}
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    casts: dict[tuple[int, int], dict[str, str]] = {}
    if told:
        documents = sorted({r.document_id for i in told for r in ranked[i]})
        texts = dict(run(session, _TEXTS, {"ids": documents}).all())
        for event_id, document_id, start, end in run(session, _SPANS, {"ids": told}).all():
            spans.setdefault((event_id, document_id), []).append((start, end))
        casts = _casts(session, told)
    for event_id in ids:
        run(session, _DELETE, {"event": event_id})
        reports = ranked[event_id]
        if len(reports) < 2:
            continue
        sources = [_Source(r, texts[r.document_id], spans.get((event_id, r.document_id), [])) for r in reports]
        insert_rows(session, Claim.__table__, _claims(sources, [casts.get((event_id, r.document_id), {})
                                                                 for r in reports]))


def _claims(sources: list[_Source], casts: list[dict[str, str]]) -> list[dict]:
    """The claim rows of an event's sources (ranked), each with its cast."""
    reports = [src.report for src in sources]
    roles = sorted({role for cast in casts for role in cast})
    numbers = sorted({k for r in reports for k in (r.numbers or {})})
    claims: list[dict] = []
    dates_conflict = _dates_conflict(reports)
    for src, cast in zip(sources, casts, strict=True):
        r = src.report
        # an undated or less precise account does not contradict a precise one; only crossing intervals do
        if dates_conflict and r.date_start is not None:
            claims.append(src.claim("date", "date", interval_text(r.date_start, r.date_end), r.date_text))
        if r.location:
            claims.append(src.claim("location", "location", r.location, r.location))
        claims.append(src.claim("characterization", "type", r.type, None))
        if r.characterization:
            claims.append(src.claim("characterization", "wording", r.characterization, r.characterization))
        # a source naming nobody in a role is silent, not contradicting ("participant" vs "source"/"target")
        for role in roles:
            if role in cast:
                claims.append(src.claim("participant", role, cast[role], None))
        # an unstated count is worth showing next to a stated one ("11 arrested" vs "several detained")
        for key in numbers:
            value = (r.numbers or {}).get(key)
            claims.append(src.claim("number", key, UNSPECIFIED if value is None else str(value),
                                    None if value is None else str(value)))
    return claims


def refresh_claims_of_actors(session: Session, actor_ids: Iterable[int]) -> None:
    """Participant claims quote actor names: rebuild them for every event of actors whose name changed."""
    ids = sorted(set(actor_ids))
    if not ids:
        return
    events = session.exec(
        select(EventParticipant.event_id).where(EventParticipant.actor_id.in_(ids)).distinct()
    ).all()
    refresh_claims_of(session, ranked_reports_of(session, events))
