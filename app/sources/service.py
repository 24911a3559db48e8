"""Outlets and cited sources, with how many documents name each."""

from __future__ import annotations

from typing import Any

from sqlalchemy import distinct, func, select
from sqlmodel import Session

from app.filters import Filters
from app.listing import Lister, _escape_like
from app.models import DocumentSource
from app.text import normalize


def source_lister(session: Session, f: Filters, kind: str | None) -> Lister:
    """Sources in name order, optionally only one kind or matching `q`."""
    stmt = select(DocumentSource.normalized).group_by(DocumentSource.normalized)
    if kind:
        stmt = stmt.where(DocumentSource.kind == kind)
    if f.q:
        stmt = stmt.where(DocumentSource.normalized.like(f"%{_escape_like(normalize(f.q))}%", escape="\\"))
    if f.document:
        stmt = stmt.where(DocumentSource.document_id == f.document)

    def keyset(s, after):
        if after is not None:
            s = s.where(DocumentSource.normalized > after[0])
        return s.order_by(DocumentSource.normalized)

    return Lister("sources", stmt, keyset=keyset, key_of=lambda row: [row[0]], key_types=(str,),
                  hydrate=lambda sess, rows: hydrate_sources(sess, [r[0] for r in rows], kind))


def hydrate_sources(session: Session, keys: list[str], kind: str | None) -> list[dict[str, Any]]:
    """Name (the most common spelling), kinds and document count per normalized source."""
    if not keys:
        return []
    stmt = select(DocumentSource.normalized, DocumentSource.name, DocumentSource.kind,
                  func.count(distinct(DocumentSource.document_id))) \
        .where(DocumentSource.normalized.in_(keys)) \
        .group_by(DocumentSource.normalized, DocumentSource.name, DocumentSource.kind)
    if kind:
        stmt = stmt.where(DocumentSource.kind == kind)
    names: dict[str, dict[str, int]] = {}
    kinds: dict[str, set[str]] = {}
    for folded, name, k, n in session.exec(stmt).all():
        names.setdefault(folded, {})[name] = names.get(folded, {}).get(name, 0) + n
        kinds.setdefault(folded, set()).add(k)
    docs = dict(session.exec(select(DocumentSource.normalized, func.count(distinct(DocumentSource.document_id)))
                             .where(DocumentSource.normalized.in_(keys),
                                    *([DocumentSource.kind == kind] if kind else []))
                             .group_by(DocumentSource.normalized)).all())
    return [{"name": sorted(names[k].items(), key=lambda kv: (-kv[1], kv[0]))[0][0], "kinds": sorted(kinds[k]),
             "documents": docs.get(k, 0)} for k in keys if k in names]
