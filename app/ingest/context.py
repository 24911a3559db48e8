"""What the event matchers read of actors and places: what each actor stands for (its country and sector), the
actors that stand for a country, and the gazetteer facts of places.

A document's event lookups read them again and again (every candidate lookup reads the agents of its
participants' countries, every stored view the members of its cast), mostly for the same few actors. Within one
document they cannot change: actors are resolved and places stored before its events, and nothing the events'
storing, merging and splitting writes touches an actor or a place. So `DocumentFacts` keeps what was read for the
whole document (app.ingest.reads.DocumentReads holds one), and each fact is read once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import bindparam
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from app.ingest.agents import AGENT_TYPES, Member, member
from app.ingest.matching_events import EventView, PlaceView
from app.models import Actor, Place
from app.sqlcore import run

# built once (app/sqlcore.py says why): `:ids`, `:countries` expand to IN lists
_IDS, _COUNTRIES = (bindparam(n, expanding=True) for n in ("ids", "countries"))
_COUNTRY = aliased(Actor)
_MEMBERS = (select(Actor.id, Actor.type, Actor.name, Actor.country_id, _COUNTRY.name)
            .outerjoin(_COUNTRY, _COUNTRY.id == Actor.country_id).where(Actor.id.in_(_IDS)))
_PLACES = select(Place.id, Place.precision, Place.country_code, Place.region_code, Place.latitude,
                 Place.longitude).where(Place.id.in_(_IDS))
# The organisations and groups of some countries, whose names say which of them are state agents or protesters
# (app.ingest.agents.member): the only actors that can stand for a country
_AGENT_ROWS = (select(Actor.id, Actor.type, Actor.name, Actor.country_id, _COUNTRY.name)
               .join(_COUNTRY, _COUNTRY.id == Actor.country_id)
               .where(Actor.country_id.in_(_COUNTRIES), Actor.type.in_(AGENT_TYPES)))


@dataclass
class DocumentFacts:
    """What one document's event lookups have read: members by actor id, places by id, agents by country id."""

    members: dict[int, Member] = field(default_factory=dict)
    places: dict[int, PlaceView] = field(default_factory=dict)
    agents: dict[int, list[int]] = field(default_factory=dict)


def members_of(session: Session, actor_ids: set[int], facts: DocumentFacts | None = None) -> dict[int, Member]:
    """What each actor stands for (its country and sector), in one query for those `facts` does not hold."""
    facts = facts or DocumentFacts()
    missing = sorted(i for i in actor_ids if i not in facts.members)
    if missing:
        for i, type_, name, country_id, country_name in run(session, _MEMBERS, {"ids": missing}).all():
            facts.members[i] = member(i, type_, name, country_id, country_name)
    return {i: facts.members[i] for i in actor_ids if i in facts.members}


def places_of(session: Session, place_ids: set[int], facts: DocumentFacts | None = None) -> dict[int, PlaceView]:
    """The gazetteer facts of the given places, in one query for those `facts` does not hold."""
    facts = facts or DocumentFacts()
    missing = sorted(i for i in place_ids if i not in facts.places)
    if missing:
        for row in run(session, _PLACES, {"ids": missing}).all():
            facts.places[row[0]] = PlaceView(*row)
    return {i: facts.places[i] for i in place_ids if i in facts.places}


def with_context(session: Session, views: Sequence[EventView], facts: DocumentFacts | None = None) -> list[EventView]:
    """The views with what their participants stand for and where their places are, two queries for all."""
    members = members_of(session, {i for v in views for i in v.participants | v.context}, facts)
    found = places_of(session, {p.id for v in views for _, p in v.all_places() if p is not None}, facts)
    return [replace(v, members=frozenset(members[i] for i in v.participants | v.context if i in members),
                    place=found.get(v.place.id) if v.place is not None else None,
                    other_places=tuple((loc, found.get(p.id) if p else None) for loc, p in v.other_places))
            for v in views]


def standing_for(session: Session, countries: list[int], facts: DocumentFacts | None = None) -> list[int]:
    """The countries and the actors that stand for one of them (`related` to it or to another of its agents):
    what the lookups by country read events and evidence of. A country's people and its named organisations
    never stand for it, and looking them up grew with the knowledge base for nothing."""
    agents = (facts or DocumentFacts()).agents
    missing = [c for c in countries if c not in agents]
    if missing:
        for country_id in missing:
            agents[country_id] = []
        # whether an actor stands for a country depends on the actor and its own country alone (`member`)
        for i, type_, name, country_id, country in run(session, _AGENT_ROWS, {"countries": missing}).all():
            if member(i, type_, name, country_id, country).sector is not None:
                agents[country_id].append(i)
    return sorted({i for c in countries for i in agents[c]} | set(countries))
