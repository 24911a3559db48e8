"""Synthetic actors: every ISO country, large cities, and unique people, organizations and groups."""

from __future__ import annotations

import numpy as np

from app.text import normalize
from bench import vocab

# share of the non-country, non-location actors
TYPE_SHARES = {"person": 0.62, "organization": 0.28, "group": 0.10}
COMPANY_SUFFIXES = ["Holdings", "Group", "Energy", "Logistics", "Airlines", "Media", "Bank", "Mining", "Telecom",
                    "Construction", "Foundation", "Institute", "Partners", "Systems", "Shipping"]


def make_actors(n: int, rng: np.random.Generator) -> list[dict]:
    """n actor rows (ids 1..n) with unique keys and an `aliases` list each; reproducible for a given rng state."""
    actors: list[dict] = []
    keys: set[str] = set()

    def add(name: str, type_: str, *, country_id: int | None = None, role: str | None = None,
            aliases: tuple[str, ...] = ()) -> bool:
        key = f"{type_}:{normalize(name)}"
        if key in keys:
            return False
        keys.add(key)
        actors.append({
            "id": len(actors) + 1, "key": key, "name": name, "type": type_, "role": role,
            "country_id": country_id, "description": None,
            "aliases": list(dict.fromkeys((name, *aliases))),
        })
        return True

    countries = vocab.countries()
    for name, _ in countries:
        add(name, "country", aliases=(name.upper(),))
    country_ids = np.arange(1, len(actors) + 1)
    cities = vocab.cities()
    n_locations = min(len(cities), max(50, n // 15))
    for city, _ in cities[:n_locations]:
        add(city, "location")

    remaining = max(0, n - len(actors))
    types = rng.choice(list(TYPE_SHARES), remaining, p=list(TYPE_SHARES.values()))
    home = rng.choice(country_ids, remaining)
    for type_, country_id in zip(types, home, strict=True):
        country = countries[int(country_id) - 1][0]
        for attempt in range(50):
            if _add_one(add, str(type_), country, int(country_id), rng, attempt):
                break
        else:
            add(f"{country} committee {len(actors) + 1}", "organization", country_id=int(country_id))
    return actors[:n]


def _add_one(add, type_: str, country: str, country_id: int, rng: np.random.Generator, attempt: int) -> bool:
    """Try one random name of the given type; False when it collides with an existing key."""
    pick = lambda seq: seq[int(rng.integers(len(seq)))]  # noqa: E731
    if type_ == "person":
        first, last = pick(vocab.FIRST_NAMES), pick(vocab.LAST_NAMES)
        middle = f" {chr(65 + int(rng.integers(26)))}." if attempt > 2 else ""
        second = f"-{pick(vocab.LAST_NAMES)}" if attempt > 10 else ""
        name = f"{first}{middle} {last}{second}"
        return add(name, "person", country_id=country_id, role=pick(vocab.TITLES), aliases=(f"{last}{second}",))
    if type_ == "group":
        return add(pick(vocab.GROUP_PATTERNS).format(d=country), "group", country_id=country_id)
    roll = rng.random()
    if roll < 0.35:
        name = pick(vocab.ORG_PATTERNS).format(c=country, d=country)
    elif roll < 0.6:
        city = pick(vocab.cities())[0]
        name = f"{city} {pick(['City Council', 'Police Department', 'University', 'Port Authority', 'Court'])}"
    else:
        name = f"{pick(vocab.LAST_NAMES)} {pick(COMPANY_SUFFIXES)}"
        if attempt > 2:
            name = f"{pick(vocab.LAST_NAMES)} & {name}"
    acronym = "".join(w[0] for w in name.split() if w[0].isupper())
    return add(name, "organization", country_id=country_id, aliases=(acronym,) if len(acronym) > 2 else ())
