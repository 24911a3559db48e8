"""What the actor resolver's prefetch reads, and which of the actors it finds are worth their aliases.

The statements are built once (app/sqlcore.py); `could_match` is a pure filter over rows already read.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Row, bindparam, delete, or_, union
from sqlmodel import select

from app.ingest.actors import MAX_NAME, wanted_keys
from app.ingest.matching_actors import Profile
from app.models import Actor, ActorAlias, ActorNameKey
from app.text import normalize

# `candidate_ids_select` with its lists bound, what found each actor and its matching facts (as `ACTOR_FACTS`).
# A name every profile naming it places in a country ("placed": "police" of an article's country) reads only the
# actors `could_match` may keep: of no country, or of one whose name or an alias is one of `anchors` (the
# profiles' countries, and the names looked up, which cover the countries this document may rename). A name is
# always one of its actor's aliases (app.ingest.accounts.Tally counts it as one), so this keeps every actor
# `could_match` keeps; it leaves out the hundreds of other countries' police and protesters a knowledge base
# gathers, which it would read and drop for every document.
_ANCHORED = select(ActorAlias.actor_id).where(ActorAlias.normalized.in_(bindparam("anchors", expanding=True)))
_FOUND_VIA = union(
    select(ActorAlias.actor_id, ActorAlias.normalized.label("via")).where(
        ActorAlias.normalized.in_(bindparam("names", expanding=True))),
    select(ActorAlias.actor_id, ActorAlias.normalized).join(Actor, Actor.id == ActorAlias.actor_id).where(
        ActorAlias.normalized.in_(bindparam("placed", expanding=True)),
        or_(Actor.country_id.is_(None), Actor.country_id.in_(_ANCHORED))),
    select(ActorNameKey.actor_id, ActorNameKey.key).where(ActorNameKey.key.in_(bindparam("keys", expanding=True)))
).subquery()
FOUND = (select(Actor.id, Actor.type, Actor.name, Actor.role, Actor.country_id, _FOUND_VIA.c.via)
         .join(_FOUND_VIA, _FOUND_VIA.c.actor_id == Actor.id))
ACTORS = select(Actor).where(Actor.id.in_(bindparam("ids", expanding=True)))
ALIASES_OF = (select(ActorAlias.actor_id, ActorAlias.alias, ActorAlias.normalized)
              .where(ActorAlias.actor_id.in_(bindparam("ids", expanding=True)))
              .order_by(ActorAlias.actor_id, ActorAlias.id))
ACTOR_FACTS = select(Actor.id, Actor.type, Actor.name, Actor.role, Actor.country_id).where(
    Actor.id.in_(bindparam("ids", expanding=True)))
DROP_ALIASES = delete(ActorAlias).where(ActorAlias.actor_id == bindparam("actor"),
                                        ActorAlias.alias.in_(bindparam("aliases", expanding=True)))


def found_params(profiles: list[Profile], names: list[str], keys: list[str]) -> dict[str, list[str]]:
    """`FOUND`'s parameters: the names some profile names with no country (read whole), those every profile
    naming them places in a country (read as `could_match` may keep them), the keys, and the anchors."""
    open_names = {n for p in profiles if not p.country for n in p.names}  # `names` holds every profile's names
    countries = {p.country[:MAX_NAME] for p in profiles if p.country}
    return {"names": sorted(open_names), "placed": sorted(set(names) - open_names), "keys": keys,
            "anchors": sorted(countries | set(names))}


def could_match(found: dict[int, set[str]], profiles: list[Profile], get: Callable[[int], Actor | Row]) -> list[int]:
    """Those of the found actors (id -> the names and keys that found them; `get` gives an id's facts) some
    profile they share a name or key with could match: of its type, and not placed in another country
    (`match_score` is 0 when both name a country and they differ: "Police Forces of X" for the police of Y). An
    actor whose country is itself found here is kept: that country may be renamed by this document (countries
    resolve first)."""
    # per name or key, per type: [whether a profile of that type names no country, the countries named]
    by_via: dict[str, dict[str, list]] = {}
    for p in profiles:
        for via in {*p.names, *wanted_keys(p)}:
            entry = by_via.setdefault(via, {}).setdefault(p.type, [False, set()])
            if p.country:
                entry[1].add(p.country)
            else:
                entry[0] = True
    volatile = {i for i in found if get(i).type == "country"}
    kept = []
    names: dict[int, str] = {}  # country id -> normalised name: hundreds of found actors share a few countries
    for actor_id, vias in found.items():
        actor = get(actor_id)
        country = None
        if actor.country_id is not None and actor.country_id not in volatile:
            country = names.get(actor.country_id)
            if country is None:
                country = names[actor.country_id] = normalize(get(actor.country_id).name)
        for via in vias:
            entry = by_via.get(via, {}).get(actor.type)
            if entry and (not country or entry[0] or country in entry[1]):
                kept.append(actor_id)
                break
    return sorted(kept)
