"""Drafts of one document that name the same actor twice: an acronym, a short form, a spelling variant.

"the United Nations ... the UN", "the European Union ... the Union", "Ahmed Al-Rashidi ... Ahmed Al-Rashidy":
each pass of the finder sees one form at a time, so the second becomes a draft of its own. Folding it into the
first keeps one actor per document, with every form as an alias (and so one stored actor across documents).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from app.extract.actors.book import ActorBook, Draft
from app.text import normalize

FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le"})
VARIANT_MIN = 90  # whole-name similarity of two spellings of one person ("al-rashidi" / "al-rashidy")
GIVEN_MIN = 80  # ... whose given names must agree too ("john smith" / "joan smith" are two people)


def acronym(name: str) -> str:
    """Initials of the name's content words ("European Union" -> "EU", "Deutsche Welle" -> "DW")."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in FUNCTION_WORDS and w[:1].isalpha())


def _short_form_of(short: Draft, long: Draft) -> bool:
    """`short` is `long`'s acronym ("UN") or its last word alone ("the Union", "the Assembly")."""
    s, words = short.name.strip(), long.name.split()
    if len(words) < 2 or " " in s:
        return False
    if s.isupper() and len(s) >= 2 and s == acronym(long.name).upper():
        return True
    return s[:1].isupper() and s == words[-1] and s.lower() not in FUNCTION_WORDS


def _variant(a: Draft, b: Draft) -> bool:
    """Two spellings of one full name: very close as a whole, close in the given names."""
    x, y = normalize(a.name), normalize(b.name)
    if len(x.split()) < 2 or len(y.split()) < 2 or x == y:
        return False
    given = fuzz.ratio(" ".join(x.split()[:-1]), " ".join(y.split()[:-1]))
    return fuzz.ratio(x, y) >= VARIANT_MIN and given >= GIVEN_MIN and (a.country == b.country or not a.country
                                                                          or not b.country)


def merge_same_actors(book: ActorBook) -> None:
    """Fold short forms of organizations and spelling variants of people into the draft named first."""
    orgs = [d for d in book.drafts if d.type == "organization"]
    for short in orgs:
        longs = [d for d in orgs if d is not short and _short_form_of(short, d)]
        if len(longs) == 1:  # "the Party" beside two parties names neither
            book.merge(short, longs[0])
    people = sorted((d for d in book.drafts if d.type == "person"), key=lambda d: d.first)
    for i, a in enumerate(people):
        for b in people[i + 1:]:
            if b in book.drafts and a in book.drafts and _variant(a, b):
                book.merge(b, a)
