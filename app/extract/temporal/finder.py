"""Time expressions -> date intervals with a precision and an anchor.

Public API:
    find_times(doc: Doc, published: date | None = None) -> list[TimeExpression]
        every date expression in text order; spans are offsets into doc.text (= the stored text).
    time_for_clause(token: Token, times: list[TimeExpression], *, own_only: bool = False) -> TimeExpression | None
        the expression governing the clause of an event trigger: attached to the trigger, then to its head verb,
        then in either's subtree, then in the sentence; closest by dependency arcs (see its docstring).
    interval_text(te: TimeExpression) -> str | None
        ISO 8601 text of the interval at its precision: "2024-04-30", "2024-03", "1993", "2024-04-22/2024-04-28".

Candidates are spaCy DATE entities plus our own regexes (spaCy misses "A day earlier", "mid-April" and the
like), merged so that none overlap. Each is read by app.extract.temporal.resolve: calendar dates first, then
expressions counted from publication, then expressions counted from the latest date written before them.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from app.extract.bounds import on_calendar
from app.extract.doctext import doc_text
from app.extract.lexicon import lexicon
from app.extract.temporal.clock import clock_times
from app.extract.temporal.patterns import (
    BARE_MONTH_RE,
    BARE_YEAR_RE,
    CANDIDATE_RE,
    DATE_WORD_RE,
    YEAR,
    year_modifier_re,
)
from app.extract.temporal.resolve import (
    UNKNOWN,
    Resolution,
    YearContext,
    resolve,
    strip_leading_words,
)
from app.extract.types import Span, TimeExpression

_COUNTS_FROM_CLAUSE = re.compile(r"\b(?:before|after)$", re.IGNORECASE)
_YEAR_IN_ENT = re.compile(r"\b" + YEAR + r"\b")
# How far back (characters, same sentence) an explicit year still dates a year-less "March 3".
_YEAR_HINT_REACH = 60


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    """Every stretch that may be a date: spaCy DATE entities, their years, and regex matches."""
    found: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ == "DATE" and not _counts_things(doc, ent.start_char, ent.end_char):
            found.append((ent.start_char, ent.end_char))
            # "the 1993 and 1999 agreements": each year is a date of its own if the whole is not
            found.extend((ent.start_char + m.start(), ent.start_char + m.end())
                         for m in _YEAR_IN_ENT.finditer(ent.text))
    found.extend((m.start(), m.end()) for m in CANDIDATE_RE.finditer(doc_text(doc)))
    for pattern in (BARE_MONTH_RE, BARE_YEAR_RE, year_modifier_re()):
        for match in pattern.finditer(doc_text(doc)):
            if pattern is BARE_YEAR_RE and _counts_things(doc, match.start(1), match.end(1)):
                continue
            found.append((match.start(1), match.end(1)))
    return sorted(set(found))


def _counts_things(doc: Doc, start: int, end: int) -> bool:
    """A number counting a noun ("in 2000 villages"), not a year: it modifies a plural that years do not date."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1 or not span.text.isdecimal():
        return False
    token = span[0]
    dated = lexicon().words.temporal.year_event_nouns
    return token.dep_ == "nummod" and token.head.tag_ == "NNS" and token.head.lower_ not in dated


