"""Long texts are extracted in segments: bounded memory and time per step, one parse at a time, stoppable.

A body longer than SEGMENT_CHARS characters or SEGMENT_TOKENS words and punctuation marks is cut at paragraph
breaks (else line breaks, sentence ends, whitespace) into segments within both. Each segment is parsed and
extracted on its own and the results are merged with offsets into the whole text, so memory stays that of one
segment and the parts of the extractors that compare mentions with one another stay within a segment.
Coreference and relative dates do not reach across a segment boundary; ordinary articles are far shorter and
go through in one piece.
"""

from __future__ import annotations

import collections
import re
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from app.extract.bounds import count_tokens
from app.extract.types import ExtractedActor, ExtractedDocument, Span
from app.text import normalize

SEGMENT_CHARS = 50_000
# what the parser holds in memory grows with tokens: 50,000 characters of punctuation are 50,000 tokens (1 GB)
SEGMENT_TOKENS = 12_000

# where to end a segment, best first; each is searched for in the second half of the window
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


class ExtractionStopped(RuntimeError):
    """The process is shutting down: an extraction in progress gives up at its next step."""


class FairLock:
    """A lock handed to waiters in arrival order.

    spaCy's string store is not safe under concurrent writes, so one parse runs at a time; a long text
    releases the lock between pipeline steps and segments, and with a plain Lock the releasing thread would
    take it straight back. Handing it over first come, first served lets a short article go in between.
    """

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: collections.deque[threading.Event] = collections.deque()
        self._held = False

    def __enter__(self) -> FairLock:
        with self._mutex:
            if not self._held:
                self._held = True
                return self
            turn = threading.Event()
            self._waiters.append(turn)
        turn.wait()  # the releasing thread hands the lock over; it stays held
        return self

    def __exit__(self, *exc: object) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().set()
            else:
                self._held = False


PARSE_LOCK = FairLock()
_STOP = threading.Event()


def request_stop() -> None:
    """Make every extraction in this process give up at its next step (the server is shutting down)."""
    _STOP.set()


def clear_stop() -> None:
    """Allow extraction again (tests that stop it)."""
    _STOP.clear()


def one_segment(body: str) -> bool:
    """Whether `body` is parsed in one piece (every ordinary article is)."""
    return len(body) <= SEGMENT_CHARS and count_tokens(body) <= SEGMENT_TOKENS


def split_segments(body: str, limit: int = SEGMENT_CHARS, max_tokens: int = SEGMENT_TOKENS) -> list[tuple[int, int]]:
    """[start, end) ranges covering `body`, each at most `limit` characters and about `max_tokens` tokens (as
    count_tokens counts them), cut at the best break available."""
    out, start = [], 0
    while True:
        size = min(limit, len(body) - start)
        while size > 1 and count_tokens(body[start:start + size]) > max_tokens:  # dense text: fewer characters
            size = size * 3 // 4
        if start + size >= len(body):
            out.append((start, len(body)))
            return out
        window = body[start:start + size]
        cut = size
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window, size // 2)]
            if ends:
                cut = ends[-1]
                break
        out.append((start, start + cut))
        start += cut


ExtractDoc = Callable[[Doc, str, int, "date | None", str], ExtractedDocument]


def extract_bounded(nlp: Language, text: str, end: int, published: date | None, language: str,
                    extract_doc: ExtractDoc, version: str) -> ExtractedDocument:
    """Parse and extract text[:end] segment by segment (one segment for ordinary articles)."""
    if language != "en":
        return extract_doc(nlp.make_doc(""), text, end, published, language)
    segments = split_segments(text[:end])
    if len(segments) == 1:  # an ordinary article holds the lock from parse to result: it is never long
        with PARSE_LOCK:
            _check_stop()
            return extract_doc(nlp(text[:end]), text, end, published, language)
    parts = []
    for start, stop in segments:
        piece = text[start:stop]
        doc = _parse(nlp, piece)
        with PARSE_LOCK:
            _check_stop()
            parts.append((start, extract_doc(doc, piece, len(piece), published, language)))
    return merge_segments(parts, text, end, published, language, version)


def _parse(nlp: Language, text: str) -> Doc:
    """nlp(text), one pipeline step at a time: the lock is handed over and a stop noticed between steps."""
    with PARSE_LOCK:
        _check_stop()
        doc = nlp.make_doc(text)
    for _, step in nlp.pipeline:
        with PARSE_LOCK:
            _check_stop()
            doc = step(doc)
    return doc


def _check_stop() -> None:
    if _STOP.is_set():
        raise ExtractionStopped("the server is shutting down")


def merge_segments(parts: list[tuple[int, ExtractedDocument]], text: str, end: int, published: date | None,
                   language: str, version: str) -> ExtractedDocument:
    """One document from the extractions of its segments: offsets into the whole text, one key space, and one
    actor per (type, name) however many segments name it."""
    out = ExtractedDocument(text=text, body_end=end, language=language, published=published,
                            extractor_version=version)
    actors: dict[tuple[str, str], ExtractedActor] = {}
    for offset, part in parts:
        actor_key: dict[str, str] = {}
        for a in part.actors:
            merged = actors.get((a.type, normalize(a.name)))
            if merged is None:
                merged = actors[(a.type, normalize(a.name))] = replace(a, key=f"actor:{len(actors)}", aliases=[],
                                                                       mentions=[])
                out.actors.append(merged)
            merged.role, merged.country = merged.role or a.role, merged.country or a.country
            merged.description = merged.description or a.description
            known = {normalize(x) for x in merged.aliases}
            merged.aliases += [x for x in a.aliases if normalize(x) not in known]
            merged.mentions += [_shift(s, offset) for s in a.mentions]
            actor_key[a.key] = merged.key
        out.times += [replace(t, span=_shift(t.span, offset), anchor=_shift_anchor(t.anchor, offset))
                      for t in part.times]
        event_key = {e.key: f"event:{len(out.events) + i}" for i, e in enumerate(part.events)}
        for e in part.events:
            out.events.append(replace(
                e, key=event_key[e.key], evidence=[_shift(s, offset) for s in e.evidence],
                participants=[replace(p, actor_key=actor_key[p.actor_key]) for p in e.participants],
                anchor_key=event_key.get(e.anchor_key) if e.anchor_key else None))
        for s in part.statements:
            out.statements.append(replace(
                s, key=f"statement:{len(out.statements) + 1}", evidence=_shift(s.evidence, offset),
                quote=_shift(s.quote, offset) if s.quote else None,
                speaker_key=actor_key.get(s.speaker_key) if s.speaker_key else None,
                event_key=event_key.get(s.event_key) if s.event_key else None))
        out.cited_sources += [c for c in part.cited_sources if c not in out.cited_sources]
    return out


def _shift(span: Span, offset: int) -> Span:
    return replace(span, start=span.start + offset, end=span.end + offset,
                   sentence_start=span.sentence_start + offset)


def _shift_anchor(anchor: str, offset: int) -> str:
    return f"text:{int(anchor[5:]) + offset}" if anchor.startswith("text:") else anchor
