"""One document's repeated reads while it merges and splits stored events (app.ingest.anchors.merge_chain, then
app.ingest.vague.split_ambiguous): both read each touched event's stored view and candidates, and the split reads
each candidate's view and vague accounts again per account. Nothing is written between those reads unless a merge
or a split happens, so they are kept until the next write, which clears them all (the functions that write call
`clear` first): a cached read is exactly the read it replaces. The stored views `match_events` read before the
document's events were stored serve as well, but for the events the document joined (`seed`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlmodel import Session

from app.ingest.context import DocumentFacts
from app.ingest.fusion import candidate_ids, lookup_key, stored_views
from app.ingest.matching_events import EventView


class DocumentReads:
    """Stored views, candidate ids and account views of events, valid until `clear`."""

    def __init__(self) -> None:
        self._views: dict[int, EventView | None] = {}
        self._candidates: dict[tuple[int, bool], list[int]] = {}
        self._reports: dict[int, EventView] = {}
        self._primed: dict[int, tuple[tuple, list[int]]] = {}
        # what the lookups read of actors and places: not cleared by the event writes, which change neither
        self.facts = DocumentFacts()

    def clear(self) -> None:
        self._views.clear()
        self._candidates.clear()
        self._reports.clear()
        self._primed.clear()

    def views(self, session: Session, ids: Iterable[int]) -> dict[int, EventView]:
        """`stored_views` (each event's view is built from its own rows, so one read of many serves each)."""
        ids = set(ids)
        missing = ids - self._views.keys()
        if missing:
            found = stored_views(session, missing, self.facts)
            self._views |= {i: found.get(i) for i in missing}
        return {i: self._views[i] for i in sorted(ids) if self._views[i] is not None}

    def seed(self, views: dict[int, EventView]) -> None:
        """Views read before this document's writes, of events those writes left alone (`store_events` says which):
        what `stored_views` would read for them now."""
        for event_id, view in views.items():
            self._views.setdefault(event_id, view)

    def prime(self, event_id: int, key: tuple, ids: list[int]) -> None:
        """What `candidate_ids(view, near=True)` gave before this document stored its events, for a new event
        whose stored view has lookup key `key` (app.ingest.fusion.lookup_key); valid only while no lookup's cap
        could bind with the document's events added (the caller checks), since those writes can only add the
        document's own events, which the matchers never take for one of its events (they share a document)."""
        self._primed[event_id] = (key, ids)

    def candidates(self, session: Session, event_id: int, view: EventView, near: bool = False) -> list[int]:
        """`candidate_ids` of the event's stored view (`view`, read through `views`); `near` as there."""
        if (event_id, near) not in self._candidates:
            primed = self._primed.get(event_id) if near else None
            if primed is not None and primed[0] == lookup_key(view):
                self._candidates[(event_id, near)] = primed[1]
            else:
                self._candidates[(event_id, near)] = candidate_ids(session, view, near, self.facts)
        return list(self._candidates[(event_id, near)])

    def report_view(self, report_id: int, read: Callable[[], EventView]) -> EventView:
        """One account's view (app.ingest.vague._report_view)."""
        if report_id not in self._reports:
            self._reports[report_id] = read()
        return self._reports[report_id]
