"""Relative clauses as triggers and in-document merging of distinct happenings (issue 13), invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from app.extract.types import ExtractedDocument
from tests.support.extraction import caching_extractor

PUBLISHED = date(2024, 5, 10)  # a Friday


@pytest.fixture(scope="module")
def run(nlp):
    return caching_extractor(nlp, PUBLISHED)


def _sources(doc: ExtractedDocument, type_: str) -> list[tuple[str, str | None]]:
    return [(doc.actor(p.actor_key).name, e.date_start and e.date_start.isoformat())
            for e in doc.events if e.type == type_ for p in e.participants if p.role == "source"]


@pytest.mark.parametrize("text", [
    "Exporters in Chile criticised the embargo that the government of Norway imposed on Monday.",
    "Fishermen in Chile protested against the tariff which Norway imposed on Monday.",
    "Exporters in Chile criticised the embargo Norway imposed on Monday.",
])
def test_relative_clause_whose_object_is_the_modified_noun_is_a_trigger(run, text):
    doc = run(text)
    assert [name for name, _ in _sources(doc, "SANCTION")] in (["Norway"], ["Government of Norway"])
    assert _sources(doc, "SANCTION")[0][1] == "2024-05-06"


def test_relative_clause_with_an_object_of_its_own_keeps_it(run):
    doc = run("The minister who imposed the embargo on Chile resigned on Monday.")
    sanctions = [e for e in doc.events if e.type == "SANCTION"]
    assert len(sanctions) == 1
    assert [doc.actor(p.actor_key).name for p in sanctions[0].participants if p.role == "target"] == ["Chile"]


@pytest.mark.parametrize("text", [
    "Chilean soldiers resorted to heavy firing at a river crossing on Tuesday night, a mayor said.",
    "Chilean soldiers resorted to firing near a river crossing on Tuesday night.",
])
def test_a_bare_act_noun_a_light_verb_takes_through_a_preposition_is_the_subjects_act(run, text):
    doc = run(text)
    assert _sources(doc, "ASSAULT") == [("Military Forces of Chile", "2024-05-07")]


def test_a_bare_act_noun_under_an_ordinary_verb_stays_generic(run):
    assert _sources(run("Chilean officials talked about firing near a river crossing."), "ASSAULT") == []



def test_a_bare_passive_participle_clause_happened_to_the_main_subject(run):
    doc = run("Detained in March 2021 at the airport, Maria Lopez was freed on bail a week later.")
    arrests = [e for e in doc.events if e.type == "COERCE"]
    assert len(arrests) == 1
    assert {doc.actor(p.actor_key).name: p.role for p in arrests[0].participants} == {"Maria Lopez": "target"}
    assert (arrests[0].date_start, arrests[0].date_precision) == (date(2021, 3, 1), "month")


def test_restarting_talks_is_done_by_the_subject(run):
    doc = run("The government of Chile restarted negotiations with Bolivia in 2022.")
    assert _sources(doc, "CONSULT") == [("Government of Chile", "2022-01-01")]



def test_a_passive_damage_report_re_mentions_an_attack(nlp):
    from app.extract.events.triggers import find_triggers

    doc = nlp("Rebels attacked a village in northern Chile on Monday. A dozen buildings were destroyed.")
    destroyed = [t for t in find_triggers(doc) if t.token.lower_ == "destroyed"]
    assert destroyed and destroyed[0].anaphoric
    doc = nlp("Rebels attacked a village in northern Chile on Monday. A dozen buildings were destroyed by the army.")
    assert not [t for t in find_triggers(doc) if t.token.lower_ == "destroyed"][0].anaphoric

def test_a_passive_act_on_people_is_not_a_damage_report(nlp):
    from app.extract.events.triggers import find_triggers

    doc = nlp("Rebels attacked a village in northern Chile on Monday. Four soldiers were killed in Peru on Tuesday.")
    killed = [t for t in find_triggers(doc) if t.token.lower_ == "killed"]
    assert killed and not killed[0].anaphoric


VISITS = ("Norwegian Prime Minister Ingrid Dahl said on Wednesday that ties with Peru were improving fast.\n\n"
          "Dahl was in Lima on a two-day trade visit. "
          "She met President Carlos Ruiz in the palace.\n\n"
          "\"We will build a new future together,\" said Ruiz, who had been in Oslo in January for a state visit.\n")


def test_a_dated_background_mention_is_not_merged_into_the_undated_news_event(run):
    doc = run(VISITS)
    visits = sorted((e.date_start.isoformat()[:7], [doc.actor(p.actor_key).name for p in e.participants
                                                     if p.role == "source"])
                    for e in doc.events if e.type == "CONSULT")
    assert visits == [("2024-01", ["Carlos Ruiz"]), ("2024-05", ["Ingrid Dahl"])]


def test_a_definite_dated_re_mention_still_dates_the_undated_event(run):
    doc = run("Officials in Chile said on Wednesday that the curfew followed the bombing of a market.\n\n"
              "The bombing, carried out on March 3 in the capital, killed nine people.\n")
    bombings = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(bombings) <= 1
    assert all(e.date_start is None or e.date_start.isoformat() == "2024-03-03" for e in bombings)


def test_an_act_after_which_a_clause_happens_does_not_take_the_clauses_date(run):
    doc = run("Chile imposed a curfew on Wednesday after the bombing of a market by rebels.\n\n"
              "The bombing, carried out on March 3 in the capital, killed nine people.\n")
    assert [(e.type, e.date_start.isoformat()) for e in doc.events] == [("COERCE", "2024-05-08"),
                                                                         ("ASSAULT", "2024-03-03")]


def test_an_accusation_against_the_accuser_is_another_accusation(run):
    doc = run("The Chilean president accused Norway of spying on Monday.\n\n"
              "Norway, however, accused Chile of lying about the affair.\n")
    accusations = [e for e in doc.events if e.type == "ACCUSE"]
    assert len(accusations) == 2
    assert [[doc.actor(p.actor_key).name for p in e.participants if p.role == "source"] for e in accusations][1] \
        == ["Norway"]


def test_a_meeting_told_from_either_side_stays_one_meeting(run):
    doc = run("Chilean President Carlos Ruiz met Norwegian Prime Minister Ingrid Dahl in Oslo on Monday. "
              "Dahl later met Ruiz again at a dinner.")
    assert len([e for e in doc.events if e.type == "CONSULT"]) == 1


def test_a_truce_between_two_sides_is_an_agreement_dated_by_its_re_mention(run):
    doc = run("A Chilean patrol boat fired on a Peruvian trawler on Monday despite a truce between Chile and Peru.\n\n"
              "The March truce has mostly held since then, officials in Lima say.\n")
    truces = [e for e in doc.events if e.type == "AGREE"]
    assert len(truces) == 1
    assert {doc.actor(p.actor_key).name for p in truces[0].participants} == {"Chile", "Peru"}
    assert truces[0].date_start == date(2024, 3, 1) and truces[0].date_precision == "month"


@pytest.mark.parametrize("text", ["Chile and Peru called for a truce between the fishing fleets on Monday.",
                                  "The truce held on Monday."])
def test_a_wanted_or_unanchored_truce_is_no_agreement(run, text):
    assert [e for e in run(text).events if e.type == "AGREE"] == []


def test_a_noun_a_free_relative_equates_with_the_verb_is_the_same_event(run):
    doc = run("The Chilean president Carlos Ruiz met Peruvian President Ana Diaz in Lima in what was their first "
              "meeting since the border clash, officials said on Monday.")
    calls = [e for e in doc.events if e.type == "CONSULT"]
    assert len(calls) == 1 and len(calls[0].evidence) == 1