def _clusters(candidates: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group overlapping candidates (sorted by start) into clusters."""
    clusters: list[list[tuple[int, int]]] = []
    cluster_end = -1
    for start, end in candidates:
        if clusters and start < cluster_end:
            clusters[-1].append((start, end))
            cluster_end = max(cluster_end, end)
        else:
            clusters.append([(start, end)])
            cluster_end = end
    return clusters


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading preposition and surrounding punctuation/space from a candidate."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    _, dropped = strip_leading_words(text[start:end])
    return start + dropped, end


def _sentence_of(doc: Doc, start: int, end: int) -> SpacySpan | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.sent if span is not None and len(span) else None


def _year_context(doc: Doc, start: int, prior: list[TimeExpression]) -> YearContext:
    """What the sentence around `start` says about a year-less date's year."""
    sentence = _sentence_of(doc, start, start + 1)
    if sentence is None:
        return YearContext()
    future = any(tok.lower_ in lexicon().words.temporal.future_words for tok in sentence)
    # "told to go home by June 2", "until July 3": a deadline or an end point lies ahead of the text as often as not
    before = doc_text(doc)[max(sentence.start_char, start - 7):start].split()
    future = future or (bool(before) and before[-1].lower() in ("by", "until", "till"))
    for te in reversed(prior):
        if te.span.start < sentence.start_char or start - te.span.end > _YEAR_HINT_REACH:
            break
        if (te.precision == "year" and te.anchor == "absolute" and te.date_start is not None
                and te.date_end is not None and te.date_start.year == te.date_end.year):
            return YearContext(hint=te.date_start.year, future=future)
    return YearContext(future=future)


def _make(doc: Doc, start: int, end: int, resolution: Resolution) -> TimeExpression:
    sentence = _sentence_of(doc, start, end)
    span = Span(start=start, end=end, text=doc_text(doc)[start:end],
                sentence=sentence.text if sentence is not None else "",
                sentence_start=sentence.start_char if sentence is not None else 0)
    return TimeExpression(span=span, date_start=resolution.date_start, date_end=resolution.date_end,
                          precision=resolution.precision, anchor=resolution.anchor)


def _read(doc: Doc, start: int, end: int, published: date | None,
          prior: list[TimeExpression]) -> Resolution | None:
    start, end = _trim(doc_text(doc), start, end)
    if start >= end:
        return None
    if _COUNTS_FROM_CLAUSE.search(doc_text(doc)[start:end]) and re.match(r"\s+\w", doc_text(doc)[end:end + 2]):
        return UNKNOWN  # "a day after the ambassador was summoned": counted from an undated event
    # counting from a publication date at the calendar's edge (0001-01-02) must leave the date unknown, not fail
    return on_calendar(lambda: resolve(doc_text(doc)[start:end], start, published, prior,
                                       _year_context(doc, start, prior)), UNKNOWN)


def _resolve_cluster(doc: Doc, cluster: list[tuple[int, int]], published: date | None,
                     prior: list[TimeExpression]) -> list[TimeExpression]:
    """The best non-overlapping readings of one cluster: the whole stretch if it reads, else its parts."""
    whole = (min(s for s, _ in cluster), max(e for _, e in cluster))
    options = [whole] + sorted(set(cluster) - {whole}, key=lambda se: (-(se[1] - se[0]), se[0]))
    chosen: list[TimeExpression] = []
    for start, end in options:
        if any(start < te.span.end and te.span.start < end for te in chosen):
            continue
        resolution = _read(doc, start, end, published, prior + sorted(chosen, key=lambda t: t.span.start))
        if resolution is not None:
            trimmed = _trim(doc_text(doc), start, end)
            chosen.append(_make(doc, *trimmed, resolution))
    if not chosen:
        start, end = _trim(doc_text(doc), *whole)
        if start < end and DATE_WORD_RE.search(doc_text(doc)[start:end]):  # a date we cannot read: keep, unknown
            chosen.append(_make(doc, start, end, UNKNOWN))
    return sorted(chosen, key=lambda te: te.span.start)


def find_times(doc: Doc, published: date | None = None) -> list[TimeExpression]:
    """Every date expression of the article, normalised, in text order."""
    times: list[TimeExpression] = []
    for cluster in _clusters(_candidates(doc)):
        times.extend(_resolve_cluster(doc, cluster, published, times))
    # "Around 2 a.m., X said": a clock time dated by the day of the narrative's clock (temporal/clock.py)
    clocked = [t for t in clock_times(doc, times) if not any(o.span.start < t.span.end and t.span.start < o.span.end
                                                             for o in times)]
    return sorted(times + clocked, key=lambda t: t.span.start) if clocked else times


def _tokens_of(doc: Doc, te: TimeExpression) -> SpacySpan | None:
    span = doc.char_span(te.span.start, te.span.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    ancestors_a = [a, *a.ancestors]
    depth_in_a = {tok.i: depth for depth, tok in enumerate(ancestors_a)}
    for depth_b, tok in enumerate([b, *b.ancestors]):
        if tok.i in depth_in_a:
            return depth_in_a[tok.i] + depth_b
    return len(ancestors_a) + depth_b + 1


def _head_verb(token: Token) -> Token:
    """The verb governing the trigger: its first verb ancestor (the trigger itself for a root verb)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return token


def _attached_to(time_root: Token, target: Token) -> bool:
    """Whether the date hangs off `target` directly or through prepositions only ("on April 27", "the same day")."""
    current = time_root
    while current.head.i != current.i:
        current = current.head
        if current.i == target.i:
            return True
        if not (current.pos_ == "ADP" or current.dep_ in ("prep", "agent", "pcomp")):
            return False
    return False


def time_for_clause(token: Token, times: list[TimeExpression], *, own_only: bool = False) -> TimeExpression | None:
    """The dated expression governing a trigger's clause, or None when its sentence has none.

    Preference, most to least: attached to the trigger (through prepositions only), attached to its head
    verb, anywhere in the trigger's subtree, anywhere in the head verb's subtree, anywhere in the sentence.
    Ties go to the syntactically closest (fewest dependency arcs). The prepositions-only test keeps "an
    attack the previous month" for "attack", not for the "stranded" whose object it sits in. With `own_only`,
    only dates in the trigger's own subtree count (for nouns naming an earlier event: "stemmed from the attack").
    """
    doc, sentence = token.doc, token.sent
    head = _head_verb(token)
    own = {t.i for t in token.subtree}
    clause = {t.i for t in head.subtree}
    best: tuple[tuple[int, int], TimeExpression] | None = None
    for te in times:
        if te.date_start is None or not (sentence.start_char <= te.span.start < sentence.end_char):
            continue
        tokens = _tokens_of(doc, te)
        if tokens is None:
            continue
        root = tokens.root
        if _attached_to(root, token):
            tier = 0
        elif _attached_to(root, head):
            tier = 1
        else:
            tier = 2 if root.i in own else 3 if root.i in clause else 4
        if own_only and tier not in (0, 2):
            continue
        rank = (tier, _tree_distance(token, root))
        if best is None or rank < best[0]:
            best = (rank, te)
    return best[1] if best else None


def interval_text(te: TimeExpression) -> str | None:
    """ISO 8601 text of the interval at its precision ("2024-04-30", "2024-03", "1993", "start/end")."""
    if te.date_start is None:
        return None
    start, end = te.date_start, te.date_end or te.date_start
    if te.precision == "year" and start.year == end.year:
        return f"{start.year:04d}"
    if te.precision == "month" and (start.year, start.month) == (end.year, end.month):
        return f"{start.year:04d}-{start.month:02d}"
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"
