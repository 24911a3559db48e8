"""Agents: generic actors named by sector and country (ACLED's convention), national institutions, credits."""

from __future__ import annotations

from datetime import date

import pytest

from app.extract.actors import find_actors
from app.extract.actors.agents import article_country, find_dateline
from app.extract.actors.roles import country_hits

PUBLISHED = date(2024, 3, 4)


def _actors(nlp, text):
    return {a.name: a for a in find_actors(nlp(text), PUBLISHED)[0]}


def test_the_country_comes_from_the_modifier(nlp):
    actors = _actors(nlp, "Chilean troops fired on the convoy near the border, and the Bolivian police closed "
                          "the road. Ghana's military said nothing.")
    assert actors["Military Forces of Chile"].type == "organization"
    assert actors["Military Forces of Chile"].country == "Chile"
    assert "Chilean troops" in actors["Military Forces of Chile"].aliases
    assert "the Bolivian police" in actors["Police Forces of Bolivia"].aliases
    assert "Ghana's military" in actors["Military Forces of Ghana"].aliases


def test_the_country_comes_from_the_dateline_and_the_dateline_names_no_actor(nlp):
    text = ("QUITO, March 2 (AFP) - The military deployed armoured vehicles in the port city on Saturday. "
            "Protesters blocked the main highway and police fired tear gas.")
    actors = _actors(nlp, text)
    assert {"Military Forces of Ecuador", "Protesters (Ecuador)", "Police Forces of Ecuador"} <= set(actors)
    assert actors["Protesters (Ecuador)"].type == "group"
    assert not {"AFP", "QUITO", "Quito"} & set(actors)  # the publisher and the dateline's place


def test_the_country_comes_from_what_the_article_is_about(nlp):
    text = ("Tunisia faces a budget crisis. Tunisian unions say wages have not been paid for months. "
            "The government said on Monday that talks with Tunisia's lenders would resume.")
    actors = _actors(nlp, text)
    assert "The government" in actors["Government of Tunisia"].aliases


def test_dateline_and_article_country_helpers(nlp):
    doc = nlp("Floods in the north\n\nLIMA, June 3 (AFP) - Rains hit the coast of Peru and Chile.")
    line = find_dateline(doc)
    assert line is not None and line.country == "Peru" and doc[line.start:line.end].text == "LIMA"
    assert doc[slice(*line.outlet)].text == "AFP"
    assert article_country(country_hits(doc), line) == "Peru"  # named once each, the dateline counts double
    assert find_dateline(nlp("Police: the road is closed.")) is None


def test_a_later_bare_mention_is_the_same_agent_and_counted_people_are_not_the_institution(nlp):
    actors = _actors(nlp, "The Bolivian army moved into the valley. Two soldiers were wounded, "
                          "and the military later withdrew.")
    army = actors["Military Forces of Bolivia"]
    assert {"The Bolivian army", "the military"} <= set(army.aliases)
    assert not any("soldiers" in alias for alias in army.aliases)


def test_a_named_armed_group_keeps_its_name(nlp):
    actors = _actors(nlp, "Chilean troops clashed with the Red Dawn Defence Forces in the hills.")
    assert "Military Forces of Chile" in actors
    assert not any("Red Dawn" in alias for a in actors.values() if a.name.startswith("Military")
                   for alias in a.aliases)


def test_a_national_institution_is_named_with_its_country_and_generic_words_refer_to_it(nlp):
    actors = _actors(nlp, "Ecuador's Constitutional Court struck down the decree on Friday. "
                          "The court said the decree broke the charter.")
    court = actors["Constitutional Court of Ecuador"]
    assert court.country == "Ecuador"
    assert "The court" in court.aliases
    assert "Judiciary of Ecuador" not in actors


@pytest.mark.parametrize("credit", [
    "(Reporting by Grace Tembo; Editing by Mark Heinrich)",
    "Reporting by Grace Tembo in Lusaka; additional reporting by Mark Heinrich",
    "Photo: Grace Tembo/Mark Heinrich",
    "By Grace Tembo and Mark Heinrich",
])
def test_reporters_and_photographers_in_credits_are_not_actors(nlp, credit):
    text = f"Zambia raises rates\n\n{credit}\n\nThe central bank of Zambia raised its main rate, Governor " \
           "Denny Kalyalya said on Monday.\n"
    actors = _actors(nlp, text)
    assert "Denny Kalyalya" in actors
    assert not {"Grace Tembo", "Mark Heinrich"} & set(actors)


def test_military_hardware_with_a_country_or_a_sector_word_is_the_military(nlp):
    actors = _actors(nlp, "Peruvian helicopters flew over the valley, and an army drone watched the road. "
                          "A government jet landed later.")
    assert {"Peruvian helicopters", "an army drone"} <= set(actors["Military Forces of Peru"].aliases)
    assert "A government jet" in actors["Military Forces of Peru"].aliases
    plain = _actors(nlp, "Peru bought a jet and two helicopters last year.")
    assert not any(name.startswith("Military Forces") for name in plain)  # hardware alone names nobody


def test_a_sector_word_modifying_an_act_makes_the_agent_its_author(nlp):
    actors = _actors(nlp, "A Peruvian military raid on the camp left three dead. A police crackdown followed in "
                          "Lima.")
    assert "military" in actors["Military Forces of Peru"].aliases
    assert "police" in actors["Police Forces of Peru"].aliases
    calm = _actors(nlp, "Peru held military parades and police recruitment fairs in Lima.")
    assert not any(name.startswith(("Military Forces", "Police Forces")) for name in calm)  # not acts of force


def test_a_sector_word_modifying_a_compound_act_noun_makes_the_agent_its_author(nlp):
    actors = _actors(nlp, "Peru and Chile held talks in Lima. Peru protested after a Chilean army air raid "
                          "on a border farm. Peru said the farm was in Peru.")
    assert "army" in actors["Military Forces of Chile"].aliases  # the country of the act's modifier, not Peru
    assert not any(name == "Military Forces of Peru" for name in actors)


def test_unnamed_attackers_are_one_armed_group_of_the_country_and_counted_ones_too(nlp):
    text = ("MAPUTO, May 3 (AFP) - Gunmen stormed a village in northern Mozambique on Friday. "
            "Twelve attackers then set fire to a clinic, and the army said insurgents had fled.")
    actors = _actors(nlp, text)
    group = actors["Unidentified Armed Group (Mozambique)"]
    assert group.type == "group" and group.country == "Mozambique"
    assert {"Gunmen", "Twelve attackers", "insurgents"} <= set(group.aliases)
    assert "Military Forces of Mozambique" in actors  # the army stays the state's own


def test_qualified_armed_collectives_and_creed_adjectives_name_the_group(nlp):
    actors = _actors(nlp, "LUSAKA - Heavily armed Islamist militants attacked a checkpoint in Zambia, and armed men "
                          "later blocked the road while rebel groups looted shops.")
    aliases = set(actors["Unidentified Armed Group (Zambia)"].aliases)
    assert {"Heavily armed Islamist militants", "armed men", "rebel groups"} <= aliases


def test_a_participle_before_the_noun_is_not_part_of_the_group(nlp):
    actors = _actors(nlp, "The army of Nepal spent weeks chasing armed rebels in the hills.")
    assert "armed rebels" in actors["Unidentified Armed Group (Nepal)"].aliases


def test_bare_nouns_after_a_group_named_in_apposition_are_that_group(nlp):
    actors = _actors(nlp, "Peru's envoy met the insurgent group the Red Dawn Front in Oslo. The rebels later freed two "
                          "hostages.")
    assert "Unidentified Armed Group (Peru)" not in actors

