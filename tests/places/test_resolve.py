"""Place phrases -> gazetteer entries, in the article's context (pure: no database, no spaCy)."""

from __future__ import annotations

import pytest

from app.places.dateline import parse_dateline
from app.places.gazetteer import gazetteer
from app.places.resolve import Resolver, build_context


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def resolver(gaz, text="", countries=(), locations=(), affiliations=()):
    return Resolver(gaz, build_context(gaz, text, countries, locations, affiliations))


def test_an_ambiguous_city_goes_where_the_article_is(gaz):
    texas = resolver(gaz, locations=[("Texas", 3)]).resolve("Paris")
    assert (texas.name, texas.country_code, texas.region_code, texas.precision) == ("Paris", "US", "US-TX", "city")
    assert texas.latitude == pytest.approx(33.66, abs=0.05)
    france = resolver(gaz, countries=[("France", ["French"], 4)], locations=[("Texas", 1)]).resolve("Paris")
    assert (france.country_code, france.region_code) == ("FR", "FR-IDF")
    # no context at all: the most populous
    assert resolver(gaz).resolve("Paris").country_code == "FR"


def test_the_dateline_decides_too(gaz):
    r = resolver(gaz, text="PARIS, Texas (AP) — The county fair opened on Saturday with a rodeo.")
    assert r.resolve("Paris").region_code == "US-TX"
    assert parse_dateline("LIMA, May 3 (Reuters) - Peru's congress voted").agency == "Reuters"
    assert parse_dateline("The minister said on Monday - not before") is None


def test_a_country_is_a_country_without_coordinates(gaz):
    chile = resolver(gaz).resolve("Chile")
    assert (chile.precision, chile.country_code, chile.latitude, chile.longitude) == ("country", "CL", None, None)
    assert chile.geonames_id == 3895114
    # an adjective the article uses for the country
    soil = resolver(gaz, countries=[("Peru", ["Peruvian"], 2)]).resolve("Peruvian soil")
    assert (soil.precision, soil.country_code) == ("country", "PE")


def test_a_border_is_never_a_capital(gaz):
    r = resolver(gaz, countries=[("Chile", ["Chilean"], 3), ("Argentina", ["Argentine"], 2)])
    border = r.resolve("Chilean-Argentine border")
    assert (border.precision, border.country_code, border.latitude) == ("country", "CL", None)
    assert r.resolve("the border with Argentina").country_code == "AR"


def test_airports_venues_and_cities(gaz):
    r = resolver(gaz, countries=[("Norway", ["Norwegian"], 3)])
    plural = r.resolve("Oslo airports")
    assert (plural.name, plural.precision, plural.country_code) == ("Oslo", "city", "NO")
    named = resolver(gaz, countries=[("Russia", ["Russian"], 3)]).resolve("Sheremetyevo airport")
    assert named.precision == "point" and named.key == "airport:UUEE"
    assert named.latitude == pytest.approx(55.97, abs=0.01)
    hall = r.resolve("Bergen City Hall")
    assert (hall.name, hall.precision) == ("Bergen", "city")
    # a venue the gazetteer lacks takes the place its event's own words put it in
    venue = r.resolve("Grieghallen Arena", ["the fire at a concert venue in Trondheim"])
    assert (venue.name, venue.precision) == ("Trondheim", "city")
    assert r.resolve("Grieghallen Arena") is None


def test_regions_and_what_stays_unresolved(gaz):
    r = resolver(gaz, countries=[("United States", ["US", "American"], 3)])
    texas = r.resolve("Texas")
    assert (texas.precision, texas.region_code, texas.geonames_id) == ("region", "US-TX", 4736286)
    assert texas.latitude is not None
    region = resolver(gaz, countries=[("Russia", ["Russian"], 3)]).resolve("Moscow region")
    assert (region.precision, region.region_code) == ("region", "RU-MOS")
    assert r.resolve("entry checkpoints") is None  # generic: no proper name
    assert r.resolve("Zqxwv Plaza") is None


def test_cities_know_their_first_level_region(gaz):
    regions = {name: gazetteer().cities_named(name) for name in ("Munich", "Houston", "Osaka")}
    best = {n: max(c, key=lambda e: e.population).region_code for n, c in regions.items()}
    assert best == {"Munich": "DE-BY", "Houston": "US-TX", "Osaka": "JP-27"}
