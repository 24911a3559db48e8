"""Country words in a parsed doc, and title / ministry phrases normalized to roles and canonical names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from app.extract.actors import countries
from app.extract.actors.countries import CountryForm
from app.extract.lexicon import lexicon

POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass(frozen=True)
class CountryHit:
    """Tokens [start, end) naming a country (or its adjective, people or capital)."""

    start: int
    end: int
    form: CountryForm


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Lower-case words that may make up a title or a ministry portfolio."""
    data = lexicon().titles
    words = {w for key in [*data.titles, *data.ministries] for w in key.split()}
    return frozenset(words | data.extra_title_words)


def news_agencies() -> list[str]:
    """Names of well-known news agencies and outlets (general reference data)."""
    return list(lexicon().titles.news_agencies)


def portfolio(words: list[str]) -> str | None:
    """Normalized ministry portfolio of lower-case words ("foreign affairs" -> "Foreign Affairs")."""
    return lexicon().titles.ministries.get(" ".join(words).strip())


def normalize_title(words: list[str]) -> str | None:
    """Normalized title of lower-case words ("foreign", "minister") -> "Minister of Foreign Affairs"."""
    data = lexicon().titles
    words = [w for w in words if w not in data.ignored_title_words]
    text = " ".join(words)
    if not text:
        return None
    if text in data.titles:
        return data.titles[text]
    deputy = "Deputy " if text.startswith("deputy ") else ""
    core = text.removeprefix("deputy ")
    m = re.fullmatch(r"(.+?) (?:affairs )?minister", core) or re.fullmatch(r"minister (?:of|for) (.+)", core)
    if m and (dept := data.ministries.get(m.group(1)) or data.ministries.get(m.group(1) + " affairs")):
        return f"{deputy}Minister of {dept}"
    # "foreign ministry spokesperson": the last title word decides
    for n in range(min(3, len(words)), 0, -1):
        tail = " ".join(words[-n:])
        if tail in data.titles:
            return data.titles[tail]
    return None


def is_destination_title(title: str) -> bool:
    return title in lexicon().titles.destination_titles


def is_diplomat_title(title: str | None) -> bool:
    return bool(title) and title in lexicon().titles.diplomat_titles


def role_of(title: str, country: str | None, destination: str | None = None) -> str:
    """Role string: "Minister of Foreign Affairs of Russia", "Ambassador of France to Kenya"."""
    role = f"{title} of {country}" if country else title
    if destination and is_destination_title(title):
        role += f" to {destination}"
    return role


def ministry_name(dept: str | None, country: str) -> str:
    return f"Ministry of {dept} of {country}" if dept else f"Ministry of {country}"


def extend_hyphens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Grow [start, end) over tight hyphen joins ("KUN" -> "KUN-UZ", "Jomart Tokayev" -> "Kassym-Jomart Tokayev")."""
    def tight(i: int) -> bool:  # doc[i] is a hyphen glued to both neighbours
        return 0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_ \
            and doc[i + 1].text[:1].isupper() and doc[i - 1].text[:1].isupper()
    while end < len(doc) - 1 and tight(end):
        end += 2
    while start >= 2 and tight(start - 1):
        start -= 2
    return start, end


def country_hits(doc: Doc) -> dict[int, CountryHit]:
    """Every token inside a country word, mapped to its hit (longest match first, case-sensitive)."""
    longest = countries.max_form_words()
    hits: dict[int, CountryHit] = {}
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not (tok.text[:1].isupper()) or not countries.may_start_form(tok.text):
            i += 1
            continue
        found = None
        for n in range(min(longest, len(doc) - i), 0, -1):
            span = doc[i:i + n]
            if not span[-1].text[:1].isalpha() and n > 1:
                continue
            form = countries.lookup(span.text)
            if form:
                found = CountryHit(i, i + n, form)
                break
        if found:
            for j in range(found.start, found.end):
                hits[j] = found
            i = found.end
        else:
            i += 1
    return hits
