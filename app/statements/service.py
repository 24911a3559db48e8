"""Statement queries: filtered lists and one statement, with speaker and evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, func, literal_column, select
from sqlmodel import Session

from app.actors.service import aliases_by_actor
from app.dates import format_at_precision
from app.errors import NotFound
from app.events.service import source_label
from app.filters import Filters
from app.inline import aliases_json, fragment, json_object, source_sql
from app.listing import Inline, Lister, actor_ids, date_keyset, overlaps, source_condition
from app.models import Actor, Document, Evidence, Statement
from app.search import match_clause
from app.statements.dependencies import StatementFilters


def statement_lister(session: Session, f: Filters, sf: StatementFilters,
                     speaker_id: int | None = None) -> Lister:
    """Statements matching every filter, newest first unless `sort=date`."""
    stmt = select(Statement.id, Statement.date_start).where(*overlaps(Statement.date_start, Statement.date_end, f))
    empty = False
    speakers = list(f.actors) + ([sf.speaker] if sf.speaker else [])
    for value in speakers:
        ids = actor_ids(session, value)
        if not ids:
            empty = True
            break
        stmt = stmt.where(Statement.speaker_id.in_(ids))
    if speaker_id is not None:
        stmt = stmt.where(Statement.speaker_id == speaker_id)
    if sf.event:
        stmt = stmt.where(Statement.event_id == sf.event)
    if f.document:
        stmt = stmt.where(Statement.document_id == f.document)
    if f.source:
        stmt = stmt.where(source_condition(Statement.document_id, f.source))
    if f.q:
        stmt = stmt.where(match_clause(Statement, f.q, session.get_bind().dialect.name))
    dialect = session.get_bind().dialect.name
    return Lister(
        "statements", stmt,
        keyset=lambda s, after: date_keyset(s, Statement.date_start, Statement.id, f.sort, after),
        key_of=lambda row: [row[1], row[0]], key_types=(date, int),
        hydrate=lambda sess, rows: hydrate_statements(sess, [r[0] for r in rows]), empty=empty,
        inline=Inline(lambda page: inline_statements(page, dialect, f.sort), inline_statement_item,
                      key=("statements", dialect, f.sort)),
    )


# The hot path (app/inline.py): hydrate_statements' items from one statement; `statement` is the outer row.
_EVIDENCE_ROW = """SELECT coalesce(substr(d2.text, v.start + 1, v."end" - v.start), '') AS quote, v.start AS start_,
v."end" AS end_, v.sentence FROM evidence v JOIN document d2 ON d2.id = v.document_id
WHERE v.statement_id = statement.id AND v.kind = 'statement' ORDER BY v.id LIMIT 1"""
_EVIDENCE_FIELDS = [("quote", "quote"), ("start", "start_"), ("end", "end_"), ("sentence", "sentence")]


def statement_evidence_json(dialect: str) -> str:
    """SQL: the first evidence of the outer query's `statement` row as a JSON object (text), or NULL."""
    return json_object(dialect, _EVIDENCE_ROW, _EVIDENCE_FIELDS)


def inline_statements(page: Any, dialect: str, sort: str) -> Select:
    """One page of statements with speaker name, source label and first evidence (JSON text), in page order."""
    page_id, page_date = list(page.c)[:2]
    S, A, D = Statement.__table__, Actor.__table__, Document.__table__
    speaker_aliases = aliases_json(dialect, "statement.speaker_id")
    stmt = (select(page_id, page_date, S.c.speaker_id, A.c.name.label("speaker_name"), S.c.text, S.c.cue,
                   S.c.direct_quote, S.c.date_start, S.c.date_end, S.c.date_precision, S.c.event_id,
                   S.c.document_id, S.c.confidence, literal_column(source_sql(dialect, "document")).label("source"),
                   literal_column(statement_evidence_json(dialect)).label("evidence"),
                   literal_column(speaker_aliases).label("speaker_aliases"))
            .select_from(page.join(S, S.c.id == page_id).outerjoin(A, A.c.id == S.c.speaker_id)
                         .join(D, D.c.id == S.c.document_id)))
    return date_keyset(stmt, page_date, page_id, sort, None)


def inline_statement_item(r: Any) -> dict[str, Any]:
    """A statement item from a row of inline_statements (the same keys and values as hydrate_statements).
    Positional: named access on a Row costs more than the rest of building the item."""
    (statement_id, _, speaker_id, speaker_name, text, cue, direct_quote, start, end, precision, event_id,
     document_id, confidence, source, evidence, aliases) = r[:16]  # a page total may follow
    return {
        "id": statement_id, "speaker": {"actor_id": speaker_id, "name": speaker_name,
                                        "aliases": fragment(aliases, b"[]")}, "text": text, "cue": cue,
        "direct_quote": direct_quote, "date": format_at_precision(start, end, precision),
        "date_start": start, "date_end": end, "date_precision": precision,
        "event_id": event_id, "document_id": document_id, "source": source,
        "evidence": fragment(evidence), "confidence": confidence,
    }


def hydrate_statements(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """Full statement items for `ids`, in that order."""
    if not ids:
        return []
    rows = session.exec(
        select(Statement, Actor.name, Document.outlet, Document.cites)
        .join(Actor, Actor.id == Statement.speaker_id, isouter=True)
        .join(Document, Document.id == Statement.document_id)
        .where(Statement.id.in_(ids))
    ).all()
    evidence = {}
    for statement_id, start, end, quote, sentence in session.exec(
        select(Evidence.statement_id, Evidence.start, Evidence.end,
               func.substr(Document.text, Evidence.start + 1, Evidence.end - Evidence.start), Evidence.sentence)
        .join(Document, Document.id == Evidence.document_id)
        .where(Evidence.statement_id.in_(ids), Evidence.kind == "statement").order_by(Evidence.id)
    ).all():
        evidence.setdefault(statement_id, {"quote": quote or "", "start": start, "end": end, "sentence": sentence})
    aliases = aliases_by_actor(session, (s.speaker_id for s, *_ in rows if s.speaker_id is not None))
    items = {}
    for s, speaker_name, outlet, cites in rows:
        speaker = {"actor_id": s.speaker_id, "name": speaker_name, "aliases": aliases.get(s.speaker_id, [])}
        items[s.id] = {
            "id": s.id, "speaker": speaker, "text": s.text, "cue": s.cue,
            "direct_quote": s.direct_quote,
            "date": format_at_precision(s.date_start, s.date_end, s.date_precision),
            "date_start": s.date_start, "date_end": s.date_end, "date_precision": s.date_precision,
            "event_id": s.event_id, "document_id": s.document_id, "source": source_label(outlet, cites),
            "evidence": evidence.get(s.id), "confidence": s.confidence,
        }
    return [items[i] for i in ids if i in items]


def get_statement(session: Session, statement_id: int) -> dict[str, Any]:
    """One statement with its speaker and evidence."""
    items = hydrate_statements(session, [statement_id])
    if not items:
        raise NotFound(f"no statement with id {statement_id}")
    return items[0]
