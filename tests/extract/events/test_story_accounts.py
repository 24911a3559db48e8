"""How one real happening is told: its doer in front of an event noun, background told apart from the lead
(issue 13), on invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from app.extract.pipeline import extract
from app.extract.types import ExtractedDocument
from tests.support.extraction import caching_extractor

PUBLISHED = date(2024, 5, 10)  # a Friday


@pytest.fixture(scope="module")
def run(nlp):
    return caching_extractor(nlp, PUBLISHED)


def _names(doc: ExtractedDocument, event, role: str | None = None) -> list[str]:
    return [doc.actor(p.actor_key).name for p in event.participants if role is None or p.role == role]


@pytest.mark.parametrize("text", [
    "A Bolivian police raid on a market in El Alto left three traders injured.",
    "A Bolivian junta drone strike on a farm killed two herders.",
    "Eight herders died on Thursday in a Bolivian junta drone strike near the river.",
])
def test_an_agent_in_front_of_an_event_noun_carries_it_out(run, text):
    doc = run(text)
    assert doc.events
    assert any(name.endswith("of Bolivia") and name != "Bolivia" for name in _names(doc, doc.events[0], "source"))


def test_a_mention_dated_months_before_publication_is_not_the_undated_lead(run):
    doc = run("Chad herders die in raid\n\nFour herders died after a Chadian army air raid hit their camp near the "
              "river, residents said.\n\nA military helicopter bombed the camp, a witness said.\n\n"
              "Soldiers bombed a market in the north in February, killing ten people.")
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    lead = assaults[0]
    assert lead.date_start is None  # the lead is undated, not dated February by the background raid
    february = [e for e in assaults if e.date_start is not None and e.date_start.month == 2]
    assert february and february[0] is not lead
    assert any("helicopter" in span.text for span in lead.evidence)  # the re-mention of the lead still joins it


@pytest.mark.parametrize("text", [
    "The Norwegian envoy brokered a deal between Chad and Niger.",
    "Ghana thanked Norway for brokering an accord to restore relations between Chad and Niger.",
])
def test_the_parties_of_a_brokered_accord_are_its_participants(run, text):
    doc = run(text)
    agree = next(e for e in doc.events if e.type == "AGREE")
    assert {"Chad", "Niger"} <= set(_names(doc, agree))


def test_a_gerund_after_for_is_done_by_the_object_of_the_verb(run):
    doc = run("Ghana thanked Togo for hosting the talks.")
    consult = next(e for e in doc.events if e.type == "CONSULT")
    assert _names(doc, consult, "source") == ["Togo"]


def test_the_occasion_of_a_speech_dates_the_words_of_the_sentence_before(run):
    doc = run("Peru's foreign minister has praised Chile for its help after the floods.\n\n"
              "Ana Torres was speaking at a forum of regional leaders in Lima on Wednesday.")
    support = next(e for e in doc.events if e.type == "SUPPORT")
    assert support.date_start == date(2024, 5, 8) and support.date_precision == "day"


def test_a_single_happening_at_a_named_place_is_kept_without_a_cast(run):
    doc = run("State radio said the accord came during a meeting in Oslo.")
    consult = [e for e in doc.events if e.type == "CONSULT"]
    assert consult and consult[0].location == "Oslo" and not consult[0].participants
    generic = run("State radio said meetings were common.")
    assert not [e for e in generic.events if e.type == "CONSULT"]


@pytest.mark.parametrize(("clock", "minutes", "day"), [
    ("around 1 a.m. on Friday", "2 hours 30 minutes", date(2024, 5, 9)),  # back across midnight
    ("around 11 p.m. on Thursday", "40 minutes", date(2024, 5, 9)),
    ("at 9:15 a.m. on Friday", "six hours", date(2024, 5, 10)),  # "before": later the same day
])
def test_hours_after_a_clause_date_it_by_the_narrative_clock(run, clock, minutes, day):
    marker = "before" if "9:15" in clock else "after"
    doc = run(f"Senators gathered {clock} in the capital.\n\n"
              f"The motion was passed {minutes} {marker} President Ana Ruiz imposed a curfew.")
    curfew = next(e for e in doc.events if e.type == "COERCE")
    assert (curfew.date_start, curfew.date_precision) == (day, "day")


def test_hours_after_a_clause_without_a_clock_leave_the_day_open(run):
    doc = run("The motion was passed six hours after President Ana Ruiz imposed a curfew on Friday night.")
    curfew = next(e for e in doc.events if e.type == "COERCE")
    assert curfew.date_start == date(2024, 5, 10)  # its own date, untouched
    doc = run("The motion was passed six hours after President Ana Ruiz imposed a curfew.")
    assert all(e.date_start is None for e in doc.events if e.type == "COERCE")


def test_his_country_is_the_country_of_the_person_not_the_person(run):
    doc = run("Peru protested on Monday. Peruvian Foreign Minister Ana Ruiz said her country was attacked by Chile.")
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    assert _names(doc, attack, "target") == ["Peru"]
    doc = run("Ghanaian President John Mahama praised his country for brokering an accord between Kenya and Uganda.")
    agree = next(e for e in doc.events if e.type == "AGREE")
    assert "John Mahama" not in _names(doc, agree)  # no country actor known: nobody, rather than the person


@pytest.mark.parametrize("text", [
    "State radio said the accord followed a similar meeting in Oslo.",
    "State radio said the accord followed a meeting in Oslo in March.",
])
def test_a_background_happening_at_a_named_place_is_not_kept_without_a_cast(run, text):
    assert not [e for e in run(text).events if e.type == "CONSULT"]



@pytest.mark.parametrize(("anaphoric", "lead_anaphoric", "older"),
                         [(False, False, True), (True, False, False), (False, True, False)])
def test_only_a_definite_re_mention_dated_months_back_joins_the_undated_lead(anaphoric, lead_anaphoric, older):
    from types import SimpleNamespace as NS

    from app.extract.events.discourse import older_than_lead
    from app.extract.types import Span, TimeExpression

    march = TimeExpression(Span(0, 5, "March"), date(2024, 3, 1), date(2024, 3, 31), "month", "publication")
    lead = NS(time=None, evidence=NS(start=10), trigger=NS(anaphoric=lead_anaphoric))  # "the recent attack"
    mention = NS(time=march, trigger=NS(anaphoric=anaphoric))  # "In March, X ..." / "the March truce"
    assert older_than_lead(mention, NS(mentions=[lead]), 200, PUBLISHED) is older


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 1, 20), date(9999, 12, 31)])
def test_the_calendar_edges_date_the_lead_and_the_clock_without_overflow(nlp, published):
    # the lead's month and "hours before" arithmetic at the first and last day the calendar holds
    doc = extract("Chadian troops attacked a rebel camp near the border, officials said.\n\n"
                  "Senators gathered around 11 p.m. on Friday in the capital.\n\n"
                  "The motion was passed six hours after President Ana Ruiz imposed a curfew.",
                  published=published, nlp=nlp)
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    if published.day > 7:  # the week before publication lies in its month: the lead is that month's news
        assert (attack.date_start, attack.date_precision) == (published.replace(day=1), "month")
    else:
        assert attack.date_start is None


def test_a_headline_naming_a_country_by_its_short_form_is_the_body_event(run):
    doc = run("S. Sudan government and rebels sign truce\n\nSouth Sudan's government and its rebels agreed on a truce "
              "on Thursday.")
    assert [e.type for e in doc.events] == ["AGREE"]
