"""Alias discrepancies: one actor that documents name in different spellings ("Sergey" / "Sergei")."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from app.ingest.accounts import ACCOUNT_KIND, accounts_of
from app.models import Document, DocumentSource, Evidence
from app.pagination import MAX_ID
from app.text import normalize


def alias_candidates(session: Session, source: str | None, after_id: int | None, limit: int) -> list[int]:
    """Up to `limit` actors after `after_id`, in id order, with accounts from two or more documents."""
    stmt = (select(Evidence.actor_id).where(Evidence.kind == ACCOUNT_KIND).group_by(Evidence.actor_id)
            .having(func.count(func.distinct(Evidence.document_id)) >= 2).order_by(Evidence.actor_id).limit(limit))
    if after_id is not None:
        stmt = stmt.where(Evidence.actor_id > after_id)
    if source:
        named = select(DocumentSource.document_id).where(DocumentSource.normalized == normalize(source))
        ids = select(Evidence.actor_id).where(Evidence.kind == ACCOUNT_KIND, Evidence.document_id.in_(named))
        if source.isdecimal() and len(source) <= 10 and int(source) <= MAX_ID:
            ids = ids.union(select(Evidence.actor_id).where(Evidence.kind == ACCOUNT_KIND,
                                                            Evidence.document_id == int(source)))
        stmt = stmt.where(Evidence.actor_id.in_(ids))
    return list(session.exec(stmt).all())


def alias_discrepancy(session: Session, actor_id: int, source_label) -> dict[str, Any] | None:
    """The actor's name as each document spells it, when the documents spell it differently."""
    accounts = accounts_of(session, actor_id)
    if len({normalize(acc.name) for _, acc in accounts}) < 2:
        return None
    values = []
    for document_id, acc in accounts:
        doc = session.get(Document, document_id)
        at = doc.text.find(acc.name)
        start, end = (at, at + len(acc.name)) if at >= 0 else (None, None)
        values.append({"value": acc.name, "document_id": document_id, "source": source_label(doc.outlet, doc.cites),
                       "quote": acc.name if at >= 0 else None, "start": start, "end": end})
    return {"id": actor_id, "event_id": None, "actor_id": actor_id, "kind": "alias", "attribute": "name",
            "values": values}
