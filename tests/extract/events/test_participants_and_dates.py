"""Participants from syntax and dates per clause (issue 13, items 2 and 3), one invented sentence per rule."""

from __future__ import annotations

from datetime import date

import pytest

from app.extract.temporal.dateline import find_dateline
from app.extract.temporal.resolve import resolve
from app.extract.types import ExtractedDocument, ExtractedEvent
from tests.support.extraction import caching_extractor

PUBLISHED = date(2024, 5, 10)  # a Friday


@pytest.fixture(scope="module")
def run(nlp):
    return caching_extractor(nlp, PUBLISHED)


def _roles(doc: ExtractedDocument, event: ExtractedEvent) -> dict[str, str]:
    return {doc.actor(p.actor_key).name: p.role for p in event.participants if doc.actor(p.actor_key)}


def _one(doc: ExtractedDocument, type_: str) -> ExtractedEvent:
    found = [e for e in doc.events if e.type == type_]
    assert len(found) == 1, [(e.type, e.summary) for e in doc.events]
    return found[0]


# ----------------------------------------------------------------------------- participants


def test_coordinated_verb_shares_the_subject_the_parser_hung_elsewhere(run):
    doc = run("Recall that Maria Lopez of the Green Party and John Smith of the Labour Party came second and third "
              "in the vote, but rejected the result.")
    roles = _roles(doc, _one(doc, "REJECT"))
    assert roles == {"Maria Lopez": "source", "John Smith": "source"}


def test_the_two_countries_are_the_actors_of_the_event_referred_back_to(run):
    doc = run("Chile and Peru signed a fisheries agreement on Monday. The two countries also exchanged prisoners "
              "on Tuesday.")
    exchange = next(e for e in doc.events if e.date_start == date(2024, 5, 7))
    assert _roles(doc, exchange) == {"Chile": "source", "Peru": "source"}


def test_both_sides_resolve_to_the_latest_pair(run):
    doc = run("Armenia and Azerbaijan met in Geneva on Monday. Both sides signed a prisoner exchange deal on Tuesday.")
    assert set(_roles(doc, _one(doc, "AGREE"))) == {"Armenia", "Azerbaijan"}


def test_possessor_and_of_object_of_an_event_noun(run):
    # "Russia's invasion of Georgia": the possessor acts, the "of" object undergoes; a date phrase after the
    # noun is its own even inside "since", and a negated clause does not unsay what "since" presupposes
    doc = run("Estonia has not spoken with Russia since Russia's invasion of Georgia in August 2008.")
    invasion = _one(doc, "ASSAULT")
    assert _roles(doc, invasion) == {"Russia": "source", "Georgia": "target"}
    assert (invasion.date_start, invasion.date_precision) == (date(2008, 8, 1), "month")


def test_possessor_of_an_arrest_is_the_one_arrested(run):
    doc = run("Protesters gathered after Maria Lopez's arrest on Friday.")
    assert _roles(doc, _one(doc, "COERCE")) == {"Maria Lopez": "target"}


def test_of_object_of_a_killing_is_its_target(run):
    doc = run("Human rights groups condemned the killing of Ahmed Salem by Egyptian soldiers on Sunday.")
    assert _roles(doc, _one(doc, "ASSAULT")).get("Ahmed Salem") == "target"


def test_at_names_the_target_of_fire(run):
    doc = run("Indian troops fired at Pakistan's army posts on Friday.")
    assert _roles(doc, _one(doc, "ASSAULT")) == {"Military Forces of India": "source", "Pakistan": "target"}


def test_initiator_of_a_call_is_its_source(run):
    doc = run("The telephone call was initiated by French Foreign Minister Marc Dubois on Monday.")
    assert _roles(doc, _one(doc, "CONSULT")) == {"Marc Dubois": "source"}


def test_noun_under_its_same_type_verb_is_one_event(run):
    doc = run("Brazilian President Lula spoke with Argentine President Javier Milei in a phone call on Monday.")
    call = _one(doc, "CONSULT")
    assert _roles(doc, call) == {"Lula": "source", "Javier Milei": "target"} and call.mode == "phone"


def test_dateline_city_and_agency_are_never_participants(run):
    doc = run("LIMA (Reuters) – Peru expelled two Bolivian diplomats, its foreign ministry said on Wednesday.")
    assert _roles(doc, _one(doc, "SANCTION")) == {"Peru": "source", "Bolivia": "target"}


