"""Where a document's events and location actors are: its place phrases resolved in its own context (app.places),
stored as place rows, with each document's resolution of an actor kept for the vote that gives its place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlmodel import Session

from app.extract.types import ExtractedActor, ExtractedDocument
from app.models import ActorPlace
from app.places.gazetteer import Entry, gazetteer
from app.places.resolve import Resolver, build_context, clean, is_named
from app.places.service import place_ids, refresh_actor_places
from app.sqlcore import insert_rows
from app.text import normalize

PLACE_ACTORS = ("location", "country")
AFTER_MENTION = 60  # characters after an actor's mention searched for "in X" ("a hall in X")


@dataclass
class DocumentPlaces:
    """One document's resolutions: extracted event key -> place id, extracted actor key -> place id."""

    events: dict[str, int] = field(default_factory=dict)
    actors: dict[str, int] = field(default_factory=dict)


def resolve_places(extracted: ExtractedDocument) -> tuple[dict[str, Entry], dict[str, Entry]]:
    """Gazetteer entries of the document's event locations and place actors (pure: no database)."""
    gaz = gazetteer()
    actors = extracted.actors
    ctx = build_context(
        gaz, extracted.text,
        countries=[(a.name, a.aliases, len(a.mentions)) for a in actors if a.type == "country"],
        locations=[(a.name, len(a.mentions)) for a in actors if a.type == "location"],
        affiliations=[a.country for a in actors if a.country and a.type != "country"])
    resolver = Resolver(gaz, ctx)
    events: dict[str, Entry] = {}
    by_text: dict[str, Entry] = {}
    earlier: list[tuple[str, Entry]] = []  # resolved place phrases in text order
    for event in sorted(extracted.events, key=lambda e: (min((s.start for s in e.evidence), default=0), e.key)):
        if not event.location:
            continue
        if is_named(event.location):
            entry = resolver.resolve(event.location, [s.text for s in event.evidence])
        else:
            entry = _antecedent(event.location, earlier)
        if entry is not None:
            events[event.key] = entry
            by_text.setdefault(normalize(event.location), entry)
            earlier.append((event.location, entry))
    places: dict[str, Entry] = {}
    for actor in actors:
        if actor.type not in PLACE_ACTORS:
            continue
        entry = next((by_text[n] for n in map(normalize, [actor.name, *actor.aliases]) if n in by_text), None)
        if entry is None:
            entry = resolver.resolve(actor.name, _after_mentions(actor))
        if entry is not None:
            places[actor.key] = entry
    return events, places


def _antecedent(text: str, earlier: list[tuple[str, Entry]]) -> Entry | None:
    """A generic place ("the airport") takes the latest named place before it with the same head noun
    ("Moscow airports"), at that place's precision; extraction already re-mentions most of them."""
    head = _singular(clean(text).split()[-1].lower()) if clean(text) else ""
    for phrase, entry in reversed(earlier):
        if head and head in {_singular(w.lower()) for w in re.findall(r"[\w'-]+", phrase)}:
            return entry
    return None


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _after_mentions(actor: ExtractedActor) -> list[str]:
    """What follows each mention in its sentence ("... hall in X"), for a venue the gazetteer lacks."""
    out = []
    for span in actor.mentions:
        if span.sentence:
            offset = span.end - span.sentence_start
            out.append(span.sentence[offset: offset + AFTER_MENTION])
    return out


def store_places(session: Session, document_id: int, extracted: ExtractedDocument,
                 actor_ids: dict[str, int]) -> dict[str, int]:
    """Place rows for the document's resolutions; its actor_place rows and its actors' voted places.
    Returns extracted event key -> place id for the reports."""
    events, actors = resolve_places(extracted)
    ids = place_ids(session, [*events.values(), *actors.values()])
    rows = {}
    for key, entry in actors.items():
        if key in actor_ids:  # one stored actor may hold several local ones: the first resolution wins
            rows.setdefault(actor_ids[key], ids[entry.key])
    if rows:
        insert_rows(session, ActorPlace.__table__, [{"actor_id": a, "document_id": document_id, "place_id": p}
                                             for a, p in sorted(rows.items())])
        refresh_actor_places(session, rows)
    return {key: ids[entry.key] for key, entry in events.items()}
