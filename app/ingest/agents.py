"""Which side an event participant stands for: a country, a generic agent of a country (a sector plus the country,
ACLED's convention: "Military Forces of X", "Government of X", "Protesters (X)"), or only itself.

Outlets name one party differently: one says a country shelled a town, another "the army", a third "the
country's troops". Matching treats a state agent of X as the country X, and two agents of X of the same sector as one
party; anything else (a person, a named organisation) is only itself. Pure: names in, sectors out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from app.extract.lexicon import lexicon
from app.text import normalize

# sector -> words that name it inside an agent's name, checked in this order ("Police Forces" is police, not military)
SECTOR_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("protesters", ("protesters", "protestors", "demonstrators")),
    ("police", ("police",)),
    ("military", ("military", "armed forces", "army", "air force", "navy", "troops", "soldiers", "junta",
                  "defence forces", "defense forces", "security forces")),
    ("parliament", ("parliament", "national assembly", "congress", "senate", "legislature", "lawmakers",
                    "legislators")),
    ("judiciary", ("judiciary", "supreme court", "constitutional court", "court", "prosecutors", "prosecutor")),
    ("government", ("government", "cabinet", "administration", "presidency", "office of the president")),
)
# words an agent's name may hold besides its sector and its country ("Royal Thai Armed Forces", "riot police")
FILLER_WORDS = frozenset({"of", "and", "the", "forces", "force", "national", "federal", "royal", "state", "armed",
                          "special", "riot", "security", "central"})
# sectors that act for the state: "Military Forces of X" did what "X" did; protesters of X did not
STATE_SECTORS = frozenset({"police", "military", "parliament", "judiciary", "government", "ministry"})
AGENT_TYPES = ("organization", "group")


@dataclass(frozen=True)
class Member:
    """One participant as matching sees it: its actor id, and the country and sector it stands for, if any."""

    id: int
    country: int | None = None  # the country actor it belongs to (itself for a country)
    sector: str | None = None  # "country" for a country itself; a SECTOR_WORDS key, or "ministry:<portfolio>"


def _country_words(country: str) -> set[str]:
    """The words that say the country in an agent's name: its name, adjective and people noun."""
    words = set(normalize(country).split())
    demonym = lexicon().demonyms.get(country)
    if demonym:
        for form in (demonym.adjective, demonym.people, *demonym.other_adjectives):
            words |= set(normalize(form).split())
    return words


def sector_of(name: str, country: str) -> str | None:
    """The sector of a generic agent of `country` ("Military Forces of X", "the X junta", "Protesters (X)"), or None
    for any other name: a named group ("Revolutionary Defence Forces") is only itself, whatever words it holds."""
    n = normalize(name)
    if n.startswith("ministry "):
        # "Ministry of Foreign Affairs of X": a state agent, one per portfolio (never another ministry)
        return "ministry:" + n.removeprefix("ministry ").removeprefix("of ").split(" of ")[0]
    rest = [w for w in n.split() if w not in _country_words(country)]
    vocabulary = FILLER_WORDS | {w for _, phrases in SECTOR_WORDS for p in phrases for w in p.split()}
    if not rest or any(w not in vocabulary for w in rest):
        return None
    padded = f" {' '.join(rest)} "
    for sector, phrases in SECTOR_WORDS:
        if any(f" {p} " in padded for p in phrases):
            return sector
    return None


# The writer builds the members of every candidate event's cast and of the actors its articles name, several times
# per document, over and over for the same popular actors (sector_of normalises the name and the country's words
# each time): pure and keyed by everything it reads, so it is cached
@lru_cache(maxsize=1 << 16)
def member(actor_id: int, type_: str, name: str, country_id: int | None, country: str | None) -> Member:
    """The Member for a stored actor: its id, type, name, and its country's id and name."""
    if type_ == "country":
        return Member(actor_id, actor_id, "country")
    if type_ in AGENT_TYPES and country_id is not None and country:
        sector = sector_of(name, country)
        if sector:
            return Member(actor_id, country_id, sector)
    return Member(actor_id)


def related(a: Member, b: Member) -> bool:
    """Two different actors that stand for one party: a state agent and its country, or two agents of one country
    in one sector. A country and its protesters, or its army and its police, are different parties."""
    if a.country is None or a.country != b.country or a.sector is None or b.sector is None:
        return False
    if a.sector == "country" or b.sector == "country":
        other = b.sector if a.sector == "country" else a.sector
        return other == "country" or other in STATE_SECTORS or other.startswith("ministry:")
    return a.sector == b.sector