def test_event_without_any_participant_or_own_day_is_not_kept(run):
    doc = run("The protests went on. Fighting was reported in the north.")
    assert doc.events == []


# ----------------------------------------------------------------------------- irrealis


def test_present_tense_when_clause_states_a_rule(run):
    doc = run("Under the constitution, Chile's president must resign when the Chilean senate demands it.")
    assert not [e for e in doc.events if e.type == "DEMAND"]


# ----------------------------------------------------------------------------- dates


def test_dateline_date_dates_the_lead(run):
    doc = run("LIMA, May 3 (Reuters) – Peru expelled two Bolivian diplomats.\n\nBolivia said it would respond.")
    expel = _one(doc, "SANCTION")
    assert (expel.date_start, expel.date_precision) == (date(2024, 5, 3), "day")


def test_report_verb_under_the_trigger_dates_it_to_the_month(run):
    doc = run("LIMA (Reuters) – Peru expelled two Bolivian diplomats, its foreign ministry said on Wednesday.")
    expel = _one(doc, "SANCTION")
    assert (expel.date_start, expel.date_precision) == (date(2024, 5, 1), "month")


def test_date_before_a_noun_is_that_nouns_not_the_verbs(run):
    doc = run("Chile appealed a March 3 court ruling that convicted opposition leader Maria Lopez.")
    conviction = _one(doc, "SANCTION")
    assert (conviction.date_start, conviction.date_precision) == (date(2024, 3, 3), "day")
    appeal = _one(doc, "ACCUSE")
    assert appeal.date_precision != "day"


def test_since_bounds_a_stretch_and_does_not_date_it(run):
    doc = run("Ethiopia has fought rebels in Tigray since a coup in 2021.")
    assert _one(doc, "FIGHT").date_start is None


def test_background_date_does_not_spread_to_the_next_sentence(run):
    doc = run("Maria Lopez and John Smith lost the March 3 election. Maria Lopez and John Smith rejected the result.")
    assert _one(doc, "REJECT").date_start is None


def test_the_last_year_is_the_year_up_to_publication():
    reading = resolve("the last year", 0, date(2023, 6, 28), [])
    assert (reading.date_start, reading.date_end, reading.precision) == (date(2022, 6, 28), date(2023, 6, 28), "year")


@pytest.mark.parametrize(("text", "dated"), [
    ("LIMA, May 3 (Reuters) – Peru ...", True),
    ("Headline here\n\nSEOUL, May 7: Japan's prime minister said ...", True),
    ("BUENOS AIRES, October 10. /TASS/. The president ...", True),
    ("KYIV, Ukraine, April 30. The mayor ...", True),
    ("BOGOTA (Reuters) -The government ...", False),
    ("BELGRADE – The president ...", False),
])
def test_dateline_forms(text, dated):
    line = find_dateline(text)
    assert line is not None and line.dated is dated


def test_no_dateline_in_an_ordinary_opening():
    assert find_dateline("The president said on Monday that NATO - and its allies - would act.") is None
    assert find_dateline("UPDATE: the president spoke.") is None


def test_dash_glued_after_a_dateline_is_split_off(run):
    doc = run("QUITO (Reuters) -Ecuador's government called off peace talks with Peru on Monday.")
    assert _roles(doc, _one(doc, "SANCTION")).get("Government of Ecuador") == "source"
    government = next(a for a in doc.actors if a.name == "Government of Ecuador")
    assert "Ecuador's government" in government.aliases  # the phrase starts after the dash, its country seen


def test_between_the_two_takes_the_pair_named_before(run):
    doc = run("Chile and Peru signed a fisheries agreement on Monday. Talks between the two were held in Lima on "
              "Tuesday.")
    assert _roles(doc, _one(doc, "CONSULT")) == {"Chile": "participant", "Peru": "participant"}


def test_clause_joined_by_after_takes_the_dated_clauses_date(run):
    doc = run("Chile broke off ties with Bolivia in 2016 after protesters from Bolivia stormed the Chilean embassy.")
    storming = _one(doc, "ASSAULT")
    assert (storming.date_start, storming.date_precision) == (date(2016, 1, 1), "year")
    # the embassy's country is who the storming was done to
    assert _roles(doc, storming) == {"Protesters (Bolivia)": "source", "Chile": "target"}


