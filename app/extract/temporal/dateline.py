"""The dateline that opens a story's body: "CITY (Agency) –", "CITY, Aug. 25 (Agency) –", "CITY, Country, April 30.".

A headline may stand before it, so any of the first few lines may open with it. Its date dates the events of the
lead it introduces (GUIDELINES: "a dateline dates the events it introduces"); its city and agency locate and
source the story and are never participants of an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract.types import TimeExpression

_MONTH_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"
# the city in capitals; then optionally a region or country, a date, the agency in brackets; then a dash, a colon,
# or a full stop (with a "/AGENCY/." tag after it)
_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z.'’ -]{1,40}?[A-Z])"
    rf"(?:\s*,\s*(?!{_MONTH_DAY})[A-Z][A-Za-z.'’ -]{{1,40}}?)?"
    rf"(?P<date>\s*,?\s+{_MONTH_DAY}(?:,?\s+\d{{4}})?)?"
    r"\s*(?P<agency>\([^()\n]{1,40}\))?"
    r"(?P<end>\s*(?:—|–|--|-|:)|\.\s*/[^/\n]{1,30}/\.|\.(?=\s))"
)
_SEARCH = 600  # a headline and a byline may come first


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int  # where the story's first sentence begins
    dated: bool  # the dateline carries a date


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of one of the first lines, if any."""
    offset = 0
    for line in text[:_SEARCH].split("\n"):
        m = _DATELINE.match(line)
        # a bare "CITY –" needs its dash spaced, so an all-capital headline word is not taken for a city
        if m and (m.group("date") or m.group("agency") or
                  (re.search(r"\s(?:—|–|--|-)$", line[:m.end()]) and line[m.end():m.end() + 1] == " ")):
            return Dateline(start=offset + m.start(), end=offset + m.end(), dated=bool(m.group("date")))
        offset += len(line) + 1
    return None


def dateline_time(dateline: Dateline | None, times: list[TimeExpression]) -> TimeExpression | None:
    """The date the dateline states, as the temporal stage read it."""
    if dateline is None or not dateline.dated:
        return None
    return next((t for t in times if dateline.start <= t.span.start < dateline.end and t.date_start is not None), None)
