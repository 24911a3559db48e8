"""Clock times: "around 1 a.m. on Wednesday", "At 2 a.m., X said".

News tells a night's events by the clock. A clock time stated with a day ("1 a.m. on Wednesday") sets the
narrative's instant; a later clock time without one ("Around 2 a.m., ...") is that same day as long as the clock
runs forward, so it dates its clause to the day. A clock time that runs backwards could be the next day or an
earlier moment told out of order: it stays undated.
"""

from __future__ import annotations

import re
from datetime import datetime

from spacy.tokens import Doc

from app.extract.doctext import doc_text
from app.extract.types import Span, TimeExpression

CLOCK_RE = re.compile(r"\b(\d{1,2})(?::([0-5]\d))?\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
# a sentence that tells the hour at all: a clock time, or "midnight" (which has no a.m./p.m. to read)
HOUR_RE = re.compile(CLOCK_RE.pattern + r"|\bmidnight\b", re.IGNORECASE)
# "around 2 a.m.", "at about 11:30 p.m.": the words a clock time phrase opens with
CLOCK_LEAD_RE = re.compile(r"(?i:\b(?:at|around|about|by|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)+$")


def _minute_of_day(m: re.Match[str]) -> int:
    hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
    return hour * 60 + int(m.group(2) or 0)


def _day_of(doc: Doc, m: re.Match[str], times: list[TimeExpression]) -> TimeExpression | None:
    """The day-precise date its sentence states beside a clock time, nearest first."""
    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    days = [t for t in times if t.precision == "day" and t.date_start is not None
            and sent.start_char <= t.span.start < sent.end_char]
    return min(days, key=lambda t: abs(t.span.start - m.start())) if days else None


def clock_instants(doc: Doc, times: list[TimeExpression]) -> list[tuple[int, datetime]]:
    """(offset, instant) of each clock time the text dates with its own sentence's day, in text order."""
    out = []
    text = doc_text(doc)
    for m in CLOCK_RE.finditer(text):
        day = _day_of(doc, m, times)
        if day is not None:
            d = day.date_start
            minute = _minute_of_day(m)
            out.append((m.start(), datetime(d.year, d.month, d.day, minute // 60, minute % 60)))
    return out


def latest_instant(doc: Doc, before: int, times: list[TimeExpression]) -> tuple[datetime, int] | None:
    """The latest clock time dated with its day stated before offset `before`: (instant, offset)."""
    found = [(at, instant) for at, instant in clock_instants(doc, times) if at < before]
    return (found[-1][1], found[-1][0]) if found else None


def clock_times(doc: Doc, times: list[TimeExpression]) -> list[TimeExpression]:
    """Day-precise times for the clock times whose sentence gives no day, from the narrative's clock."""
    text = doc_text(doc)
    dated = clock_instants(doc, times)
    out: list[TimeExpression] = []
    for m in CLOCK_RE.finditer(text):
        if _day_of(doc, m, times) is not None:
            continue
        earlier = [instant for at, instant in dated if at < m.start()]
        if not earlier:
            continue
        last = earlier[-1]
        if _minute_of_day(m) < last.hour * 60 + last.minute:
            continue  # the clock ran backwards: the next day, or an earlier moment told out of order
        lead = CLOCK_LEAD_RE.search(text, 0, m.start())
        start = lead.start() if lead is not None and lead.end() == m.start() else m.start()
        sent = doc.char_span(m.start(), m.end(), alignment_mode="expand").sent
        span = Span(start=start, end=m.end(), text=text[start:m.end()], sentence=sent.text,
                    sentence_start=sent.start_char)
        out.append(TimeExpression(span=span,
                                  date_start=last.date(), date_end=last.date(), precision="day",
                                  anchor=f"text:{m.start()}"))
    return out
