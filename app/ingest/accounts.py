"""One document's account of an actor (name, role, country, aliases), kept so the fused actor can be recomputed.

Events keep each source's version in `event_report`; actors have no such table, so each document's account is
an Evidence row of kind "account" (one per actor and document) whose `sentence` holds the account as JSON and
whose offsets are the first mention. Deleting a document deletes its accounts with its other evidence, and the
actor is rebuilt from the accounts that remain. (A dedicated actor_report table would be the cleaner home.)
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from sqlmodel import Session, select

from app.models import Evidence

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
    payload = json.dumps(asdict(account), ensure_ascii=False, sort_keys=True)
    return Evidence(kind=ACCOUNT_KIND, actor_id=actor_id, document_id=document_id, start=start, end=end,
                    sentence=payload)


def accounts_of(session: Session, actor_id: int) -> list[tuple[int, ActorAccount]]:
    """Every (document_id, account) stored for the actor, ordered by document id."""
    rows = session.exec(
        select(Evidence.document_id, Evidence.sentence)
        .where(Evidence.actor_id == actor_id, Evidence.kind == ACCOUNT_KIND)
        .order_by(Evidence.document_id)
    ).all()
    return [(doc_id, ActorAccount(**json.loads(payload))) for doc_id, payload in rows]
