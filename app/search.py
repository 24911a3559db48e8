"""Full-text search, one interface over SQLite FTS5 and PostgreSQL tsvector."""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, column, func, literal_column, select, text
from sqlmodel import Session

from app.models import Document, Event, Statement

# model -> indexed text column (the same pairs the 0002 migration indexes); on PostgreSQL the vector of each is
# stored in the generated column `<column>_fts` (migration 0010), which the models leave out like every FTS object
FTS_COLUMNS = {Document: "text", Event: "summary", Statement: "text"}


def stored_vector(model: type) -> ColumnElement:
    """PostgreSQL: the stored tsvector of `model`'s indexed text (the column its GIN index covers)."""
    # bound to the model's own Table, so a query over the model gains no second FROM entry for it
    return column(f"{FTS_COLUMNS[model]}_fts", _selectable=model.__table__)
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_terms(query: str) -> list[str]:
    """The words of a user query; punctuation and FTS operators are dropped so no input can break the syntax."""
    return _WORD.findall(query)[:32]


def _fts_query(terms: list[str]) -> str:
    return " AND ".join('"' + t.replace('"', "") + '"' for t in terms)


def match_clause(model: type, query: str, dialect: str) -> ColumnElement[bool]:
    """A WHERE clause keeping rows of `model` whose text matches every word of `query`."""
    terms = fts_terms(query)
    if not terms:
        return literal_column("1") == literal_column("0")
    if dialect == "postgresql":
        return stored_vector(model).op("@@")(func.plainto_tsquery("english", " ".join(terms)))
    return model.id.in_(match_ids(model, query))  # type: ignore[union-attr]


def match_ids(model: type, query: str):
    """SQLite: the FTS5 subquery of rowids matching every word of `query` (call with at least one word)."""
    table = model.__tablename__
    sub = text(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :fts_q").bindparams(
        fts_q=_fts_query(fts_terms(query)))
    return sub.columns(literal_column("rowid"))


def matching_ids(session: Session, model: type, query: str) -> list[int]:
    """Ids of `model` rows matching `query` (used by tests and small lookups)."""
    dialect = session.get_bind().dialect.name
    return list(session.exec(select(model.id).where(match_clause(model, query, dialect)).order_by(model.id)).scalars())  # type: ignore[call-overload]


# PostgreSQL: the events a query of one lexeme matches, from the counts migration 0012's trigger keeps (NULL when
# the query is not one lexeme), and the planner's estimate of all events (for a plan choice, never shown). to_tsvector
# and plainto_tsquery parse with the same configuration, so the vector's lexemes are the query's.
_EVENT_TEXT_STATS = text(
    "SELECT CASE WHEN cardinality(l) = 1 THEN coalesce((SELECT n FROM event_fts_lexeme WHERE lexeme = l[1]), 0) END, "
    "(SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = 'event'::regclass) "
    "FROM tsvector_to_array(to_tsvector('english', :q)) AS l")


def event_text_stats(session: Session, query: str) -> tuple[int | None, int]:
    """PostgreSQL: (how many events match `query` when its words stem to one lexeme, exact from one index lookup,
    else None; about how many events there are)."""
    terms = fts_terms(query)
    if not terms:
        return None, 0
    n, events = session.connection().execute(_EVENT_TEXT_STATS, {"q": " ".join(terms)}).one()
    return (None if n is None else int(n)), int(events or 0)


def match_count(session: Session, model: type, query: str) -> int:
    """How many `model` rows match `query`, from the full-text index alone (no row of `model` is read on SQLite)."""
    terms = fts_terms(query)
    if not terms:
        return 0
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        if model is Event and (n := event_text_stats(session, query)[0]) is not None:
            return n
        return int(session.exec(select(func.count()).where(match_clause(model, query, dialect))).one()[0])
    table = model.__tablename__
    fts_query = _fts_query(terms)
    return int(session.exec(text(f"SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH :fts_q")
                            .bindparams(fts_q=fts_query)).one()[0])
