"""Per-source claims of a fused event: what each document says about its date, place, cast, numbers and wording."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete
from sqlmodel import Session, select

from app.ingest.fusion import interval_text, ranked_reports
from app.models import Actor, Claim, Document, EventParticipant, EventReport, Evidence

UNSPECIFIED = "unspecified"
NEAR = 600  # characters around the event evidence searched for the quoted value


class _Source:
    """One report with its document and evidence spans, to anchor claims to offsets."""

    def __init__(self, session: Session, report: EventReport) -> None:
        self.report = report
        self.text = session.get(Document, report.document_id).text
        self.spans = session.exec(
            select(Evidence).where(Evidence.event_id == report.event_id, Evidence.document_id == report.document_id,
                                   Evidence.kind == "event").order_by(Evidence.start)
        ).all()

    def locate(self, needle: str | None) -> tuple[int | None, int | None, str | None]:
        """Offsets of `needle` near the evidence (else anywhere); falls back to the first evidence span."""
        if needle:
            for span in self.spans:
                lo = max(0, span.start - NEAR)
                at = self.text.find(needle, lo, span.end + NEAR)
                if at >= 0:
                    return at, at + len(needle), needle
            at = self.text.find(needle)
            if at >= 0:
                return at, at + len(needle), needle
        if self.spans:
            first = self.spans[0]
            return first.start, first.end, self.text[first.start:first.end]
        return None, None, None

    def claim(self, kind: str, attribute: str, value: str, needle: str | None = None) -> Claim:
        start, end, quote = self.locate(needle) if value != UNSPECIFIED else self._first()
        return Claim(event_id=self.report.event_id, document_id=self.report.document_id, kind=kind,
                     attribute=attribute, value=value, start=start, end=end, quote=quote)

    def _first(self) -> tuple[int | None, int | None, str | None]:
        return self.locate(None)


def _cast(session: Session, event_id: int, document_id: int) -> dict[str, str]:
    """role -> "; "-joined sorted actor names, as this document tells it."""
    rows = session.exec(
        select(EventParticipant.role, Actor.name).join(Actor, Actor.id == EventParticipant.actor_id)
        .where(EventParticipant.event_id == event_id, EventParticipant.document_id == document_id)
    ).all()
    by_role: dict[str, set[str]] = {}
    for role, name in rows:
        by_role.setdefault(role, set()).add(name)
    return {role: "; ".join(sorted(names)) for role, names in by_role.items()}


def _dates_conflict(reports: list[EventReport]) -> bool:
    """Whether some dated account's interval does not contain the narrowest one (the sources cross)."""
    dated = [(r.date_start, r.date_end or r.date_start) for r in reports if r.date_start is not None]
    if len(set(dated)) < 2:
        return False
    lo, hi = min(dated, key=lambda d: ((d[1] - d[0]).days, d))
    return any(not (s <= lo and hi <= e) for s, e in dated)


def refresh_claims(session: Session, event_id: int) -> None:
    """Rebuild the event's claims from its reports; an event told by one source has none."""
    session.execute(delete(Claim).where(Claim.event_id == event_id))
    reports = [r for r, _ in ranked_reports(session, event_id)]
    if len(reports) < 2:
        session.flush()
        return
    sources = [_Source(session, r) for r in reports]
    casts = [_cast(session, event_id, r.document_id) for r in reports]
    roles = sorted({role for cast in casts for role in cast})
    numbers = sorted({k for r in reports for k in (r.numbers or {})})
    claims: list[Claim] = []
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
    session.add_all(claims)
    session.flush()


def refresh_claims_of_actors(session: Session, actor_ids: Iterable[int]) -> None:
    """Participant claims quote actor names: rebuild them for every event of actors whose name changed."""
    ids = sorted(set(actor_ids))
    if not ids:
        return
    events = session.exec(
        select(EventParticipant.event_id).where(EventParticipant.actor_id.in_(ids)).distinct()
    ).all()
    for event_id in sorted(events):
        refresh_claims(session, event_id)
