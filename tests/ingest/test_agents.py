"""Which party an event participant stands for: a country, a generic agent of it, or only itself."""

from __future__ import annotations

import pytest

from app.ingest.agents import Member, member, related, sector_of


@pytest.mark.parametrize("name, country, sector", [
    ("Military Forces of Chile", "Chile", "military"),
    ("Chilean Armed Forces", "Chile", "military"),
    ("the junta", "Chile", "military"),
    ("Police Forces of Chile", "Chile", "police"),
    ("Chilean riot police", "Chile", "police"),
    ("Protesters (Chile)", "Chile", "protesters"),
    ("Government of Chile", "Chile", "government"),
    ("Parliament of Chile", "Chile", "parliament"),
    ("National Assembly", "Chile", "parliament"),
    ("Chilean lawmakers", "Chile", "parliament"),
    ("Judiciary of Chile", "Chile", "judiciary"),
    ("Ministry of Foreign Affairs of Chile", "Chile", "ministry:foreign affairs"),
])
def test_generic_agents_have_a_sector(name, country, sector):
    assert sector_of(name, country) == sector


@pytest.mark.parametrize("name", ["Revolutionary Defence Forces", "Federal Security Service", "Liberal Party",
                                  "Andes Mining Company", "Santiago villagers"])
def test_named_groups_are_only_themselves(name):
    # a named armed group keeps its own name: its words may include "forces", it is not the state's military
    assert sector_of(name, "Chile") is None


CHILE, PERU = 1, 2
MILITARY = member(10, "organization", "Military Forces of Chile", CHILE, "Chile")
ARMY = member(11, "organization", "Chilean Army", CHILE, "Chile")
POLICE = member(12, "organization", "Police Forces of Chile", CHILE, "Chile")
PROTESTERS = member(13, "group", "Protesters (Chile)", CHILE, "Chile")
PERU_MILITARY = member(14, "organization", "Military Forces of Peru", PERU, "Peru")
CHILE_COUNTRY = member(CHILE, "country", "Chile", None, None)
PERSON = member(15, "person", "Ana Rojas", CHILE, "Chile")


def test_a_state_agent_stands_for_its_country():
    assert related(MILITARY, CHILE_COUNTRY) and related(CHILE_COUNTRY, POLICE)


def test_two_agents_of_one_country_and_sector_are_one_party():
    assert related(MILITARY, ARMY)


@pytest.mark.parametrize("a, b", [(MILITARY, POLICE), (PROTESTERS, CHILE_COUNTRY), (MILITARY, PERU_MILITARY),
                                  (PERSON, CHILE_COUNTRY), (PERSON, MILITARY)])
def test_other_parties_stay_apart(a, b):
    assert not related(a, b) and not related(b, a)


def test_a_person_or_an_agent_without_country_is_only_itself():
    assert PERSON == Member(15)
    assert member(16, "organization", "Military Forces of Chile", None, None) == Member(16)


def test_member_is_cached_by_everything_it_reads():
    """The writer asks for the same actors' members over and over: the cache answers, and an actor renamed or
    moved to another country is a different key, not a stale answer."""
    member.cache_clear()
    army = member(7, "organization", "Army of Norland", 3, "Norland")
    assert army == Member(7, 3, "military")
    assert member(7, "organization", "Army of Norland", 3, "Norland") is army
    assert member.cache_info().hits == 1
    assert member(7, "organization", "Norland Mining Board", 3, "Norland") == Member(7)  # renamed
    assert member(7, "organization", "Army of Norland", None, None) == Member(7)  # its country unknown now
    assert member(7, "country", "Army of Norland", None, None) == Member(7, 7, "country")
