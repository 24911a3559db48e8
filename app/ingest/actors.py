"""Stored actors: keys, matching candidates, and fusing an actor from every source's account of it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, union
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.changes.service import record
from app.ingest.accounts import ActorAccount, Tally, accounts_of, rebuild_tally
from app.ingest.matching_actors import SHORT_SURNAME, Profile, consonants, match_score, profile
from app.models import Actor, ActorAlias, ActorNameKey, ActorWord
from app.sqlcore import insert_rows, no_index, run
from app.text import normalize

MAX_NAME = 300


def actor_key(type_: str, name: str) -> str:
    """The unique key: type plus the normalised canonical name."""
    return f"{type_}:{normalize(name)}"[:400]


def pick(values: Iterable[str | None]) -> str | None:
    """Order-independent choice among sources: most frequent, then longest, then alphabetical."""
    return pick_counted(Counter(v for v in values if v))


def pick_counted(counts: Counter) -> str | None:
    """`pick` over values already counted (zero and negative counts are no value)."""
    present = [v for v, n in counts.items() if v and n > 0]
    if not present:
        return None
    return min(present, key=lambda v: (-counts[v], -len(v), v))


def pick_name(names: list[str], type_: str) -> str | None:
    """The canonical name: for people a full name beats a bare surname; then as `pick`."""
    return pick_name_counted(Counter(n for n in names if n), type_)


def pick_name_counted(counts: Counter, type_: str) -> str | None:
    if type_ == "person" and any(len(n.split()) > 1 for n, k in counts.items() if k > 0):
        counts = Counter({n: k for n, k in counts.items() if len(n.split()) > 1})
    return pick_counted(counts)


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _stems(wanted: Profile) -> list[str]:
    """People: the first letters of each surname and first name part, so spelling variants, bare surnames and
    family names written first ("Park" of "Park Min-jun") are candidates."""
    if wanted.type != "person":
        return []
    return sorted({w[:3] for n in wanted.names for w in (n.split()[0], n.split()[-1])})


def word_stems(normalized: Iterable[str]) -> set[str]:
    """The first one, two and three letters of every word: what `actor_word` holds for a person."""
    return {word[:n] for alias in normalized for word in alias.split() for n in (1, 2, 3) if len(word) >= n}


def name_keys(normalized: Iterable[str]) -> set[str]:
    """What `actor_name_key` holds for a person: "w:<word>" for every whole word of its aliases (what a one-word
    name looks up: "Petrov" may be anyone with that word), "o:<word>" for a one-word alias, and for a multi-word
    alias its shape: "l:<last word> <first letter of the given names>", "g:<last word> <their last three
    letters>" and "c:<last word> <their first three consonants>", "p:<abc> <xyz>" / "s:<abc> <xyz>" (the first
    three letters of the first word with the first, or the last, three letters of the last word) and, for a
    short last word, "f:<first word>:<its length>". `wanted_keys` says which a name looks up."""
    keys = set()
    for alias in normalized:
        words = alias.split()
        keys.update(f"w:{w[:300]}" for w in words)
        if len(words) == 1:
            keys.add(f"o:{words[0][:300]}")
        elif words:
            keys.update(_shape_keys(words))
    return keys


def _shape_keys(words: list[str]) -> list[str]:
    first, last, given = words[0], words[-1], " ".join(words[:-1])
    # the same last word only with given names that start alike or end alike (`same_shape`): everyone sharing a
    # surname, a set that grows with the knowledge base, is not a candidate
    keys = [f"l:{last[:300]} {given[0]}", f"g:{last[:300]} {given[-3:]}", f"c:{last[:300]} {consonants(given)}",
            f"p:{first[:3]} {last[:3]}", f"s:{first[:3]} {last[-3:]}"]
    if len(last) <= SHORT_SURNAME:
        keys.append(f"f:{first[:300]}:{len(last)}")
    return keys


def wanted_keys(wanted: Profile) -> list[str]:
    """The `name_keys` a wanted person's candidates are looked up by (none for other types: names only).

    A stored person can match (app.ingest.matching_actors.match_score) only through the same full name (found
    by alias), a name part, or a spelling variant of a full name. A name part is a one-word name that is a
    whole word of the other's, or the same last word with a compatible given name (the same, or its initial): a
    one-word name looks up "w:<word>" (every person with that word), a multi-word one "o:<word>" per word (the
    people called by that word alone) and "l:<last word> <initial>".
    A variant has the same shape (`same_shape`): the same last word with given names starting, ending or
    sounding alike, or the same first three letters of the first word with the same first or last three letters
    of the last, or the same given name and a short last word of the same length, which are its "l:"/"g:"/"c:",
    "p:", "s:" and "f:" keys.
    So a multi-word name never looks up its given name's whole word: every "John" in the knowledge base, a set
    that grows with it, of whom none could match."""
    if wanted.type != "person":
        return []
    keys = set()
    for name in wanted.names:
        words = name.split()
        if len(words) == 1:
            keys.add(f"w:{words[0][:300]}")
        elif words:
            keys.update(f"o:{w[:300]}" for w in words)
            keys.update(_shape_keys(words))
    return sorted(keys)


_DROP_WORDS = delete(ActorWord).where(ActorWord.actor_id == bindparam("actor"))
_DROP_KEYS = delete(ActorNameKey).where(ActorNameKey.actor_id == bindparam("actor"))


def sync_words(session: Session, actor: Actor, normalized: Iterable[str]) -> None:
    """Rewrite a person's word stems and name keys from its current (normalised) aliases."""
    if actor.type != "person":
        return  # only people are matched by surname
    normalized = list(normalized)
    run(session, _DROP_WORDS, {"actor": actor.id})
    stems = sorted(word_stems(normalized))
    if stems:
        insert_rows(session, ActorWord.__table__, [{"stem": s, "actor_id": actor.id} for s in stems])
    run(session, _DROP_KEYS, {"actor": actor.id})
    keys = sorted(name_keys(normalized))
    if keys:
        insert_rows(session, ActorNameKey.__table__, [{"key": k, "actor_id": actor.id} for k in keys])


