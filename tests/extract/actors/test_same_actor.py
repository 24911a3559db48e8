"""One actor per real one inside an article: short forms, name parts, spelling variants, headlines, descriptions."""

from __future__ import annotations

from datetime import date

from app.extract.actors import find_actors

PUBLISHED = date(2024, 3, 4)


def _actors(nlp, text):
    return find_actors(nlp(text), PUBLISHED)[0]


def _named(actors, name):
    hits = [a for a in actors if a.name == name]
    assert len(hits) == 1, [(a.name, a.type) for a in actors]
    return hits[0]


def test_an_acronym_and_a_last_word_short_form_are_the_organization(nlp):
    actors = _actors(nlp, "The African Union met in Addis Ababa. The AU said the Union would send observers.")
    union = _named(actors, "African Union")
    assert {"AU", "Union"} <= set(union.aliases)
    assert len([a for a in actors if a.type == "organization"]) == 1


def test_a_family_name_written_first_is_the_full_name(nlp):
    actors = _actors(nlp, "Prime Minister Park Min-jun of South Korea met traders on Monday. "
                          "Park said the tariffs would fall.")
    park = _named(actors, "Park Min-jun")
    assert "Park" in park.aliases
    assert len([a for a in actors if a.type == "person"]) == 1


def test_a_conflicting_title_keeps_two_people_apart(nlp):
    actors = _actors(nlp, "Crown Prince Faisal bin Khalid met the envoy. Later King Khalid received the envoy.")
    prince = _named(actors, "Faisal bin Khalid")
    assert "King Khalid" not in prince.aliases
    assert any("King Khalid" in a.aliases for a in actors if a is not prince and a.type == "person")


def test_spelling_variants_of_one_full_name_are_one_person(nlp):
    actors = _actors(nlp, "Colonel Ahmed Salem Al-Rashidi led the team. Ahmed Salem Al-Rashidy said the work "
                          "would take a week.")
    people = [a for a in actors if a.type == "person"]
    assert len(people) == 1 and {"Ahmed Salem Al-Rashidi", "Ahmed Salem Al-Rashidy"} <= set(people[0].aliases)


def test_an_entity_found_only_in_a_title_case_headline_is_dropped(nlp):
    text = ("Rebel Drones Strike Port Facilities Overnight\n\nRebel drones struck the port of Mocha overnight, "
            "the Yemeni coast guard said.")
    names = {a.name for a in _actors(nlp, text)}
    assert not {n for n in names if "Drones" in n or "Facilities" in n}


def test_a_capitalised_sentence_opener_written_lower_case_elsewhere_is_no_name(nlp):
    names = {a.name for a in _actors(nlp, "Media reports said the dam burst. Local media showed flooded farms in "
                                          "Malawi.")}
    assert "Media" not in names


def test_a_described_leader_is_the_person_holding_the_office(nlp):
    actors = _actors(nlp, "President Ruto Kamau spoke on Monday. The Kenyan president said the plan would work.")
    kamau = _named(actors, "Ruto Kamau")
    assert kamau.country == "Kenya" and "The Kenyan president" in kamau.aliases


def test_a_ministry_named_by_portfolio_alone_is_the_article_countrys(nlp):
    actors = _actors(nlp, "Malawi declared a disaster. The Ministry of Health said clinics would stay open in "
                          "Malawi's south.")
    assert _named(actors, "Ministry of Health of Malawi").country == "Malawi"
