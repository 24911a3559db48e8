"""Resolve a document's actors against the knowledge base and keep each fused actor in step with its sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.extract.types import ExtractedActor, ExtractedDocument
from app.ingest.accounts import ActorAccount, account_evidence, accounts_of
from app.ingest.matching_actors import Profile, match_score, profile
from app.models import Actor, ActorAlias, Document, Evidence
from app.text import normalize

MAX_NAME = 300


def actor_key(type_: str, name: str) -> str:
    """The unique key: type plus the normalised canonical name."""
    return f"{type_}:{normalize(name)}"[:400]


def pick(values: Iterable[str | None]) -> str | None:
    """Order-independent choice among sources: most frequent, then longest, then alphabetical."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], -len(v), v))


def pick_name(names: list[str], type_: str) -> str | None:
    """The canonical name: for people a full name beats a bare surname; then as `pick`."""
    if type_ == "person" and any(len(n.split()) > 1 for n in names):
        names = [n for n in names if len(n.split()) > 1]
    return pick(names)


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _candidate_ids(session: Session, wanted: Profile) -> set[int]:
    """Stored actors of the same type that share a name, or (people) a surname or its first letters."""
    conds = [ActorAlias.normalized.in_(sorted(wanted.names))] if wanted.names else []
    if wanted.type == "person":
        for stem in sorted({n.split()[-1][:3] for n in wanted.names}):
            like = _escape_like(stem)
            conds += [ActorAlias.normalized.like(f"{like}%", escape="\\"),
                      ActorAlias.normalized.like(f"% {like}%", escape="\\")]
    if not conds:
        return set()
    rows = session.exec(
        select(ActorAlias.actor_id).join(Actor, Actor.id == ActorAlias.actor_id)
        .where(Actor.type == wanted.type, or_(*conds)).limit(2000)
    ).all()
    return set(rows)


def stored_profile(session: Session, actor: Actor) -> Profile:
    """The profile of a stored actor: every alias, its fused role and its country's name."""
    aliases = session.exec(select(ActorAlias.alias).where(ActorAlias.actor_id == actor.id)).all()
    country = session.get(Actor, actor.country_id).name if actor.country_id else None
    return profile(actor.type, [actor.name, *aliases], actor.role, country)


def find_match(session: Session, wanted: Profile, exclude: set[int] = frozenset()) -> Actor | None:
    """The stored actor `wanted` most certainly is, or None; ties go to the oldest actor."""
    best: tuple[float, int] | None = None
    for actor_id in _candidate_ids(session, wanted) - set(exclude):
        actor = session.get(Actor, actor_id)
        score = match_score(wanted, stored_profile(session, actor))
        if score > 0 and (best is None or (-score, actor_id) < (-best[0], best[1])):
            best = (score, actor_id)
    return session.get(Actor, best[1]) if best else None


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


def _insert(session: Session, account: ActorAccount, wanted: Profile) -> Actor:
    """Insert a new actor under its key, or the lowest free `key#n` when another actor holds it.

    Namesakes that do not match (two bare "Karimov"s without role or country) are distinct actors, so the
    suffixes are unbounded: a document must never fail to store because of a key. A concurrent writer that
    inserted the same key first wins, and its row is reused if it is the same actor.
    """
    base = actor_key(account.type, account.name)
    key = base
    while True:
        actor = Actor(key=key, name=account.name[:MAX_NAME], type=account.type, role=account.role,
                      description=account.description)
        try:
            with session.begin_nested():
                session.add(actor)
                session.flush()
            return actor
        except IntegrityError:
            existing = session.exec(select(Actor).where(Actor.key == key)).first()
            if existing is None:
                raise  # not a key clash
            if match_score(wanted, stored_profile(session, existing)) > 0:
                return existing
            key = _free_key(session, base)


