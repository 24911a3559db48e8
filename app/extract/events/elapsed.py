"""Elapsed time within a day: "The vote came 2 hours 30 minutes after X declared Y".

A happening told only as hours or minutes before or after another carries no date of its own, and near midnight
the hours decide its day. The narrative gives the clock: the clause it counts from is dated by the latest clock
time the text states up to that sentence ("around 1 a.m. on Wednesday"), which is how news tells a night's events
in order. Counting the hours back (or on) from that instant gives the day. Without a clock time and its day, the
day stays open: "six hours after" a Wednesday event may be Tuesday or Wednesday.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Token

from app.extract.doctext import doc_text
from app.extract.temporal.clock import latest_instant
from app.extract.temporal.patterns import number_value
from app.extract.types import Span, TimeExpression

_Event = Any  # finder.py's _Event: imported from there, the two modules would import each other

UNIT_MINUTES = {"hour": 60, "minute": 1}
MAX_MINUTES = 36 * 60  # longer spans are counted in days (dates.relative_offset)


def _minutes(measures: list[Token]) -> int:
    """ "2 hours 30 minutes", "six hours", "about 40 minutes": the span in minutes (0 when not a clock span)."""
    total = 0
    for m in measures:
        unit = UNIT_MINUTES.get(m.lemma_.lower())
        count = next((number_value(c.text) for c in m.children if c.dep_ == "nummod"), None)
        if unit is None or count is None:
            return 0
        total += unit * count
    return total if total <= MAX_MINUTES else 0


def elapsed_offset(tok: Token) -> tuple[Token, int, Span] | None:
    """(the head counted from, minutes, the phrase) when `tok` heads "<N hours> after/before <tok's clause or
    noun>": "X was passed 2 hours 30 minutes after Y declared Z" gives (passed, -150, ...) for "declared"."""
    if tok.dep_ == "advcl":
        marker = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        head = tok.head
        holders = (tok, head)
    elif tok.dep_ == "pobj" and tok.head.lower_ in ("after", "before") and tok.head.dep_ == "prep":
        marker, head = tok.head, tok.head.head
        holders = (tok.head, head)
    else:
        return None
    if marker is None:
        return None
    measures = [c for h in holders for c in h.children if c.dep_ == "npadvmod" and c.i < marker.i]
    minutes = _minutes(measures) if measures else 0
    if not minutes:
        return None
    doc = tok.doc
    start, end = min(m.left_edge.idx for m in measures), marker.idx + len(marker)
    phrase = Span(start=start, end=end, text=doc_text(doc)[start:end], sentence=tok.sent.text,
                  sentence_start=tok.sent.start_char)
    return head, (-minutes if marker.lower_ == "after" else minutes), phrase


def elapsed_times(doc: Doc, events: list[_Event], times: list[TimeExpression]) -> None:
    """Undated events told as hours or minutes before or after a clause: dated by the narrative's clock."""
    for e in events:
        if e.time is not None:
            continue
        for m in e.mentions:
            found = elapsed_offset(m.trigger.token)
            if found is None:
                continue
            head, minutes, phrase = found
            clock = latest_instant(doc, head.sent.end_char, times)
            if clock is None:
                continue
            instant, where = clock
            try:
                day: date = (instant + timedelta(minutes=minutes)).date()
            except OverflowError:  # a clock time on the calendar's first or last day
                continue
            e.time = TimeExpression(span=phrase, date_start=day, date_end=day, precision="day",
                                    anchor=f"text:{where}")
            break