LEDE = ("Norway expels Chilean diplomats\n\n"
        "Norway has expelled two Chilean diplomats over a spying row, its foreign ministry said.\n\n"
        "The ministry gave no further details. "
        "Chile recalled its ambassador from Oslo in 2019 after a trade dispute.\n")


def _dates(doc: ExtractedDocument) -> list[tuple[str, str | None, str]]:
    return [(e.type, e.date_start and e.date_start.isoformat(), e.date_precision) for e in doc.events]


def test_an_undated_past_happening_of_the_lede_is_dated_to_the_publication_month(nlp):
    doc = caching_extractor(nlp, date(2024, 5, 20))(LEDE)
    assert _dates(doc) == [("SANCTION", "2024-05-01", "month"), ("SANCTION", "2019-01-01", "year")]
    assert doc.events[0].date_text is None


def test_early_in_a_month_the_lede_happening_stays_undated(nlp):
    doc = caching_extractor(nlp, date(2024, 5, 3))(LEDE)
    assert _dates(doc)[0] == ("SANCTION", None, "unknown")


def test_an_undated_happening_after_the_lede_is_not_given_the_publication_month(run):
    doc = run("Chile and Norway traded angry notes this spring.\n\n"
              "Earlier, Norway had expelled two Chilean diplomats over a spying row.\n")
    assert all(d is None or not d.startswith("2024-05") for _, d, _ in _dates(doc))


def test_a_relative_of_a_named_person_is_not_that_person(run):
    doc = run("The brother of Chilean President Carlos Ruiz condemned Norway on Monday over the fishing dispute "
              "with Chile.")
    assert _roles(doc, _one(doc, "DISAPPROVE")) == {"Chile": "source", "Norway": "target"}


def test_the_lede_after_an_undated_dateline_is_dated_to_the_publication_month(nlp):
    doc = caching_extractor(nlp, date(2024, 5, 20))(
        "Fishing row deepens\n\nSANTIAGO (Reuters) - The brother of Chilean President Carlos Ruiz denounced Norway "
        "over a fishing dispute with Chile.\n\nNorway did not comment.\n")
    assert _dates(doc) == [("DISAPPROVE", "2024-05-01", "month")]


def test_a_headline_event_is_dated_from_the_context_of_its_body_mention(nlp):
    doc = caching_extractor(nlp, date(2024, 5, 22))(
        "Rebel raid on border post, army responds\n\n"
        "Rebels attacked a border post in northern Chile late on Monday, a police spokesman said. "
        "\"Chilean troops responded using mortars,\" the spokesman said.\n")
    fight = _one(doc, "FIGHT")
    assert (fight.date_start.isoformat(), _roles(doc, fight)) == ("2024-05-20", {"Military Forces of Chile": "source"})


@pytest.mark.parametrize("text", [
    "Water cannon was deployed to scatter the protesters in Quito on Tuesday.",
    "Police fired rubber bullets to scatter the protesters in Quito on Tuesday.",
])
def test_who_force_was_used_on_is_the_object_of_its_purpose_clause(run, text):
    roles = _roles(run(text), _one(run(text), "ASSAULT"))
    assert roles.get("Protesters (Ecuador)") == "target"
    assert all(role != "target" or "Protesters" in name for name, role in roles.items())


@pytest.mark.parametrize("text", [
    "Maria Lopez found guilty of fraud\n\nThe court convicted Maria Lopez of fraud on Monday.\n",
    "The court found Maria Lopez guilty of fraud on Monday.\n",
])
def test_who_is_found_guilty_is_the_target(run, text):
    doc = run(text)
    assert _roles(doc, _one(doc, "SANCTION")).get("Maria Lopez") == "target"


def test_an_opening_participle_clause_dates_the_main_verb(run):
    doc = run("Addressing reporters in Santiago on Tuesday, the Chilean president accused Norway of spying.")
    assert _one(doc, "ACCUSE").date_start == date(2024, 5, 7)


def test_a_sentence_telling_the_hour_is_on_the_last_day_named(run):
    doc = run("The senate of Chile met around midnight on Tuesday to debate the curfew.\n\n"
              "Its members argued for hours about the wording of the decree.\n\n"
              "At 4 p.m., the mayor asked the Chilean police to reopen the bridge.\n")
    assert _one(doc, "REQUEST").date_start == date(2024, 5, 7)


