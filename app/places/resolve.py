"""Place text -> gazetteer entry, disambiguated by what the article is about. Pure: no database, no spaCy.

The rules are general: a country or country adjective is a country (never its capital); a border is the
country it is named after first; a named airport is a point; "X airports", "X City Hall", "a hall in X" are X;
an ambiguous city name goes to the candidate the article's countries, regions and dateline support, then to the
most populous. What resolves to nothing stays unresolved: no place is better than a wrong pin.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.places.dateline import parse_dateline
from app.places.gazetteer import Entry, Gazetteer, airport_core
from app.text import normalize

BORDER = re.compile(r"\bborders?\b|\bfrontiers?\b", re.IGNORECASE)
AIRPORT = re.compile(r"\b(airports?|airfields?|aerodromes?)\b", re.IGNORECASE)
AIRPORTS_PLURAL = re.compile(r"\b(airports|airfields|aerodromes)\b", re.IGNORECASE)
REGION_CUE = re.compile(r"\b(region|province|state|oblast|krai|kray|county|governorate|prefecture|district)\b",
                        re.IGNORECASE)
INNER_PLACE = re.compile(r"\b(?:in|at|of|outside|near)\s+(?:the\s+)?(.+)$")
# "in Tromso", "at Kyiv Central Station": a capitalized phrase after a locative preposition
LOCATIVE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|del|la|le|am|on|upon))*)")
SPLIT_COUNTRIES = re.compile(r"\s*(?:[-–—/]|\band\b|\s)\s*")
LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s\b")


@dataclass
class Context:
    """Where an article is: weights of the countries ("RU") and regions ("US-TX") it names, its own words for
    countries ("kazakh" -> KZ) and the place of its dateline."""

    areas: dict[str, float] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)
    dateline: Entry | None = None

    def add(self, entry: Entry | None, weight: float) -> None:
        if entry is None:
            return
        if entry.country_code:
            self.areas[entry.country_code] = self.areas.get(entry.country_code, 0.0) + weight
        if entry.region_code:
            self.areas[entry.region_code] = self.areas.get(entry.region_code, 0.0) + weight

    def share(self, code: str | None) -> float:
        """How much the article is about this country or region, 0..1 (relative to its main subject)."""
        if not code or code not in self.areas:
            return 0.0
        return self.areas[code] / max(self.areas.values())


def clean(text: str) -> str:
    """The place phrase without a leading article, possessives or surrounding punctuation."""
    text = POSSESSIVE.sub("", (text or "").strip(" \t\n,.;:\"'“”‘’()"))
    return re.sub(r"\s+", " ", LEADING.sub("", text)).strip()


def is_named(text: str) -> bool:
    """A phrase carrying a proper name (a capitalized word), as opposed to "entry checkpoints"."""
    return any(w[:1].isupper() for w in clean(text).split())


class Resolver:
    """Resolves the place phrases of one article against the gazetteer, in that article's context."""

    def __init__(self, gaz: Gazetteer, context: Context | None = None) -> None:
        self.gaz = gaz
        self.ctx = context or Context()

    # ------------------------------------------------------------------------------------------ public

    def resolve(self, text: str | None, evidence: Iterable[str] = ()) -> Entry | None:
        """The entry a place phrase names; a named venue the gazetteer lacks takes the place its event's own
        words put it in ("the attack on a concert hall in X")."""
        t = clean(text or "")
        if not t or not is_named(t):
            return None
        found = self._phrase(t)
        if found is None:
            for sentence in evidence:
                for m in LOCATIVE.finditer(sentence or ""):
                    found = self._named(clean(m.group(1)))
                    if found is not None:
                        return found
        return found

    # ------------------------------------------------------------------------------------------ rules

    def _phrase(self, t: str) -> Entry | None:
        if BORDER.search(t):
            return self._border(t)
        if AIRPORT.search(t) and not AIRPORTS_PLURAL.search(t):
            airport = self._airport(t)
            if airport is not None:
                return airport
        found = self._named(t)
        if found is not None:
            return found
        inner = INNER_PLACE.search(t)  # "concert hall in X", "airports of X"
        if inner and is_named(inner.group(1)):
            found = self._named(clean(inner.group(1)))
            if found is not None:
                return found
        words = t.split()
        for n in range(len(words) - 1, 0, -1):  # "X airports", "X City Hall": the capitalized words before
            if words[n - 1][:1].isupper():
                found = self._named(" ".join(words[:n]))
                if found is not None:
                    return found
        for word in words:  # "Russian soil"
            code = self._country_code(word)
            if code:
                return self.gaz.countries[code]
        return None

    def _country_code(self, phrase: str) -> str | None:
        return self.gaz.country_code(phrase) or self.ctx.forms.get(normalize(phrase))

    def _border(self, t: str) -> Entry | None:
        """"the Kazakh-Russian border", "the border with Russia": the first country named, at country precision
        (a border is no city, and GeoNames data offline has no border lines to place it on)."""
        phrase = BORDER.sub(" ", t)
        for part in SPLIT_COUNTRIES.split(phrase):
            code = self._country_code(part) if part else None
            if code:
                return self.gaz.countries[code]
        return None

    def _airport(self, t: str) -> Entry | None:
        """A named airport ("Heathrow airport"): its own coordinates, precision point."""
        candidates = self.gaz.airports.get(airport_core(t), [])
        if not candidates:
            return None
        return max(candidates, key=lambda e: (self.ctx.share(e.country_code), e.key))

    def _named(self, phrase: str) -> Entry | None:
        """A country, city or region by its whole name, the best candidate for this article."""
        if not phrase or not is_named(phrase):
            return None
        code = self.gaz.country_code(phrase)
        if code and not REGION_CUE.search(phrase):
            return self.gaz.countries[code]
        scored: list[tuple[float, str, Entry]] = []
        primary = normalize(phrase)
        for city in self.gaz.cities_named(phrase):
            support = self._support(city)
            if normalize(city.name) != primary and support == 0:
                continue  # only an alternate spelling, in a country the article never mentions
            scored.append((support + math.log10(max(city.population, 10)) / 10, city.key, city))
        regions = self.gaz.regions_named(phrase) or self.gaz.regions_named(REGION_CUE.sub(" ", phrase))
        for region in regions:
            bonus = 1.0 if REGION_CUE.search(phrase) else 0.3  # "Moscow region" is the region, "Moscow" the city
            scored.append((self._support(region) + bonus, region.key, region))
        if not scored:
            # the article's own word for a country ("Kazakh"); after cities, since a capital standing for its
            # country in one sentence ("Dushanbe said") is still a city where things happen
            code = self.ctx.forms.get(primary)
            return self.gaz.countries[code] if code else None
        return max(scored, key=lambda s: (s[0], s[1]))[2]

    def _support(self, entry: Entry) -> float:
        """How much the article's countries, regions and dateline back this candidate."""
        score = 2 * self.ctx.share(entry.country_code) + 3 * self.ctx.share(entry.region_code)
        dateline = self.ctx.dateline
        if dateline is not None:
            if dateline.key == entry.key:
                score += 4
            elif dateline.country_code == entry.country_code:
                score += 1
        return score


