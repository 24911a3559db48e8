"""Bulk loading: read files, folders, JSONL or stdin; extract in batches; one transaction per document."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.changes.service import record
from app.db import lock_for_writing, writer
from app.documents.collector import long_run
from app.documents.parse_process import ParseProcess
from app.documents.parse_process import extract_batch as _extract_batch
from app.documents.parse_process import extract_each as _extract_each
from app.documents.schemas import parse_published
from app.documents.service import (
    NewDocument,
    find_by_sha256,
    store_document,
    validate_new_document,
)
from app.errors import AppError
from app.extract.types import ExtractedDocument
from app.models import Document

log = logging.getLogger("eventkb.ingest")
TEXT_SUFFIXES = {".txt", ".text", ".md"}
# Pipelined: batches handed to the parse process before the writer stores the oldest. One was enough only while
# every batch took the writer as long as the last; a slower one (the first, which loads the gazetteer; one that
# fuses many events) left the parse process idle until the writer asked for more.
PARSE_AHEAD = 4


@dataclass
class RawItem:
    """One article as read from disk or stdin, before validation."""

    name: str
    text: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass
class Summary:
    stored: int = 0
    skipped: int = 0
    reextracted: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    words: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"stored": self.stored, "skipped": self.skipped, "reextracted": self.reextracted,
                "failed": [{"item": n, "reason": r} for n, r in self.failed], "seconds": round(self.seconds, 2),
                "documents_per_second": (round((self.stored + self.reextracted) / self.seconds, 2)
                                         if self.seconds else None)}


def read_inputs(paths: Iterable[str], stdin: Any = None) -> Iterator[RawItem]:
    """Articles from text files, folders (recursively), JSONL files (one article per line) or `-` (stdin)."""
    for raw in paths:
        if raw == "-":
            yield from _read_stream("<stdin>", (stdin or sys.stdin).read())
            continue
        path = Path(raw)
        if path.is_dir():
            for child, error in _folder(path):
                if error is not None:
                    yield RawItem(name=str(child), error=error)
                elif child.suffix.lower() in TEXT_SUFFIXES | {".jsonl", ".ndjson"}:
                    yield from _read_file(child)
        elif path.is_file():
            yield from _read_file(path)
        else:
            yield RawItem(name=raw, error=_link_problem(path) or "no such file or directory")


def _folder(root: Path) -> list[tuple[Path, str | None]]:
    """Every file under `root`, following symbolic links, sorted; with an error for each link or folder that
    cannot be read (dangling, a loop, a folder already read through another path, no permission)."""
    found: list[tuple[Path, str | None]] = []
    read: dict[tuple[int, int], Path] = {}

    def enter(folder: Path) -> bool:
        st = folder.stat()
        first = read.setdefault((st.st_dev, st.st_ino), folder)
        if first == folder:
            return True
        if folder.is_relative_to(first):  # reached again from inside itself
            found.append((folder, f"symbolic link loop: leads back to the enclosing folder {first}"))
        else:
            found.append((folder, f"symbolic link to a folder already read as {first}"))
        return False

    enter(root)
    for top, folders, files in os.walk(root, followlinks=True,
                                       onerror=lambda e: found.append((Path(e.filename), f"unreadable folder "
                                                                                         f"({e.strerror})"))):
        # real folders before links to them, so a folder is read under its own name
        folders[:] = [name for name in sorted(folders, key=lambda n: (Path(top, n).is_symlink(), n))
                      if enter(Path(top, name))]
        for name in files:
            child = Path(top, name)
            found.append((child, _link_problem(child)))
    return sorted(found, key=lambda pair: pair[0])


def _link_problem(path: Path) -> str | None:
    """Why a symbolic link cannot be followed (None for anything else)."""
    if not path.is_symlink():
        return None
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            return f"dangling symbolic link (its target {os.readlink(path)} does not exist)"
        return f"unreadable symbolic link ({exc.strerror})"
    return None


def _read_file(path: Path) -> Iterator[RawItem]:
    try:
        content = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        yield RawItem(name=str(path), error=f"not UTF-8 ({exc.reason} at byte {exc.start})")
        return
    except OSError as exc:
        yield RawItem(name=str(path), error=f"unreadable ({exc.strerror})")
        return
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from _read_jsonl(str(path), content)
    else:
        yield RawItem(name=str(path), text=content, meta={"title": path.stem})


def _read_stream(name: str, content: str) -> Iterator[RawItem]:
    if content.lstrip().startswith("{"):
        yield from _read_jsonl(name, content)
    else:
        yield RawItem(name=name, text=content)


def _read_jsonl(name: str, content: str) -> Iterator[RawItem]:
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RawItem(name=where, error=f"invalid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield RawItem(name=where, error='each line must be an object with a string "text"')
            continue
        meta = {k: record.get(k) for k in ("title", "outlet", "url", "published", "cites")}
        yield RawItem(name=where, text=record["text"], meta=meta)


def validate(item: RawItem, max_bytes: int, max_tokens: int | None = None) -> NewDocument:
    """Turn a raw item into a validated document, by the rules POST /documents applies; AppError or ValueError."""
    if item.error:
        raise ValueError(item.error)
    meta = item.meta
    try:
        published = parse_published(meta.get("published") if meta.get("published") != "" else None)
    except ValueError as exc:
        raise ValueError(f"published: {exc}") from None
    cites = meta.get("cites")
    if cites is not None and not (isinstance(cites, list) and all(isinstance(c, str) for c in cites)):
        raise ValueError("cites: must be a list of strings")
    for key in ("title", "outlet", "url"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise ValueError(f"{key}: must be a string, not {type(meta[key]).__name__}")
    return validate_new_document(item.text or "", max_bytes=max_bytes, max_tokens=max_tokens,
                                 title=meta.get("title"), outlet=meta.get("outlet"), url=meta.get("url"),
                                 published=published, cites=cites)


class _Extractor:
    """Extraction of one batch: started in a parse process (pipelined) or run here when it is needed."""

    def __init__(self, parser: ParseProcess | None, texts: list[tuple[str, date | None]], batch_size: int,
                 n_process: int) -> None:
        self.texts, self.batch_size, self.n_process = texts, batch_size, n_process
        self.future = parser.submit(_extract_batch, texts, batch_size) if parser is not None and texts else None

    def results(self) -> Iterator[ExtractedDocument | str]:
        if self.future is not None:
            try:
                return iter(self.future.result())
            except Exception:  # a parse process that died costs speed, not documents: extract here instead
                log.exception("parse process failed; extracting this batch in the writer")
        return iter(_extract_each(self.texts, self.batch_size, self.n_process))


def ingest(engine: Engine, items: Iterable[RawItem], *, max_bytes: int, max_tokens: int | None = None,
           reextract: bool = False, batch_size: int = 16, n_process: int = 1, pipelined: bool = False,
           parser: ParseProcess | None = None, progress: Callable[[int], None] | None = None) -> Summary:
    """Store every item not stored yet (same sha256 means stored); each document commits on its own.

    pipelined: parse and extract in a separate process while this one stores the previous batches, so on a
    machine with two cores spaCy and the database writes overlap instead of taking turns. parser: a parse
    process the caller started earlier (and closes), so its start-up overlapped the caller's own; implies
    pipelined.
    """
    began = time.perf_counter()
    # started first, so its start-up (interpreter, spaCy, model) overlaps the writer's own
    own_parser = ParseProcess() if pipelined and parser is None else None
    parser = parser or own_parser
    from app.extract import EXTRACTOR_VERSION
    from app.extract.lexicon import lexicon
    from app.ingest import clear_extraction, store_extraction

    lexicon()  # a broken reference data file fails the run before the first document, in this process
    summary = Summary()
    pending: list[tuple[RawItem, NewDocument, int | None]] = []
    in_flight: list[tuple[list, _Extractor]] = []
    collector = contextlib.ExitStack()
    settle = collector.enter_context(long_run())  # app/documents/collector.py says why

    gazetteer_pending = True

    def store(batch: list[tuple[RawItem, NewDocument, int | None]], extractor: _Extractor) -> None:
        nonlocal gazetteer_pending
        if gazetteer_pending:
            from app.places.gazetteer import gazetteer

            # the first document would load it (~1-2 s): loaded once the parse process holds every batch it may
            # run ahead with, when this process would otherwise wait for the first; loaded right after the first
            # batch was sent, it kept the parse process waiting for the second. The run keeps it, the lexicon and
            # the models to its end: out of the collector's generations from here on
            gazetteer()
            settle()
            gazetteer_pending = False
        extracted = extractor.results()
        for item, new, existing_id in batch:
            result = next(extracted) if new.language == "en" else None
            t0 = time.perf_counter()
            if isinstance(result, str):  # this document failed to extract: nothing of it is stored
                failed(item, result)
                continue
            try:
                with Session(writer(engine), expire_on_commit=False) as session:
                    if existing_id is None:
                        doc, created = store_document(session, new, result)
                        outcome = "stored" if created else "skipped"
                    else:
                        lock_for_writing(session)
                        clear_extraction(session, existing_id)
                        doc = session.get_one(Document, existing_id)
                        if result is not None:
                            store_extraction(session, doc, result)
                        doc.extractor_version = EXTRACTOR_VERSION
                        session.add(doc)
                        record(session, "document", existing_id, "updated")
                        outcome = "reextracted"
                    session.commit()
            except Exception as exc:  # one bad document never stops the batch
                log.exception("failed to store %s", item.name)
                failed(item, f"{type(exc).__name__}: {exc}")
                continue
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            summary.words += len(new.text.split())
            log.info("ingested document", extra={"event": "ingest", "item": item.name, "outcome": outcome,
                                                 "document_id": doc.id,
                                                 "ms": round((time.perf_counter() - t0) * 1000, 1)})
            if progress:
                progress(1)

    def failed(item: RawItem, reason: str) -> None:
        summary.failed.append((item.name, reason))
        log.warning("document not ingested", extra={"event": "ingest", "item": item.name, "outcome": "failed",
                                                    "reason": reason})
        if progress:
            progress(1)

    def flush() -> None:
        """Start extracting the pending batch, then store the oldest while more than PARSE_AHEAD are started."""
        english = [(new.text, new.published) for _, new, _ in pending if new.language == "en"]
        in_flight.append((list(pending), _Extractor(parser, english, batch_size, n_process)))
        pending.clear()
        while len(in_flight) > (PARSE_AHEAD if parser is not None else 0):
            store(*in_flight.pop(0))

    try:
        for item in items:
            try:
                new = validate(item, max_bytes, max_tokens)
            except (AppError, ValueError) as exc:
                failed(item, getattr(exc, "detail", None) or str(exc))
                continue
            with Session(engine) as session:
                existing = find_by_sha256(session, new.sha256)
            if existing is not None and not (reextract and existing.extractor_version != EXTRACTOR_VERSION):
                summary.skipped += 1
                log.info("ingested document", extra={"event": "ingest", "item": item.name, "outcome": "skipped",
                                                     "document_id": existing.id, "ms": 0.0})
                if progress:
                    progress(1)
                continue
            pending.append((item, new, existing.id if existing is not None else None))
            if len(pending) >= batch_size:
                flush()
        if pending:
            flush()
        while in_flight:
            store(*in_flight.pop(0))
    finally:
        collector.close()
        if own_parser is not None:
            own_parser.close()
    summary.seconds = time.perf_counter() - began
    return summary


def seed_items(seeds_dir: Path) -> list[RawItem]:
    """The seed articles with their manifest metadata (published date, cited sources, title)."""
    manifest_path = seeds_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {"documents": []}
    items = []
    for entry in manifest.get("documents", []):
        path = seeds_dir / entry["file"]
        [raw] = list(_read_file(path))
        raw.meta = {"title": entry.get("title"), "outlet": entry.get("outlet"), "url": entry.get("url"),
                    "published": entry.get("published"), "cites": entry.get("cites")}
        items.append(raw)
    return items
