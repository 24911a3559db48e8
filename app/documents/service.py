"""Documents: validation of new articles, storage with extraction, listing, reading and deletion."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, distinct, func, literal_column, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.changes.service import record
from app.db import lock_for_writing
from app.documents.schemas import has_visible_text
from app.errors import InvalidParameter, NotFound, PayloadTooLarge, ServiceUnavailable
from app.extract.types import ExtractedDocument
from app.filters import Filters
from app.listing import Inline, Lister, date_keyset, overlaps, source_condition
from app.models import Document, DocumentSource, EventReport, Evidence, Statement
from app.search import match_clause
from app.text import normalize


@dataclass
class NewDocument:
    """A validated article, ready to extract and store."""

    text: str
    sha256: str
    language: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    cites: list[str] = field(default_factory=list)


def validate_new_document(text: str, *, max_bytes: int, title: str | None = None, outlet: str | None = None,
                          url: str | None = None, published: date | None = None,
                          cites: list[str] | None = None, max_tokens: int | None = None) -> NewDocument:
    """Check an incoming article; every problem names the field at fault."""
    from app.extract.bounds import count_tokens
    from app.extract.language import detect_language

    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise PayloadTooLarge(f"text is {size} bytes; the limit is {max_bytes}")
    if not has_visible_text(text):
        raise InvalidParameter("text", "is empty (nothing but white space or invisible characters)")
    if "\x00" in text:
        raise InvalidParameter("text", "contains NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidParameter("text", "is not valid UTF-8 (lone surrogates)") from None
    # one day of slack: a publisher ahead of us in time zones is not in the future
    if published is not None and published > date.today() + timedelta(days=1):
        raise InvalidParameter("published", f"{published.isoformat()} is in the future")
    language = detect_language(text)
    # only what will be parsed costs parsing time: a text stored without extraction is not counted
    if max_tokens is not None and language == "en" and (tokens := count_tokens(text)) > max_tokens:
        raise InvalidParameter("text", f"has {tokens} words and punctuation marks; the extractor takes at most "
                                       f"{max_tokens} in one document: split it into articles")
    clean_cites = []
    for name in cites or []:
        name = _clean(name)  # PostgreSQL cannot store NUL in text or JSON
        if name and name not in clean_cites:
            clean_cites.append(name[:300])
    return NewDocument(text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                       language=language, title=_clean(title), outlet=_clean(outlet), url=_clean(url),
                       published=published, cites=clean_cites)


def _clean(value: str | None) -> str | None:
    value = (value or "").replace("\x00", "").strip()
    return value or None


def find_by_sha256(session: Session, sha256: str) -> Document | None:
    """The stored document with this exact text, if any."""
    return session.exec(select(Document).where(Document.sha256 == sha256)).scalars().first()


def store_document(session: Session, new: NewDocument, extracted: ExtractedDocument | None) -> tuple[Document, bool]:
    """Insert the document, its sources and everything extracted from it; (document, created). Flushes only."""
    lock_for_writing(session)
    existing = find_by_sha256(session, new.sha256)
    if existing is not None:
        return existing, False
    from app.ingest import store_extraction

    cites = list(new.cites)
    for name in (extracted.cited_sources if extracted else []):
        if name not in cites:
            cites.append(name)
    doc = Document(sha256=new.sha256, title=new.title, outlet=new.outlet, url=new.url, published=new.published,
                   language=new.language, extracted=extracted is not None, text=new.text, cites=cites,
                   extractor_version=extracted.extractor_version if extracted else "")
    try:
        with session.begin_nested():
            session.add(doc)
            session.flush()
    except IntegrityError:
        # a concurrent writer stored the same text first
        existing = find_by_sha256(session, new.sha256)
        if existing is None:
            raise
        return existing, False
    add_sources(session, doc)
    record(session, "document", doc.id, "created")
    if extracted is not None:
        store_extraction(session, doc, extracted)
    session.flush()
    return doc, True


def add_sources(session: Session, doc: Document) -> None:
    """Index the outlet and cited sources so `source=` filters use an index."""
    seen: set[tuple[str, str]] = set()
    for name, kind in [(doc.outlet, "outlet")] + [(c, "cited") for c in doc.cites or []]:
        folded = normalize(name or "")
        if folded and (folded, kind) not in seen:
            seen.add((folded, kind))
            session.add(DocumentSource(document_id=doc.id, name=name, normalized=folded, kind=kind))


def document_lister(session: Session, f: Filters) -> Lister:
    """Documents by publication date range, source or text, newest first unless `sort=date`."""
    stmt = select(Document.id, Document.published).where(*overlaps(Document.published, Document.published, f))
    if f.source:
        stmt = stmt.where(source_condition(Document.id, f.source))
    if f.document:
        stmt = stmt.where(Document.id == f.document)
    if f.q:
        stmt = stmt.where(match_clause(Document, f.q, session.get_bind().dialect.name))
    return Lister("documents", stmt,
                  keyset=lambda s, after: date_keyset(s, Document.published, Document.id, f.sort, after),
                  key_of=lambda row: [row[1], row[0]], key_types=(date, int),
                  hydrate=lambda sess, rows: hydrate_documents(sess, [r[0] for r in rows]),
                  inline=Inline(lambda page: inline_documents(page, f.sort), inline_document_item,
                                key=("documents", session.get_bind().dialect.name, f.sort)))


# The hot path (app/inline.py): hydrate_documents' items from one statement; `document` is the outer row.
_COUNTS = {
    "events": "(SELECT count(DISTINCT r.event_id) FROM event_report r WHERE r.document_id = document.id)",
    "statements": "(SELECT count(*) FROM statement s WHERE s.document_id = document.id)",
    "actors": "(SELECT count(DISTINCT v.actor_id) FROM evidence v WHERE v.document_id = document.id "
              "AND v.actor_id IS NOT NULL)",
}
_DOCUMENT_COLUMNS = ("title", "outlet", "url", "published", "cites", "sha256", "language", "extracted",
                     "extractor_version", "ingested_at")


def inline_documents(page: Any, sort: str) -> Select:
    """One page of documents (without their text) with their counts, in page order."""
    page_id, page_date = list(page.c)[:2]
    D = Document.__table__
    stmt = (select(page_id, page_date, *(D.c[c] for c in _DOCUMENT_COLUMNS),
                   *(literal_column(sql).label(f"n_{name}") for name, sql in _COUNTS.items()))
            .select_from(page.join(D, D.c.id == page_id)))
    return date_keyset(stmt, page_date, page_id, sort, None)


def inline_document_item(r: Any) -> dict[str, Any]:
    """A document item from a row of inline_documents (the same keys and values as hydrate_documents)."""
    return {"id": r[0], "title": r.title, "outlet": r.outlet, "url": r.url, "published": r.published,
            "cites": r.cites or [], "sha256": r.sha256, "language": r.language, "extracted": r.extracted,
            "extractor_version": r.extractor_version, "ingested_at": r.ingested_at,
            "counts": {"events": r.n_events, "statements": r.n_statements, "actors": r.n_actors}}


def hydrate_documents(session: Session, ids: list[int], *, with_text: bool = False) -> list[dict[str, Any]]:
    """Document items with their counts, in the order of `ids`."""
    if not ids:
        return []
    docs = {d.id: d for d in session.exec(select(Document).where(Document.id.in_(ids))).scalars()}
    events = dict(session.exec(select(EventReport.document_id, func.count(distinct(EventReport.event_id)))
                               .where(EventReport.document_id.in_(ids)).group_by(EventReport.document_id)).all())
    statements = dict(session.exec(select(Statement.document_id, func.count())
                                   .where(Statement.document_id.in_(ids)).group_by(Statement.document_id)).all())
    actors = dict(session.exec(select(Evidence.document_id, func.count(distinct(Evidence.actor_id)))
                               .where(Evidence.document_id.in_(ids), Evidence.actor_id.is_not(None))
                               .group_by(Evidence.document_id)).all())
    out = []
    for i in ids:
        d = docs.get(i)
        if d is None:
            continue
        item = {"id": d.id, "title": d.title, "outlet": d.outlet, "url": d.url, "published": d.published,
                "cites": d.cites or [], "sha256": d.sha256, "language": d.language, "extracted": d.extracted,
                "extractor_version": d.extractor_version, "ingested_at": d.ingested_at,
                "counts": {"events": events.get(i, 0), "statements": statements.get(i, 0),
                           "actors": actors.get(i, 0)}}
        if with_text:
            item["text"] = d.text
        out.append(item)
    return out


def get_document(session: Session, document_id: int, *, with_text: bool = True) -> dict[str, Any]:
    """One document, with its text."""
    items = hydrate_documents(session, [document_id], with_text=with_text)
    if not items:
        raise NotFound(f"no document with id {document_id}")
    return items[0]


def delete_document(session: Session, document_id: int) -> None:
    """Remove a document and everything only it supports."""
    from app.ingest import delete_document as remove

    lock_for_writing(session)
    if session.get(Document, document_id) is None:
        raise NotFound(f"no document with id {document_id}")
    remove(session, document_id)


def create_document(session: Session, new: NewDocument) -> tuple[dict[str, Any], bool, str | None]:
    """Extract and store a validated article: (document item, created, note on extraction)."""
    from app.extract import extract
    from app.extract.segments import ExtractionStopped

    note = None
    extracted = None
    if new.language == "en":
        # Parse before touching the database, so no write lock is held while spaCy runs; extract() parses
        # one segment at a time per process and hands over between segments (app/extract/segments.py).
        try:
            extracted = extract(new.text, published=new.published, title=new.title)
        except ExtractionStopped:
            raise ServiceUnavailable("the server is shutting down; nothing was stored, send it again",
                                     retry_after=5) from None
    else:
        note = "the text does not look like English: stored, not extracted"
    doc, created = store_document(session, new, extracted)
    if not created and not doc.extracted:
        note = "the text does not look like English: stored, not extracted"
    return get_document(session, doc.id, with_text=False), created, note
