"""Country lexicon: common names, abbreviations, demonyms and capitals."""

from __future__ import annotations

import pytest

from app.extract.actors import countries


@pytest.mark.parametrize("surface, country", [
    ("Russia", "Russia"), ("the Russian Federation", "Russia"), ("The Russian Federation", "Russia"),
    ("Iran", "Iran"), ("South Korea", "South Korea"), ("Syria", "Syria"), ("UK", "United Kingdom"),
    ("Britain", "United Kingdom"), ("US", "United States"), ("United States", "United States"),
    ("Tajikistan", "Tajikistan"), ("Viet Nam", "Vietnam"), ("S. Sudan", "South Sudan"),
    ("CAR", "Central African Republic"),
])
def test_country_names_resolve_to_common_name(surface, country):
    assert countries.country_name(surface) == country


@pytest.mark.parametrize("surface, country, kind", [
    ("Russian", "Russia", "adjective"), ("Russians", "Russia", "people"), ("Tajik", "Tajikistan", "adjective"),
    ("Tajiks", "Tajikistan", "people"), ("Kazakh", "Kazakhstan", "adjective"), ("Moscow", "Russia", "capital"),
    ("Dushanbe", "Tajikistan", "capital"), ("Kyiv", "Ukraine", "capital"),
])
def test_demonyms_and_capitals(surface, country, kind):
    form = countries.lookup(surface)
    assert form is not None and (form.country, form.kind) == (country, kind)


def test_modifier_accepts_possessive_and_adjective_not_capital():
    assert countries.country_of_modifier("Tajikistan's") == "Tajikistan"
    assert countries.country_of_modifier("Tajikistan’s") == "Tajikistan"
    assert countries.country_of_modifier("Tajik") == "Tajikistan"
    assert countries.country_of_modifier("Moscow") is None


def test_lowercase_and_unknown_words_are_not_countries():
    assert countries.lookup("us") is None
    assert countries.lookup("turkey") is None
    assert countries.lookup("Comments") is None
    assert countries.country_name("Russian") is None  # an adjective, not a name


def test_every_un_member_has_a_demonym():
    import pycountry

    missing = []
    for name in ("Afghanistan", "Kyrgyzstan", "Uzbekistan", "Germany", "China", "Brazil", "Nigeria", "Viet Nam"):
        canon = countries.country_name(name)
        assert canon, name
        if countries.demonym(canon) == canon and canon != "Vatican":
            missing.append(canon)
    assert not missing
    assert len(list(pycountry.countries)) >= 193