def candidate_ids_select(profiles: Iterable[Profile]):
    """SQL: ids of stored actors that may be any of `profiles` (type checked apart), from two index lookups:
    an alias equal to one of the names, or (people) a shared name key (`name_keys`). A superset of those
    `stem_candidate` keeps."""
    profiles = list(profiles)
    names = sorted({n for p in profiles for n in p.names})
    keys = sorted({k for p in profiles for k in wanted_keys(p)})
    parts = []
    if names:
        parts.append(select(ActorAlias.actor_id).where(ActorAlias.normalized.in_(names)))
    if keys:
        parts.append(select(ActorNameKey.actor_id).where(ActorNameKey.key.in_(keys)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else union(*parts)


def stem_candidate(wanted: Profile, aliases: Iterable[str], stems: set[str]) -> bool:
    """Whether a stored actor with these normalised aliases (and their `word_stems`) was a candidate before
    name keys: an alias equal to a name, or a word starting with one of the wanted stems. Candidates found by
    key are kept only if they pass, so the keys narrow the old candidate set and never widen it. What they leave
    out that the stems found cannot match: the keys reach every shape `match_score` accepts (`wanted_keys`)."""
    return not wanted.names.isdisjoint(aliases) or not stems.isdisjoint(_stems(wanted))


def _candidate_ids(session: Session, wanted: Profile) -> set[int]:
    """Stored actors of the same type that share a name, or (people) a name key (`name_keys`); a superset of
    the candidates (`stem_candidate` decides)."""
    ids = candidate_ids_select([wanted])
    if ids is None:
        return set()
    rows = session.exec(select(Actor.id).where(Actor.id.in_(ids), Actor.type == wanted.type).limit(2000)).all()
    return set(rows)


def stored_profile(session: Session, actor: Actor) -> Profile:
    """The profile of a stored actor: every alias, its fused role and its country's name."""
    aliases = session.exec(select(ActorAlias.alias).where(ActorAlias.actor_id == actor.id)).all()
    country = session.get(Actor, actor.country_id).name if actor.country_id else None
    return profile(actor.type, [actor.name, *aliases], actor.role, country)


MAX_KEY = 400


def _suffixed(base: str, n: int) -> str:
    """`base#n`, the base shortened so the whole key fits the column."""
    suffix = f"#{n}"
    return base[:MAX_KEY - len(suffix)] + suffix


def _free_key(session: Session, base: str) -> str:
    """The lowest `base#n` (n >= 2) no actor holds, found with one query; there is always one."""
    stem = _escape_like(base[:MAX_KEY - 12])
    taken = set(session.exec(select(Actor.key).where(Actor.key.like(f"{stem}%", escape="\\"))).all())
    n = 2
    while _suffixed(base, n) in taken:
        n += 1
    return _suffixed(base, n)


def _insert(session: Session, account: ActorAccount, wanted: Profile) -> tuple[Actor, bool]:
    """Insert a new actor under its key, or the lowest free `key#n` when another actor holds it.

    Namesakes that do not match (two bare "Karimov"s without role or country) are distinct actors, so the
    suffixes are unbounded: a document must never fail to store because of a key. A concurrent writer that
    inserted the same key first wins, and its row is reused if it is the same actor. Returns (actor, created).

    The key is looked up before the insert instead of catching the clash in a savepoint around every insert
    (which cost more than the insert): writers hold the knowledge-base write lock (app.db.lock_for_writing)
    from the look-up to their commit, so a key found free stays free; a row another writer committed before
    shows in the look-up.
    """
    base = actor_key(account.type, account.name)
    key = base
    while True:
        taken = run(session, _KEY_TAKEN, {"key": key}).scalars().first()
        if taken is None:
            actor = Actor(key=key, name=account.name[:MAX_NAME], type=account.type, role=account.role,
                          description=account.description)
            session.add(actor)
            session.flush()
            return actor, True
        existing = session.get_one(Actor, taken)
        if match_score(wanted, stored_profile(session, existing)) > 0:
            return existing, False
        key = _free_key(session, base)


_KEY_TAKEN = select(Actor.id).where(Actor.key == bindparam("key"))


# from the alias index, not from every country (app/sqlcore.py: NoIndex)
_COUNTRY_BY_ALIAS = (select(Actor.id).join(ActorAlias, ActorAlias.actor_id == Actor.id)
                     .where(no_index(Actor.type) == "country", ActorAlias.normalized == bindparam("name"))
                     .order_by(Actor.id))


def country_id_of(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    return run(session, _COUNTRY_BY_ALIAS, {"name": normalize(name)}).scalars().first()


@dataclass
class Fused:
    """An actor's fields as its sources' accounts decide them."""

    name: str | None
    role: str | None
    description: str | None
    country: str | None
    aliases: set[str]


def fuse(type_: str, accounts: list[ActorAccount]) -> Fused:
    """Order-independent fusion of every source's account of one actor."""
    return fuse_tally(type_, Tally.of(accounts))


def fuse_tally(type_: str, tally: Tally) -> Fused:
    """The same fusion from how many accounts give each value: all it depends on, so a document's accounts are
    folded into a stored tally (O(distinct values)) instead of re-reading every account of the actor."""
    c = tally.counts
    return Fused(name=pick_name_counted(c["name"], type_), role=pick_counted(c["role"]),
                 description=pick_counted(c["description"]), country=pick_counted(c["country"]),
                 aliases={alias for alias, n in c["alias"].items() if n > 0})


def apply_fused(actor: Actor, fused: Fused, country_id: int | None) -> None:
    """Copy the fused fields onto the actor row (the aliases are the caller's to store)."""
    actor.name = fused.name or actor.name
    actor.role = fused.role
    actor.description = fused.description
    actor.country_id = country_id if actor.type != "country" and country_id != actor.id else None


def refresh_actor(session: Session, actor_id: int) -> bool:
    """Recompute name, role, country, description and aliases from every source's account.

    Deletes the actor when no document supports it any more; returns whether it still exists.
    """
    actor = session.get(Actor, actor_id)
    if actor is None:
        return False
    accounts = [acc for _, acc in accounts_of(session, actor_id)]
    rebuild_tally(session, actor_id, accounts)  # the rare path (delete, re-extraction): from every account
    if not accounts:
        session.delete(actor)
        session.flush()
        record(session, "actor", actor_id, "deleted")
        return False
    fused = fuse(actor.type, accounts)
    apply_fused(actor, fused, country_id_of(session, fused.country) if actor.type != "country" else None)
    _sync_aliases(session, actor, fused.aliases)
    rekey(session, actor)
    record(session, "actor", actor_id, "updated")
    return True


def _sync_aliases(session: Session, actor: Actor, wanted: set[str]) -> None:
    rows = {r.alias: r for r in session.exec(select(ActorAlias).where(ActorAlias.actor_id == actor.id)).all()}
    for alias, row in rows.items():
        if alias not in wanted:
            session.delete(row)
    for alias in sorted(wanted - rows.keys()):
        session.add(ActorAlias(actor_id=actor.id, alias=alias, normalized=normalize(alias)[:MAX_NAME]))
    session.flush()
    if set(rows) != wanted:
        sync_words(session, actor, [normalize(a)[:MAX_NAME] for a in sorted(wanted)])


def rekey(session: Session, actor: Actor) -> None:
    """Follow the canonical name with the key; if another actor holds that key, keep the old one."""
    wanted = actor_key(actor.type, actor.name)
    if actor.key == wanted or actor.key.startswith(wanted + "#"):
        return
    old = actor.key
    try:
        with session.begin_nested():
            actor.key = wanted
            session.flush()
    except IntegrityError:
        session.refresh(actor)
        actor.key = old