class ActorResolver:
    """Maps one document's local actor keys to stored actors, recording the document's account of each."""

    def __init__(self, session: Session, document: Document) -> None:
        self.session = session
        self.document = document
        self.accounts: dict[int, tuple[ActorAccount, Evidence]] = {}

    def resolve(self, account: ActorAccount, first_mention: tuple[int, int] = (0, 0)) -> int:
        """Find or create the stored actor, fold this document's account into it and return its id."""
        wanted = profile(account.type, [account.name, *account.aliases], account.role, account.country)
        actor = find_match(self.session, wanted) or _insert(self.session, account, wanted)
        if actor.id in self.accounts:
            kept, row = self.accounts[actor.id]
            kept.merge(account)
            row.sentence = account_evidence(actor.id, self.document.id, kept).sentence
        else:
            account.aliases = sorted(set(account.aliases) | {account.name})
            row = account_evidence(actor.id, self.document.id, account, *first_mention)
            self.session.add(row)
            self.accounts[actor.id] = (account, row)
        self.session.flush()
        refresh_actor(self.session, actor.id)
        return actor.id

    def country(self, name: str) -> int:
        """The country actor called `name`, supported by this document."""
        return self.resolve(ActorAccount(name=name, type="country", aliases=[name]))


def resolve_document_actors(session: Session, document: Document, extracted: ExtractedDocument) -> dict[str, int]:
    """Resolve every extracted actor (countries first, so others can point at them); write mention evidence."""
    resolver = ActorResolver(session, document)
    ordered = sorted(extracted.actors, key=lambda a: a.type != "country")
    ids: dict[str, int] = {}
    for extracted_actor in ordered:
        if extracted_actor.country and extracted_actor.type != "country":
            resolver.country(extracted_actor.country)
        ids[extracted_actor.key] = resolver.resolve(_account(extracted_actor), _first_mention(extracted_actor))
    for extracted_actor in extracted.actors:
        for span in extracted_actor.mentions:
            session.add(Evidence(kind="mention", actor_id=ids[extracted_actor.key], document_id=document.id,
                                 start=span.start, end=span.end, sentence=span.sentence or span.text))
    session.flush()
    return ids


def _account(a: ExtractedActor) -> ActorAccount:
    aliases = sorted({s.strip()[:MAX_NAME] for s in [a.name, *a.aliases] if s and s.strip()})
    return ActorAccount(name=a.name.strip()[:MAX_NAME], type=a.type, role=a.role, country=a.country,
                        description=a.description, aliases=aliases)


def _first_mention(a: ExtractedActor) -> tuple[int, int]:
    if not a.mentions:
        return (0, 0)
    span = min(a.mentions, key=lambda s: s.start)
    return (span.start, span.end)


def _country_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    row = session.exec(
        select(Actor.id).join(ActorAlias, ActorAlias.actor_id == Actor.id)
        .where(Actor.type == "country", ActorAlias.normalized == normalize(name)).order_by(Actor.id)
    ).first()
    return row


def refresh_actor(session: Session, actor_id: int) -> bool:
    """Recompute name, role, country, description and aliases from every source's account.

    Deletes the actor when no document supports it any more; returns whether it still exists.
    """
    actor = session.get(Actor, actor_id)
    if actor is None:
        return False
    accounts = [acc for _, acc in accounts_of(session, actor_id)]
    if not accounts:
        session.delete(actor)
        session.flush()
        return False
    actor.name = pick_name([a.name for a in accounts], actor.type) or actor.name
    actor.role = pick(a.role for a in accounts)
    actor.description = pick(a.description for a in accounts)
    country = pick(a.country for a in accounts)
    actor.country_id = _country_id(session, country) if actor.type != "country" else None
    if actor.country_id == actor.id:
        actor.country_id = None
    _sync_aliases(session, actor, {alias for a in accounts for alias in [a.name, *a.aliases]})
    _rekey(session, actor)
    return True


def _sync_aliases(session: Session, actor: Actor, wanted: set[str]) -> None:
    rows = {r.alias: r for r in session.exec(select(ActorAlias).where(ActorAlias.actor_id == actor.id)).all()}
    for alias, row in rows.items():
        if alias not in wanted:
            session.delete(row)
    for alias in sorted(wanted - rows.keys()):
        session.add(ActorAlias(actor_id=actor.id, alias=alias, normalized=normalize(alias)[:MAX_NAME]))
    session.flush()


def _rekey(session: Session, actor: Actor) -> None:
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
