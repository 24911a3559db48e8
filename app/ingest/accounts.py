"""One document's account of an actor (name, role, country, aliases), kept so the fused actor can be recomputed.

Events keep each source's version in `event_report`; actors have no such table, so each document's account is
an Evidence row of kind "account" (one per actor and document) whose `sentence` holds the account as JSON and
whose offsets are the first mention. Deleting a document deletes its accounts with its other evidence, and the
actor is rebuilt from the accounts that remain. (A dedicated actor_report table would be the cleaner home.)
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from sqlalchemy import bindparam, delete
from sqlmodel import Session, select

from app.models import ActorTally, Evidence
from app.sqlcore import run, upsert_rows

ACCOUNT_KIND = "account"


@dataclass
class ActorAccount:
    """What one document says about one stored actor."""

    name: str
    type: str
    role: str | None = None
    country: str | None = None
    description: str | None = None
    aliases: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # people: the countries the document names (co-mentions)

    def merge(self, other: ActorAccount) -> None:
        """Fold another local actor of the same document that resolved to the same stored actor."""
        self.role = self.role or other.role
        self.country = self.country or other.country
        self.description = self.description or other.description
        # the longer name is the fuller one ("Ivan Petrov" over "Petrov"); ties by spelling
        self.name = max([self.name, other.name], key=lambda n: (len(n), [-ord(c) for c in n]))
        self.aliases = sorted(set(self.aliases) | set(other.aliases) | {other.name})
        self.context = sorted(set(self.context) | set(other.context))


def account_evidence(actor_id: int, document_id: int, account: ActorAccount, start: int = 0, end: int = 0) -> Evidence:
    """The Evidence row that stores `account`."""
    return Evidence(kind=ACCOUNT_KIND, actor_id=actor_id, document_id=document_id, start=start, end=end,
                    sentence=account_payload(account))


def account_payload(account: ActorAccount) -> str:
    """The account as the evidence row's `sentence` holds it."""
    return json.dumps(asdict(account), ensure_ascii=False, sort_keys=True)


def accounts_of(session: Session, actor_id: int) -> list[tuple[int, ActorAccount]]:
    """Every (document_id, account) stored for the actor, ordered by document id."""
    rows = session.exec(
        select(Evidence.document_id, Evidence.sentence)
        .where(Evidence.actor_id == actor_id, Evidence.kind == ACCOUNT_KIND)
        .order_by(Evidence.document_id)
    ).all()
    return [(doc_id, ActorAccount(**json.loads(payload))) for doc_id, payload in rows]


# ------------------------------------------------------------------------------------------------- the tally
# Fusing an actor needs only, per field, how many accounts give each value (app.ingest.actors.fuse_tally), so
# each actor keeps that tally (actor_tally) next to its accounts: a new document's accounts are added to it, and
# fusing costs O(distinct values) instead of reading every account of a popular actor. A delete or a
# re-extraction rebuilds it from the accounts that remain (app.ingest.actors.refresh_actor).
TALLY_FIELDS = ("name", "role", "description", "country", "alias")


@dataclass
class Tally:
    """Per field, how many accounts give each (non-empty) value; `alias` counts every name and alias."""

    counts: dict[str, Counter] = field(default_factory=lambda: {f: Counter() for f in TALLY_FIELDS})

    @classmethod
    def of(cls, accounts: list[ActorAccount]) -> Tally:
        tally = cls()
        for account in accounts:
            tally.add(account)
        return tally

    def add(self, account: ActorAccount, n: int = 1) -> None:
        for name, value in (("name", account.name), ("role", account.role), ("description", account.description),
                            ("country", account.country)):
            if value:
                self.counts[name][value] += n
        for alias in {account.name, *account.aliases}:
            if alias:
                self.counts["alias"][alias] += n

    def plus(self, account: ActorAccount) -> Tally:
        """A copy with one more account."""
        out = Tally({f: Counter(c) for f, c in self.counts.items()})
        out.add(account)
        return out

    def rows(self, actor_id: int) -> list[dict]:
        return [{"actor_id": actor_id, "field": f, "digest": digest(v), "value": v, "n": n}
                for f in TALLY_FIELDS for v, n in sorted(self.counts[f].items()) if n]


def digest(value: str) -> str:
    return hashlib.sha1(value.encode()).hexdigest()


def tally_of(session: Session, actor_id: int, without: Sequence[str] = ()) -> Tally:
    """The stored tally of the actor's accounts, less the stored accounts `without` (their payloads)."""
    return tallies_of(session, [actor_id], {actor_id: list(without)})[actor_id]


def tallies_of(session: Session, actor_ids: Sequence[int], without: dict[int, list[str]]) -> dict[int, Tally]:
    """`tally_of` for several actors in one query; `without`: actor id -> the stored accounts to leave out."""
    tallies = {i: Tally() for i in actor_ids}
    for actor_id, name, value, n in run(session, _TALLIES, {"ids": sorted(tallies)}).all():
        tallies[actor_id].counts[name][value] += n
    for actor_id, tally in tallies.items():
        for payload in without.get(actor_id, ()):
            tally.add(ActorAccount(**json.loads(payload)), -1)
    return tallies


def stored_accounts(session: Session, document_id: int) -> dict[int, list[str]]:
    """The document's stored accounts (payloads) by actor, in one query: none for a document stored for the first
    time or re-extracted (its extraction is cleared first), so reading them per actor cost a query for nothing."""
    found: dict[int, list[str]] = {}
    for actor_id, payload in run(session, _ACCOUNTS_OF_DOCUMENT, {"document": document_id}).all():
        found.setdefault(actor_id, []).append(payload)
    return found


# read for every actor a document names (app/sqlcore.py: built once)
_TALLIES = select(ActorTally.actor_id, ActorTally.field, ActorTally.value, ActorTally.n).where(
    ActorTally.actor_id.in_(bindparam("ids", expanding=True)), ActorTally.n > 0)
_ACCOUNTS_OF_DOCUMENT = select(Evidence.actor_id, Evidence.sentence).where(
    Evidence.document_id == bindparam("document"), Evidence.kind == ACCOUNT_KIND, Evidence.actor_id.is_not(None))


def add_to_tallies(session: Session, accounts: dict[int, ActorAccount]) -> None:
    """Count one document's accounts (one per actor) into the stored tallies: one upsert."""
    rows = [r for actor_id, account in sorted(accounts.items()) for r in Tally.of([account]).rows(actor_id)]
    table = ActorTally.__table__
    upsert_rows(session, table, rows, ["actor_id", "field", "digest"], lambda ex: {"n": table.c.n + ex.n},
                "actor_tally+n")


def rebuild_tally(session: Session, actor_id: int, accounts: list[ActorAccount]) -> None:
    """Rewrite the actor's tally from its accounts (after a delete or a re-extraction removed some)."""
    session.execute(delete(ActorTally).where(ActorTally.actor_id == actor_id))
    rows = Tally.of(accounts).rows(actor_id)
    if rows:
        session.execute(ActorTally.__table__.insert(), rows)
