"""Why the sources' accounts of an actor are one actor: each document's names for it, and the rule that links them.

Cross-document resolution (app/ingest/resolver.py) merges accounts by the rules of app/ingest/matching_actors.py
and keeps no trace of which rule fired. The reason is recomputed here, on read, from each account against the
others: the same rules on the same stored accounts, so it is the same whatever order the documents came in.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from app.actors.service import get_actor
from app.ingest.accounts import ActorAccount, accounts_of
from app.ingest.actors import fuse
from app.ingest.matching_actors import Profile, explain, profile


def _profile_of(type_: str, accounts: list[ActorAccount]) -> Profile:
    """The profile the accounts fuse into, as resolution sees a stored actor."""
    fused = fuse(type_, accounts)
    return profile(type_, sorted(fused.aliases), fused.role, fused.country,
                   sorted({c for a in accounts for c in a.context}))


def identity_links(session: Session, actor_id: int, type_: str) -> list[dict[str, Any]]:
    """One entry per source document: its names for the actor and why they join the other sources' names."""
    accounts = accounts_of(session, actor_id)
    out = []
    for document_id, account in accounts:
        others = [a for d, a in accounts if d != document_id]
        reason = explain(_profile_of(type_, [account]), _profile_of(type_, others)) if others else "only source"
        out.append({"document_id": document_id, "name": account.name,
                    "forms": sorted(set(account.aliases) | {account.name}), "role": account.role,
                    "country": account.country, "reason": reason})
    return out


def actor_detail(session: Session, actor_id: int) -> dict[str, Any]:
    """One actor (as listed) with the evidence that makes its sources' accounts one actor."""
    item = get_actor(session, actor_id)
    return item | {"identity": identity_links(session, actor_id, item["type"])}
