"""Place rows: stored on first use, listed with their event counts, and the place / bbox conditions on events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from app.listing import Lister, id_keyset
from app.models import ActorPlace, Event, Place
from app.places.gazetteer import PRECISION_RANK, Entry
from app.sqlcore import run


@dataclass(frozen=True)
class BBox:
    """minlon, minlat, maxlon, maxlat (GeoJSON order); minlon > maxlon crosses the antimeridian."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


def place_ids(session: Session, entries: Iterable[Entry]) -> dict[str, int]:
    """Entry key -> place id, inserting entries not stored yet (one insert, one select). Flushes only."""
    wanted = {e.key: e for e in entries}
    if not wanted:
        return {}
    dialect = session.get_bind().dialect.name
    stmt = _NEW_PLACE.get(dialect)
    if stmt is None:  # built once per dialect; run as executemany, in key order as the rows were before
        ins = (postgresql if dialect == "postgresql" else sqlite).insert(Place.__table__)
        stmt = _NEW_PLACE[dialect] = ins.on_conflict_do_nothing(index_elements=["key"])
    run(session, stmt, [wanted[k].row() for k in sorted(wanted)])
    return dict(run(session, _PLACE_IDS, {"keys": sorted(wanted)}).all())


_NEW_PLACE: dict[str, Any] = {}
_PLACE_IDS = select(Place.key, Place.id).where(Place.key.in_(bindparam("keys", expanding=True)))


# each actor's rows counted per place first, then the few places read (built once: app/sqlcore.py says why)
_COUNTS = (select(ActorPlace.actor_id, ActorPlace.place_id, func.count().label("n"))
           .where(ActorPlace.actor_id.in_(bindparam("ids", expanding=True)))
           .group_by(ActorPlace.actor_id, ActorPlace.place_id).subquery())
_VOTES = (select(_COUNTS.c.actor_id, _COUNTS.c.place_id, Place.precision, Place.key, _COUNTS.c.n)
          .join(Place, Place.id == _COUNTS.c.place_id))


def refresh_actor_places(session: Session, actor_ids: Iterable[int]) -> None:
    """Each actor's place: the one most of its documents resolve it to (ties: the finer, then the lower key), so
    the outcome does not depend on the order documents arrived."""
    from app.models import Actor

    ids = sorted(set(actor_ids))
    if not ids:
        return
    votes: dict[int, list[tuple[int, str, str, int]]] = {i: [] for i in ids}
    for actor_id, place_id, precision, key, n in run(session, _VOTES, {"ids": ids}).all():
        votes[actor_id].append((place_id, precision, key, n))
    for actor_id, options in votes.items():
        actor = session.get(Actor, actor_id)
        if actor is None:
            continue
        best = min(options, key=lambda o: (-o[3], PRECISION_RANK.get(o[1], 9), o[2]), default=None)
        place_id = best[0] if best else None
        if actor.place_id != place_id:
            actor.place_id = place_id
            session.add(actor)
    session.flush()


def bbox_condition(box: BBox) -> ColumnElement[bool]:
    """Places whose coordinates fall in the box (places without coordinates never do)."""
    lat = Place.latitude.between(box.min_lat, box.max_lat)
    if box.min_lon <= box.max_lon:
        return and_(lat, Place.longitude.between(box.min_lon, box.max_lon))
    return and_(lat, or_(Place.longitude >= box.min_lon, Place.longitude <= box.max_lon))


def geonames_condition(geonames_id: int) -> ColumnElement[bool]:
    """Places inside a GeoNames entry: a country's or a US state's places by code, a city by its id."""
    from app.places.gazetteer import gazetteer

    entry = gazetteer().by_geonames_id(geonames_id)
    if entry is not None and entry.precision == "country":
        return Place.country_code == entry.country_code
    if entry is not None and entry.precision == "region":
        return Place.region_code == entry.region_code
    return Place.geonames_id == geonames_id


def event_place_conditions(bbox: BBox | None, place: int | None) -> list[ColumnElement[bool]]:
    """Conditions on Event.place_id for the bbox and place filters (an indexed IN over a few place ids)."""
    conds = []
    for cond in ([bbox_condition(bbox)] if bbox else []) + ([geonames_condition(place)] if place else []):
        conds.append(Event.place_id.in_(select(Place.id).where(cond)))
    return conds


# ---------------------------------------------------------------------------------------------------- listing

def place_lister(session: Session, bbox: BBox | None, country: str | None) -> Lister:
    """Places that events or actors resolve to, by id."""
    stmt = select(Place.id).where(or_(select(Event.id).where(Event.place_id == Place.id).exists(),
                                      select(ActorPlace.actor_id).where(ActorPlace.place_id == Place.id).exists()))
    if bbox:
        stmt = stmt.where(bbox_condition(bbox))
    if country:
        stmt = stmt.where(Place.country_code == country.upper())
    return Lister("places", stmt, keyset=lambda s, after: id_keyset(s, Place.id, after),
                  key_of=lambda row: [row[0]], key_types=(int,),
                  hydrate=lambda sess, rows: hydrate_places(sess, [r[0] for r in rows]))


def hydrate_places(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """Place items with their event counts, in the order of `ids`."""
    if not ids:
        return []
    places = {p.id: p for p in session.execute(select(Place).where(Place.id.in_(ids))).scalars()}
    counts = dict(session.execute(select(Event.place_id, func.count()).where(Event.place_id.in_(ids))
                                  .group_by(Event.place_id)).all())
    return [place_item(places[i]) | {"event_count": counts.get(i, 0)} for i in ids if i in places]


def place_item(p: Place) -> dict[str, Any]:
    """The public shape of a place (also inlined in events)."""
    return {"id": p.id, "geonames_id": p.geonames_id, "name": p.name, "precision": p.precision,
            "country_code": p.country_code, "region_code": p.region_code, "region_name": p.region_name,
            "latitude": p.latitude, "longitude": p.longitude}


def places_by_id(session: Session, ids: Iterable[int | None]) -> dict[int, dict[str, Any]]:
    """Place items for hydrating other resources."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return {p.id: place_item(p) for p in session.execute(select(Place).where(Place.id.in_(wanted))).scalars()}

