"""Which wire agency a story is a copy of, from where agencies sign their copy: the dateline ("MOSCOW (Reuters) -"),
a leading or closing credit ("— AP", "AFP"), a copyright line. Pure: text in, agency key out.

A story that only cites an agency ("Reuters reported") is not a copy of its story and is not matched.
"""

from __future__ import annotations

import re

from app.places.dateline import parse_dateline
from app.text import normalize

# agency key -> the names it signs with
AGENCIES: dict[str, tuple[str, ...]] = {
    "reuters": ("Reuters", "Thomson Reuters"),
    "ap": ("AP", "Associated Press", "The Associated Press"),
    "afp": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "xinhua": ("Xinhua", "Xinhua News Agency"),
    "tass": ("TASS", "ITAR-TASS"),
    "interfax": ("Interfax",),
    "ria": ("RIA Novosti", "RIA"),
    "anadolu": ("Anadolu", "Anadolu Agency"),
    "efe": ("EFE",),
    "ansa": ("ANSA",),
    "kyodo": ("Kyodo", "Kyodo News"),
    "yonhap": ("Yonhap",),
    "pti": ("PTI", "Press Trust of India"),
    "ani": ("ANI",),
    "upi": ("UPI", "United Press International"),
    "bloomberg": ("Bloomberg",),
    "bernama": ("Bernama",),
}
_BY_NAME = {normalize(name): key for key, names in AGENCIES.items() for name in names}
_NAMES = "|".join(sorted((re.escape(n) for names in AGENCIES.values() for n in names), key=len, reverse=True))
DASH = r"(?:—|–|--|-)"
HEAD = 400  # characters searched at the start of a story
TAIL = 300  # and at its end
SIGNATURES_HEAD = [
    re.compile(rf"\((?P<a>{_NAMES})\)\s*{DASH}"),  # "MOSCOW, May 1 (Reuters) -"
    re.compile(rf"^\s*(?P<a>{_NAMES})\s*{DASH}\s"),  # "AFP - The ..."
    re.compile(rf"^\s*(?P<a>{_NAMES})\s*$", re.MULTILINE),  # a credit alone on the first line
]
SIGNATURES_TAIL = [
    re.compile(rf"{DASH}\s*(?P<a>{_NAMES})\s*\.?\s*$"),  # "... — AP"
    re.compile(rf"^\s*\(?(?P<a>{_NAMES})\)?\s*\.?\s*$", re.MULTILINE),  # "AFP" or "(Reuters)" on a line of its own
    re.compile(rf"(?:©|\(c\)|Copyright)\s*(?:\d{{4}}\s*)?(?P<a>{_NAMES})"),  # "© 2024 The Associated Press"
    re.compile(rf"^\s*(?:Source|Credit)s?\s*:\s*(?P<a>{_NAMES})\s*$", re.MULTILINE | re.IGNORECASE),
]


def agency_key(name: str | None) -> str | None:
    """The agency a name denotes ("Associated Press" -> "ap"), or None."""
    return _BY_NAME.get(normalize(name or ""))


def detect_wire(text: str) -> str | None:
    """The wire agency whose story this text is a copy of, or None."""
    text = text or ""
    line = parse_dateline(text)
    if line is not None and agency_key(line.agency):
        return agency_key(line.agency)
    head, tail = text[:HEAD], text[-TAIL:]
    for pattern in SIGNATURES_HEAD:
        m = pattern.search(head)
        if m:
            return agency_key(m.group("a"))
    for pattern in SIGNATURES_TAIL:
        m = pattern.search(tail.rstrip())
        if m:
            return agency_key(m.group("a"))
    return None


def origin(text: str, outlet: str | None) -> str | None:
    """Who the story comes from: "wire:<agency>" for a wire copy (or an agency's own outlet), "outlet:<name>",
    or None when unknown (the document then counts as a source of its own)."""
    wire = detect_wire(text) or agency_key(outlet)
    if wire:
        return f"wire:{wire}"
    folded = normalize(outlet or "")
    return f"outlet:{folded}"[:120] if folded else None
