"""Actor queries: lists by name, type or document; one actor; its events, statements and network."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, distinct, func, literal_column, or_, select
from sqlmodel import Session

from app.errors import NotFound
from app.filters import Filters
from app.inline import aliases_json, fragment
from app.listing import Inline, Lister, _escape_like, id_keyset, source_condition
from app.models import Actor, ActorAlias, EventParticipant, Evidence, Statement
from app.text import normalize


def actor_lister(session: Session, f: Filters, kind: str | None) -> Lister:
    """Actors matching a name query, a type, a document or a source, by id."""
    stmt = select(Actor.id)
    if kind:
        stmt = stmt.where(Actor.type == kind)
    if f.q:
        folded = normalize(f.q)
        if not folded:
            stmt = stmt.where(Actor.id < 0)
        else:
            pattern = f"%{_escape_like(folded)}%"
            stmt = stmt.where(Actor.id.in_(select(ActorAlias.actor_id)
                                           .where(ActorAlias.normalized.like(pattern, escape="\\"))))
    if f.document:
        stmt = stmt.where(or_(
            Actor.id.in_(select(Evidence.actor_id).where(Evidence.document_id == f.document)),
            Actor.id.in_(select(EventParticipant.actor_id).where(EventParticipant.document_id == f.document)),
            Actor.id.in_(select(Statement.speaker_id).where(Statement.document_id == f.document)),
        ))
    if f.source:
        stmt = stmt.where(Actor.id.in_(select(Evidence.actor_id)
                                       .where(source_condition(Evidence.document_id, f.source))))
    dialect = session.get_bind().dialect.name
    return Lister("actors", stmt, keyset=lambda s, after: id_keyset(s, Actor.id, after),
                  key_of=lambda row: [row[0]], key_types=(int,),
                  hydrate=lambda sess, rows: hydrate_actors(sess, [r[0] for r in rows]),
                  inline=Inline(lambda page: inline_actors(page, dialect), inline_actor_item,
                                key=("actors", dialect)))


# The hot path (app/inline.py): hydrate_actors' items from one statement; `actor` is the outer row.
_MENTIONS = "(SELECT count(*) FROM evidence v WHERE v.actor_id = actor.id AND v.kind = 'mention')"
_DOCUMENTS = """(SELECT count(*) FROM (SELECT v.document_id FROM evidence v WHERE v.actor_id = actor.id
UNION SELECT p.document_id FROM event_participant p WHERE p.actor_id = actor.id) x)"""


def inline_actors(page: Any, dialect: str) -> Select:
    """One page of actors with aliases (JSON text), country and counts, by id."""
    page_id = list(page.c)[0]
    A = Actor.__table__
    country = A.alias("country")
    return (select(page_id, A.c.name, A.c.type, A.c.role, A.c.country_id, country.c.name.label("country_name"),
                   literal_column(aliases_json(dialect, "actor.id")).label("aliases"),
                   literal_column(_MENTIONS).label("mentions"), literal_column(_DOCUMENTS).label("documents"))
            .select_from(page.join(A, A.c.id == page_id).outerjoin(country, country.c.id == A.c.country_id))
            .order_by(page_id))


def inline_actor_item(r: Any) -> dict[str, Any]:
    """An actor item from a row of inline_actors (the same keys and values as hydrate_actors)."""
    country = {"id": r.country_id, "name": r.country_name} if r.country_name is not None else None
    aliases = fragment(r.aliases) if r.aliases not in (None, "[]") else [r.name]
    return {"id": r[0], "name": r.name, "type": r.type, "aliases": aliases, "role": r.role, "country": country,
            "mentions": r.mentions, "documents": r.documents}


def aliases_by_actor(session: Session, ids: Iterable[int]) -> dict[int, list[str]]:
    """Every stored alias of each actor in `ids`, in alias order (an actor with none maps to [])."""
    aliases: dict[int, list[str]] = defaultdict(list)
    ids = sorted(set(ids))
    if ids:
        for actor_id, alias in session.exec(select(ActorAlias.actor_id, ActorAlias.alias)
                                            .where(ActorAlias.actor_id.in_(ids)).order_by(ActorAlias.alias)).all():
            aliases[actor_id].append(alias)
    return aliases


def hydrate_actors(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """Full actor items (aliases, country, counts) for `ids`, in that order."""
    if not ids:
        return []
    actors = {a.id: a for a in session.exec(select(Actor).where(Actor.id.in_(ids))).scalars()}
    aliases = aliases_by_actor(session, ids)
    country_ids = {a.country_id for a in actors.values() if a.country_id}
    countries = dict(session.exec(select(Actor.id, Actor.name).where(Actor.id.in_(country_ids))).all()) \
        if country_ids else {}
    mentions = dict(session.exec(
        select(Evidence.actor_id, func.count()).where(Evidence.actor_id.in_(ids), Evidence.kind == "mention")
        .group_by(Evidence.actor_id)).all())
    doc_rows = session.exec(
        select(Evidence.actor_id, Evidence.document_id).where(Evidence.actor_id.in_(ids))
        .union(select(EventParticipant.actor_id, EventParticipant.document_id)
               .where(EventParticipant.actor_id.in_(ids)))
    ).all()
    documents: dict[int, set[int]] = defaultdict(set)
    for actor_id, document_id in doc_rows:
        documents[actor_id].add(document_id)
    out = []
    for i in ids:
        a = actors.get(i)
        if a is None:
            continue
        country = {"id": a.country_id, "name": countries[a.country_id]} if a.country_id in countries else None
        out.append({"id": a.id, "name": a.name, "type": a.type, "aliases": aliases[i] or [a.name], "role": a.role,
                    "country": country, "mentions": mentions.get(i, 0), "documents": len(documents[i])})
    return out


def get_actor(session: Session, actor_id: int) -> dict[str, Any]:
    """One actor with aliases, country and counts."""
    items = hydrate_actors(session, [actor_id])
    if not items:
        raise NotFound(f"no actor with id {actor_id}")
    return items[0]


def require_actor(session: Session, actor_id: int) -> Actor:
    """The actor, or a 404."""
    actor = session.get(Actor, actor_id)
    if actor is None:
        raise NotFound(f"no actor with id {actor_id}")
    return actor


def network(session: Session, actor_id: int, limit: int) -> dict[str, Any]:
    """Actors that share events with this one, with how many events they share, most first."""
    require_actor(session, actor_id)
    mine = select(EventParticipant.event_id).where(EventParticipant.actor_id == actor_id)
    shared = func.count(distinct(EventParticipant.event_id))
    rows = session.exec(
        select(Actor.id, Actor.name, Actor.type, shared)
        .join(EventParticipant, EventParticipant.actor_id == Actor.id)
        .where(EventParticipant.event_id.in_(mine), Actor.id != actor_id)
        .group_by(Actor.id, Actor.name, Actor.type)
        .order_by(shared.desc(), Actor.id).limit(limit)
    ).all()
    return {"actor_id": actor_id,
            "items": [{"actor_id": i, "name": n, "type": t, "events": c} for i, n, t, c in rows]}
