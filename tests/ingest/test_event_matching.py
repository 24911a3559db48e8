"""Pure matching rules: when two accounts can be one happening (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.ingest.matching_events import EventView, event_match

MARCH = (date(2024, 3, 1), date(2024, 3, 31))


def view(location=None, participants=(1,), type_="COERCE", dates=MARCH):
    return EventView(type_, dates[0], dates[1], location, frozenset(participants), "restrict", "month")


@pytest.mark.parametrize("a, b", [("Oslo airports", "entry checkpoints"), ("the crossing", "Oslo"),
                                  ("Oslo airports", None)])
def test_a_generic_or_missing_place_never_conflicts(a, b):
    result = event_match(view(a), view(b))
    assert result is not None and "location:same" not in result[1]


def test_two_named_places_that_differ_conflict():
    assert event_match(view("Oslo airports"), view("Finnish-Norwegian border")) is None


def test_named_places_that_contain_each_other_agree():
    result = event_match(view("Oslo"), view("Oslo airports"))
    assert result is not None and "location:same" in result[1]


def test_no_shared_participant_no_match():
    assert event_match(view(participants=(1,)), view(participants=(2,))) is None


def test_disjoint_dates_no_match():
    april = (date(2024, 4, 1), date(2024, 4, 30))
    assert event_match(view(), view(dates=april)) is None


# --- story fusion: one happening told with other types, dates, names and places ---------------------------------

from app.ingest.agents import member  # noqa: E402
from app.ingest.matching_events import PlaceView, place_relation  # noqa: E402

CHILE, PERU = 1, 2
CHILE_M = member(CHILE, "country", "Chile", None, None)
PERU_M = member(PERU, "country", "Peru", None, None)
MILITARY = member(10, "organization", "Military Forces of Chile", CHILE, "Chile")
PROTESTERS = member(13, "group", "Protesters (Chile)", CHILE, "Chile")
DAY = (date(2024, 3, 12), date(2024, 3, 12))
UNDATED = (None, None)


def account(type_="ASSAULT", dates=DAY, cast=(), mode=None, precision="day", location=None, place=None,
            context=()):
    members = frozenset(m for m in (CHILE_M, PERU_M, MILITARY, PROTESTERS) if m.id in {*cast, *context})
    return EventView(type_, dates[0], dates[1], location, frozenset(cast), mode,
                     precision if dates[0] else "unknown", members, place, frozenset(context))


@pytest.mark.parametrize("a, b", [("ASSAULT", "FIGHT"), ("AGREE", "COOPERATE"), ("REJECT", "DISAPPROVE"),
                                  ("ACCUSE", "DISAPPROVE"), ("COERCE", "SANCTION")])
def test_types_outlets_use_for_one_happening_fuse(a, b):
    result = event_match(account(a, cast=(CHILE,)), account(b, cast=(CHILE,)))
    assert result is not None and "type:family" in result[1]


def test_families_are_not_transitive():
    # REJECT ~ DISAPPROVE ~ ACCUSE, but a rejection is never an accusation
    assert event_match(account("REJECT", cast=(CHILE,)), account("ACCUSE", cast=(CHILE,))) is None


def test_the_military_of_a_country_is_that_country():
    result = event_match(account(cast=(MILITARY.id,)), account(cast=(CHILE,)))
    assert result is not None and "1 through agents" in result[1][1]


def test_protesters_are_not_their_country():
    assert event_match(account(cast=(PROTESTERS.id,)), account(cast=(CHILE,))) is None


def test_one_actor_counts_once_when_the_other_side_names_it_twice():
    # "Chile" and "the Chilean military" on one side, "Chile" on the other: one party in common, not two, so an
    # undated account does not pass for the whole cast of a dated one
    assert event_match(account(dates=UNDATED, cast=(CHILE, MILITARY.id)), account(cast=(CHILE, PERU))) is None


def test_an_undated_account_joins_a_dated_one_with_the_same_cast():
    result = event_match(account(dates=UNDATED, cast=(MILITARY.id,)), account(cast=(CHILE,)))
    assert result is not None and "date:unknown" in result[1]


def test_a_month_joins_a_day_inside_it_but_not_outside():
    march = (date(2024, 3, 1), date(2024, 3, 31))
    april = (date(2024, 4, 1), date(2024, 4, 30))
    assert event_match(account(dates=march, precision="month", cast=(CHILE,)), account(cast=(CHILE,)))
    assert event_match(account(dates=april, precision="month", cast=(CHILE,)), account(cast=(CHILE,))) is None


def test_same_type_same_cast_on_another_day_stays_apart():
    other_day = (date(2024, 3, 19), date(2024, 3, 19))
    assert event_match(account(cast=(CHILE, PERU)), account(dates=other_day, cast=(CHILE, PERU))) is None


def test_an_undated_account_needs_the_whole_cast_or_two_parties():
    assert event_match(account(dates=UNDATED, cast=(CHILE,)), account(cast=(CHILE, PERU))) is None
    assert event_match(account(dates=UNDATED, cast=(CHILE, PERU)), account(cast=(CHILE, PERU, 99)))


def test_a_castless_account_joins_the_cast_its_article_names():
    castless = account(mode="explosives", context=(CHILE, 50))
    result = event_match(castless, account(mode="explosives", cast=(CHILE,)))
    assert result is not None and "participants:none here; its article names the other's cast" in result[1]
    # symmetric: the stored account may be the cast-less one
    assert event_match(account(mode="explosives", cast=(CHILE,)), castless) is not None


def test_a_castless_account_names_the_country_of_the_agent():
    assert event_match(account(context=(CHILE,)), account(cast=(MILITARY.id,)))


@pytest.mark.parametrize("castless, other", [
    ({"context": (PERU,)}, {"cast": (CHILE,)}),  # its article never names the party
    ({"context": (CHILE,), "mode": "firearms"}, {"cast": (CHILE,), "mode": "explosives"}),  # another weapon
    ({"context": (CHILE,), "type_": "FIGHT"}, {"cast": (CHILE,)}),  # a family is not enough without a cast
    ({"context": (CHILE,), "dates": (date(2024, 3, 13),) * 2}, {"cast": (CHILE,)}),  # another day
    ({"context": (CHILE,), "dates": UNDATED}, {"cast": (CHILE,), "dates": UNDATED}),  # nothing but names and a type
    ({"context": (CHILE,)}, {"cast": (CHILE, PERU)}),  # two of a larger cast must be named
])
def test_a_castless_account_stays_apart_on_weak_grounds(castless, other):
    assert event_match(account(**castless), account(**other)) is None


NAIROBI = PlaceView(1, "city", "KE", "KE-30", -1.29, 36.82)
KENYA = PlaceView(2, "country", "KE")
MOMBASA = PlaceView(3, "city", "KE", "KE-28", -4.04, 39.67)
NAIROBI_AIRPORT = PlaceView(4, "point", "KE", "KE-30", -1.32, 36.93)
NAKURU = PlaceView(5, "region", "KE", "KE-31", -0.3, 36.07)
KAMPALA = PlaceView(6, "city", "UG", "UG-102", 0.35, 32.58)


@pytest.mark.parametrize("a, b, relation", [
    (NAIROBI, NAIROBI, "same"), (NAIROBI, KENYA, "within"), (NAIROBI_AIRPORT, NAIROBI, "within"),
    (NAIROBI, MOMBASA, "conflict"), (NAIROBI, NAKURU, "conflict"), (KAMPALA, KENYA, "conflict"),
])
def test_places_relate_through_the_gazetteer(a, b, relation):
    assert place_relation(a, b) == relation == place_relation(b, a)


def test_a_city_and_its_country_fuse_by_place_not_by_text():
    result = event_match(account(cast=(CHILE,), location="Nairobi", place=NAIROBI),
                         account(cast=(CHILE,), location="Kenya", place=KENYA))
    assert result is not None and "location:within" in result[1]
    assert event_match(account(cast=(CHILE,), location="Nairobi", place=NAIROBI),
                       account(cast=(CHILE,), location="Mombasa", place=MOMBASA)) is None


def test_a_name_the_gazetteer_lacks_does_not_conflict_with_a_resolved_place():
    assert event_match(account(cast=(CHILE,), location="Nairobi", place=NAIROBI),
                       account(cast=(CHILE,), location="Kibera village"))


def test_a_fused_event_is_placed_by_every_source():
    # one source said "Mombasa", another the village: an account from the village matches the village
    fused = replace(account(cast=(CHILE,), location="Mombasa", place=MOMBASA),
                    other_places=(("Kibera village", None),))
    result = event_match(account(cast=(CHILE,), location="Kibera village"), fused)
    assert result is not None and "location:same" in result[1]
    # and an account placed where no source placed it still conflicts
    assert event_match(account(cast=(CHILE,), location="Nairobi", place=NAIROBI),
                       replace(fused, other_places=((None, MOMBASA),))) is None


def test_an_undated_account_naming_a_country_and_its_military_is_the_whole_cast_of_the_military():
    # "a Chilean army air raid" gives Chile and its military; another outlet's dated "junta drone strike" the military
    result = event_match(account(dates=UNDATED, cast=(CHILE, MILITARY.id)), account(cast=(MILITARY.id,)))
    assert result is not None and "date:unknown" in result[1]
    # but not when the other names a second party the undated account lacks
    assert event_match(account(dates=UNDATED, cast=(CHILE, MILITARY.id)), account(cast=(MILITARY.id, PERU))) is None