def test_without_an_hour_a_far_sentence_is_not_dated_by_an_old_day(run):
    doc = run("The senate of Chile met on Tuesday to debate the curfew.\n\n"
              "Its members argued about the wording of the decree. The wording was long. The debate was long. "
              "The session was long. The vote was close.\n\n"
              "The speaker later asked the Chilean police to leave the chamber.\n")
    assert _one(doc, "REQUEST").date_start is None


@pytest.mark.parametrize("text", [
    "The Chilean president Carlos Ruiz said during a summit of Andean leaders in Lima on Monday "
    "that a trade deal had been reached.",
    "Carlos Ruiz, the president of Chile, said at the talks in Lima on Monday that the deal was close.",
])
def test_who_speaks_at_a_meeting_takes_part_in_it(run, text):
    doc = run(text)
    assert _roles(doc, _one(doc, "CONSULT")).get("Carlos Ruiz") == "source"


def test_a_deadline_ahead_neither_falls_a_year_back_nor_dates_what_follows(nlp):
    doc = caching_extractor(nlp, date(2024, 4, 26))(
        "On Wednesday, Chile expelled two Peruvian diplomats. It also told Peruvian truck drivers to go home "
        "by May 1.\n\nPeru then shut its ports to Chilean ships.\n")
    assert any(t.date_start == date(2024, 5, 1) for t in doc.times)
    assert all(e.date_start is None or e.date_start <= date(2024, 4, 26) for e in doc.events)


@pytest.mark.parametrize("text", ["Maria Lopez became mayor in 2021 after the removal of Carlos Ruiz.",
                                  "Maria Lopez became mayor in 2021 after Carlos Ruiz's ouster."])
def test_the_removal_of_a_person_is_a_sanction_on_them(run, text):
    doc = run(text)
    assert _roles(doc, _one(doc, "SANCTION")) == {"Carlos Ruiz": "target"}


def test_who_did_a_condemned_act_is_the_target(run):
    doc = run("The Chilean senator Ana Diaz condemned the arrest of two students by the Peruvian police on Monday.")
    assert _roles(doc, _one(doc, "DISAPPROVE")) == {"Ana Diaz": "source", "Police Forces of Peru": "target"}


def test_a_demonym_attributes_a_noun_with_a_relative_clause_to_its_named_country(run):
    doc = run("Maria Lopez, the head of the Chilean rescue team who had arrived in Lima on Sunday to assist with "
              "relief operations, said the team would stay. Chile sent more aid on Monday.")
    arrival = next(e for e in doc.events if e.type == "AID" and e.date_start == date(2024, 5, 5))
    assert _roles(doc, arrival) == {"Chile": "source"}


def test_a_court_holding_that_an_appeal_lacks_merit_rejects_the_appellant(run):
    doc = run("On Thursday, the Supreme Court of Chile held that the claim brought by Carlos Ruiz lacked merit.")
    rejection = _one(doc, "REJECT")
    assert _roles(doc, rejection).get("Carlos Ruiz") == "target"
    assert rejection.date_start == date(2024, 5, 9)


def test_a_response_to_a_fire_told_by_a_sentential_relative_is_dated_by_that_clause(run):
    doc = run("Peruvian gunboats shelled a Chilean pier on Monday, to which Chilean troops responded.")
    fight = _one(doc, "FIGHT")
    assert (fight.date_start, _roles(doc, fight)) == (date(2024, 5, 6), {"Military Forces of Chile": "source"})


def test_a_date_after_the_last_coordinated_verb_dates_the_first_to_its_month(run):
    doc = run("Ecuador's government declared a state of emergency and imposed an overnight curfew yesterday after "
              "three days of riots.")
    declared = next(e for e in doc.events if e.trigger == "declare")
    assert (declared.date_start, declared.date_precision) == (date(2024, 5, 1), "month")


def test_a_happening_a_dated_verb_reacts_to_does_not_take_that_verb_s_date(run):
    doc = run("On Monday, the Chilean cabinet condemned the bombing of a school in the south.")
    assert all(e.date_start is None for e in doc.events if e.type == "ASSAULT")
    assert _one(doc, "DISAPPROVE").date_start == date(2024, 5, 6)


def test_a_fronted_statement_dated_by_its_participle_dates_the_main_verb(run):
    doc = run("In a statement released on Monday, the Chilean cabinet condemned the closure of the port.")
    assert _one(doc, "DISAPPROVE").date_start == date(2024, 5, 6)


