"""The dateline that opens a news story: "PARIS, Texas (AP) —", "MOSCOW, May 1 (Reuters) -", "KYIV, Ukraine —"."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTH_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
# the place in capitals, then optionally a region or country, a date, the agency in brackets; then a dash
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’ -]{1,40}?[A-Z.])"
    rf"(?:\s*,\s*(?!{MONTH_DAY})(?P<where>[A-Z][A-Za-z.'’ -]{{1,40}}?))?"
    rf"(?:\s*,?\s+{MONTH_DAY})?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?\s*(?:—|–|--|-)\s"
)


@dataclass(frozen=True)
class Dateline:
    place: str | None  # "Paris" (title-cased from the capitals)
    where: str | None  # "Texas"
    agency: str | None  # "AP"


def parse_dateline(text: str) -> Dateline | None:
    """The story's dateline, if its first line opens with one."""
    m = DATELINE.match((text or "")[:200])
    if not m:
        return None
    place = m.group("place").strip(" .-")
    return Dateline(place=place.title() if place else None, where=(m.group("where") or "").strip() or None,
                    agency=(m.group("agency") or "").strip() or None)