def build_context(gaz: Gazetteer, text: str, countries: Iterable[tuple[str, list[str], int]],
                  locations: Iterable[tuple[str, int]], affiliations: Iterable[str] = ()) -> Context:
    """The article's context: its country actors (name, aliases, mentions), the countries its other actors belong
    to, its location actors (name, mentions) as resolved in the light of those countries, and its dateline."""
    ctx = Context()
    for name, aliases, mentions in countries:
        code = next((c for c in (gaz.country_code(n) for n in [name, *aliases]) if c), None)
        if code is None:
            continue
        ctx.areas[code] = ctx.areas.get(code, 0.0) + 1 + mentions
        for alias in [name, *aliases]:
            ctx.forms.setdefault(normalize(alias), code)
    for country in affiliations:
        code = gaz.country_code(country) or ctx.forms.get(normalize(country))
        if code:
            ctx.areas[code] = ctx.areas.get(code, 0.0) + 0.5
    line = parse_dateline(text)
    if line is not None and line.place:
        where = Resolver(gaz, ctx)._named(line.where) if line.where else None
        ctx.add(where, 3)
        ctx.dateline = Resolver(gaz, ctx)._named(line.place)
        ctx.add(ctx.dateline, 3)
    resolver = Resolver(gaz, Context(dict(ctx.areas), dict(ctx.forms), ctx.dateline))
    for name, mentions in locations:
        ctx.add(resolver._named(clean(name)), 1 + mentions)
    return ctx