def test_a_passive_by_a_gerund_takes_no_doer_from_the_place_it_names(run):
    doc = run("A Chilean ranger was shot dead by firing from the far bank of the river in Arica district of "
              "Chile's northern province last night.")
    roles = _roles(doc, _one(doc, "ASSAULT"))
    assert "source" not in roles.values(), roles


def test_unnamed_attackers_act_and_are_acted_upon(run):
    doc = run("Gunmen killed four villagers in northern Mozambique on Friday, and troops later shot dead two of the "
              "attackers.")
    roles = sorted(tuple(sorted(_roles(doc, e).items())) for e in doc.events if e.type == "ASSAULT")
    assert roles == [(("Military Forces of Mozambique", "source"), ("Unidentified Armed Group (Mozambique)", "target")),
                     (("Unidentified Armed Group (Mozambique)", "source"),)]


def test_an_unnamed_collective_that_takes_part_in_no_event_is_no_actor(run):
    doc = run("Chad tightened checks at its airports, officials said, recalling a March incident in which gunmen "
              "were seen near a stadium.")
    assert not [a.name for a in doc.actors if a.name.startswith("Unidentified Armed Group")]
    assert "Chad" in {a.name for a in doc.actors}


def test_a_relative_clause_on_someone_dates_only_itself(run):
    doc = run("Peru's envoy met officials from Chile, who arrived in Lima on May 6. Troops killed two smugglers near "
              "the border.")
    assert _one(doc, "ASSAULT").date_start != date(2024, 5, 6)


def test_a_present_perfect_takes_no_date_from_the_sentence_before(run):
    doc = run("Chile expelled two Peruvian diplomats on Monday. Peru has accused Chile of spying for years.")
    assert _one(doc, "ACCUSE").date_start is None


def test_a_clause_a_stated_stretch_after_another_borrows_no_context_date(nlp):
    from app.extract.events.dates import borrows_no_context
    doc = nlp("The strike ended a month after the junta closed the port and suspended the council.")
    by_text = {t.text: t for t in doc}
    assert borrows_no_context(by_text["closed"]) and borrows_no_context(by_text["suspended"])
    assert not borrows_no_context(by_text["ended"])
    assert not borrows_no_context(nlp("The army detained the mayor after the rallies.")[2])


def test_a_country_and_its_own_government_in_one_role_tell_one_happening(run):
    doc = run("Canada imposed sanctions on Bolivian officials. Sanctions imposed by the Canadian government against "
              "the ministers took effect on Monday.")
    sanction = _one(doc, "SANCTION")
    assert {"Canada", "Government of Canada"} <= set(_roles(doc, sanction))


def test_two_bodies_of_one_country_are_not_one_side(run):
    doc = run("Protesters in Bolivia accused the government of fraud on Monday. Opposition leaders accused the police "
              "of brutality.")
    assert len([e for e in doc.events if e.type == "ACCUSE"]) == 2


def test_a_date_parsed_onto_the_subject_dates_the_verb(run):
    doc = run("Bolivian riot police on Wednesday fired rubber bullets at miners near the mine.")
    assert _one(doc, "ASSAULT").date_start == date(2024, 5, 8)


def test_a_relative_clause_with_its_own_subject_is_its_own_happening(run):
    doc = run("Peru on Monday imposed sanctions on a Chilean bank in reply to the sanctions Chile imposed in March on "
              "two Peruvian firms.")
    found = sorted((e.date_start, e.date_precision, _roles(doc, e).get("Chile")) for e in doc.events
                   if e.type == "SANCTION")
    assert found == [(date(2024, 3, 1), "month", "source"), (date(2024, 5, 6), "day", "target")]


def test_in_a_protest_a_countrys_people_are_its_protesters(run):
    doc = run("Bolivian citizens rallied in Sucre on Monday against the new tax. Later, protesters in La Paz marched "
              "to the palace, demanding a referendum.")
    protest = _one(doc, "PROTEST")
    assert {"Bolivian nationals", "Protesters (Bolivia)"} <= set(_roles(doc, protest))


def test_a_singular_act_noun_under_a_coordinated_verb_is_that_verbs_mention(run):
    doc = run("Two Malian gendarmes were killed and three others hurt in an attack on their post in Mali on Monday.")
    assert [(e.type, e.date_start) for e in doc.events] == [("ASSAULT", date(2024, 5, 6))]


def test_a_plural_act_noun_under_a_coordinated_verb_stays_apart(run):
    doc = run("Six herders were killed and four hurt on Sunday in three army attacks in Mali.")
    assert len([e for e in doc.events if e.type == "ASSAULT"]) == 2  # the killing and the three attacks


def test_a_headline_event_the_lead_retells_in_other_words_is_the_leads_event(run):
    doc = run("Two guards killed in Chad in ABC-XYZ attack\n\nTwo border guards were killed on Tuesday when their post "
              "was attacked by fighters of the Alpha Front (ABC) and the Omega Movement (XYZ) near the border of Chad, "
              "officials said.\n\nThe army said it had sent reinforcements.")
    attack = _one(doc, "ASSAULT")
    assert attack.date_start == date(2024, 5, 7)
    assert {"ABC-XYZ", "Alpha Front", "Omega Movement"} <= set(_roles(doc, attack))



def test_sending_soldiers_running_is_no_deployment(run):
    doc = run("Insurgents overran a river port in northern Mali on Monday, sending the garrison's soldiers running "
              "into the desert.")
    assert "MOBILIZE" not in {e.type for e in doc.events}
    assert "FIGHT" in {e.type for e in doc.events}
    assert "MOBILIZE" in {e.type for e in run("Mali sent troops to the town of Gao on Monday.").events}


def test_government_forces_are_the_article_countrys_not_the_last_foreign_army_named(run):
    doc = run("Mali's north is held by rebels. French jets started bombing the area in May. Government forces battled "
              "for weeks to win back the north.")
    assert _roles(doc, _one(doc, "FIGHT")) == {"Military Forces of Mali": "source"}


def test_a_pronoun_in_a_clause_before_the_main_one_is_its_subject(run):
    doc = run("Hours after she was detained at a rally, union leader Ana Torres appeared before a judge in Lima on "
              "Wednesday.")
    arrest = _one(doc, "COERCE")
    assert _roles(doc, arrest) == {"Ana Torres": "target"}


def test_a_protest_kept_without_a_doer_is_the_articles_protesters(run):
    doc = run("Police in Peru clashed with protesters near the congress. A large union rally was staged in Lima on "
              "Tuesday.")
    rally = _one(doc, "PROTEST")
    assert _roles(doc, rally).get("Protesters (Peru)") == "source"


def test_on_the_other_hand_is_no_call_on_anyone(run):
    doc = run("Lima's mayor, on the other hand, called the strike a success on Tuesday.")
    assert "REQUEST" not in {e.type for e in doc.events}


def test_an_appeals_of_phrase_names_who_makes_it(run):
    doc = run("Peru's police asked on Friday that the mayor be held for trial. On Saturday a judge refused him bail "
              "and remanded him in custody on the request of the police.")
    requests = [e for e in doc.events if e.type == "REQUEST"]
    assert len(requests) == 1 and _roles(doc, requests[0]).get("Police Forces of Peru") == "source"


def test_a_protest_noun_inside_a_protest_verbs_clause_is_that_protest(run):
    doc = run("In Quito, students marched through the capital on Saturday in a fresh week of protests against the "
              "government.")
    protests = [e for e in doc.events if e.type == "PROTEST"]
    assert len(protests) == 1 and _roles(doc, protests[0]).get("Government of Ecuador") == "target"


def test_supporters_of_someone_gather_not_that_someone(run):
    doc = run("Hundreds of supporters of Maria Lopez, the jailed Peruvian mayor, rallied outside the court in Lima on "
              "Monday.")
    gathering = _one(doc, "PROTEST")
    assert _roles(doc, gathering).get("supporters of Maria Lopez") == "source"
    assert "Maria Lopez" not in _roles(doc, gathering)


def test_a_headline_that_jails_someone_is_the_leads_sentence(run):
    doc = run("Peru jails former mayor in bribery case\n\nA court in Lima on Friday sentenced former mayor "
              "Carlos Vega to seven years in prison for taking bribes.\n\nHis lawyer said he would appeal.")
    assert [(e.type, e.date_start) for e in doc.events] == [("SANCTION", date(2024, 5, 10))]
    assert _roles(doc, doc.events[0]).get("Carlos Vega") == "target"


def test_what_a_charge_says_was_done_is_no_event(run):
    doc = run("Peru's police filed charges of torching a bank against the leader of the Green Party before a Lima "
              "court on Friday and asked that he stay in custody.")
    assert "ASSAULT" not in {e.type for e in doc.events}
    assert "REQUEST" in {e.type for e in doc.events}
