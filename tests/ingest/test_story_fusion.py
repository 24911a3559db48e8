"""Stories told by three outlets: each happening ends as one event with three sources, whatever the order the
articles arrive in, while distinct happenings of the same kind stay apart. Hand-built extraction results: the
outlets use other types, dates at other precision, other names for one party and other grain of place."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import select

from app.extract.types import ExtractedDocument
from app.models import Event, EventReport
from tests.ingest.kb import PUBLISHED, Builder, actor, actor_recount, actor_rollup, add_document, dump, emptied, event

DAY = date(2024, 3, 12)


def _doc(b: Builder, actors, events) -> ExtractedDocument:
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=PUBLISHED,
                             extractor_version="test", actors=actors, events=events, statements=[])


def outlet_a() -> ExtractedDocument:
    """The strike undated, by "the Chilean military"; the deal undated; the talks on their first day, no cast."""
    b = Builder()
    b.sentence("A Chilean military jet bombed a farm near Temuco.")
    b.sentence("Chile and Peru agreed to reopen their consulates.")
    b.sentence("Talks began on Monday in the presence of Chile and Peru.")
    actors = [
        actor("actor:1", "Military Forces of Chile", "organization", country="Chile",
              aliases=["Chilean military"], mentions=[b.span("Chilean military")]),
        actor("actor:2", "Chile", "country", aliases=["Chilean"], mentions=[b.span("Chile and Peru agreed")]),
        actor("actor:3", "Peru", "country", mentions=[b.span("Peru agreed")]),
    ]
    events = [
        event("event:1", "ASSAULT", None, None, "unknown", [("actor:1", "source")], [b.span("bombed a farm")],
              mode="explosives", location="Temuco"),
        event("event:2", "AGREE", None, None, "unknown", [("actor:2", "source"), ("actor:3", "target")],
              [b.span("agreed to reopen")]),
        event("event:3", "CONSULT", date(2024, 3, 4), date(2024, 3, 4), "day", [], [b.span("Talks began")],
              date_text="on Monday"),
    ]
    return _doc(b, actors, events)


def outlet_b() -> ExtractedDocument:
    """The strike dated, by "Chile"; a second strike the same day elsewhere; the deal as cooperation, dated;
    the talks as an interval in Nairobi."""
    b = Builder()
    b.sentence("Chile bombed a farm near Temuco on March 12.")
    b.sentence("On the same day Chile also bombed a depot in Arica.")
    b.sentence("Chile and Peru signed a cooperation pact on March 10.")
    b.sentence("Chile and Peru held talks in Nairobi from March 4 to 8.")
    actors = [
        actor("actor:1", "Chile", "country", mentions=[b.span("Chile bombed")]),
        actor("actor:2", "Peru", "country", mentions=[b.span("Peru signed")]),
    ]
    events = [
        event("event:1", "ASSAULT", DAY, DAY, "day", [("actor:1", "source")], [b.span("bombed a farm")],
              mode="explosives", location="Temuco"),
        event("event:2", "ASSAULT", DAY, DAY, "day", [("actor:1", "source")], [b.span("bombed a depot")],
              mode="explosives", location="Arica"),
        event("event:3", "COOPERATE", date(2024, 3, 10), date(2024, 3, 10), "day",
              [("actor:1", "source"), ("actor:2", "target")], [b.span("signed a cooperation pact")]),
        event("event:4", "CONSULT", date(2024, 3, 4), date(2024, 3, 8), "day",
              [("actor:1", "participant"), ("actor:2", "participant")], [b.span("held talks")],
              location="Nairobi"),
    ]
    return _doc(b, actors, events)


def outlet_c() -> ExtractedDocument:
    """The strike with no cast (the article names the military elsewhere); another strike a week later; the deal
    by "the Peruvian government", dated to the month; the talks undated, "in Kenya"."""
    b = Builder()
    b.sentence("Bombs fell on a farm near Temuco on Tuesday, March 12.")
    b.sentence("The Chilean military denied any role.")
    b.sentence("Chile bombed a bridge on March 20.")
    b.sentence("The Peruvian government and Chile agreed in March to reopen consulates.")
    b.sentence("Chile and Peru had talks in Kenya.")
    actors = [
        actor("actor:1", "Military Forces of Chile", "organization", country="Chile",
              aliases=["Chilean military"], mentions=[b.span("Chilean military")]),
        actor("actor:2", "Chile", "country", mentions=[b.span("Chile bombed")]),
        actor("actor:3", "Government of Peru", "organization", country="Peru",
              aliases=["Peruvian government"], mentions=[b.span("Peruvian government")]),
        actor("actor:4", "Peru", "country", mentions=[b.span("Peru had")]),
    ]
    events = [
        event("event:1", "ASSAULT", DAY, DAY, "day", [], [b.span("Bombs fell")], mode="explosives",
              location="Temuco"),
        event("event:2", "ASSAULT", date(2024, 3, 20), date(2024, 3, 20), "day", [("actor:2", "source")],
              [b.span("bombed a bridge")], mode="explosives"),
        event("event:3", "AGREE", date(2024, 3, 1), date(2024, 3, 31), "month",
              [("actor:3", "source"), ("actor:2", "source")], [b.span("agreed in March")]),
        event("event:4", "CONSULT", None, None, "unknown", [("actor:2", "participant"), ("actor:4", "participant")],
              [b.span("had talks")], location="Kenya"),
    ]
    return _doc(b, actors, events)


OUTLETS = {"A": outlet_a, "B": outlet_b, "C": outlet_c}


def _load(session, order):
    for name in order:
        add_document(session, OUTLETS[name](), f"Outlet {name}")
    sources = {}
    for report in session.exec(select(EventReport)).all():
        sources.setdefault(report.event_id, set()).add(report.document_id)
    events = {e.id: e for e in session.exec(select(Event)).all()}
    return dump(session), {(events[i].type, str(events[i].date_start), len(docs)) for i, docs in sources.items()}


def test_each_story_event_has_three_sources_and_distinct_ones_stay_apart(session):
    _, events = _load(session, "ABC")
    assert events == {
        ("ASSAULT", "2024-03-12", 3),  # undated + "Chile" + cast-less: the Temuco strike
        ("ASSAULT", "2024-03-12", 1),  # the same day's strike in Arica
        ("ASSAULT", "2024-03-20", 1),  # a week later
        ("AGREE", "2024-03-10", 3),  # undated + COOPERATE + month, "Government of Peru" for Peru
        ("CONSULT", "2024-03-04", 3),  # interval in Nairobi + undated "in Kenya" + cast-less first day
    }
    # the country contains the city in the gazetteer: their words never would
    kenya = session.exec(select(EventReport).where(EventReport.location == "Kenya")).one()
    assert "location:within" in kenya.match_reasons


def test_every_order_gives_the_same_knowledge_base(session, engine):
    forward, _ = _load(session, "ABC")
    session.close()
    for order in itertools.permutations("ABC"):
        with emptied(engine) as s:
            assert _load(s, order)[0] == forward, order
            assert actor_rollup(s) == actor_recount(s), order  # fusion's merges and splits keep the per-actor timeline


def _strike(day: int | None, outlet: str) -> ExtractedDocument:
    b = Builder()
    b.sentence(f"Chile shelled the port ({outlet}).")
    actors = [actor("actor:1", "Chile", "country", mentions=[b.span("Chile")]),
              actor("actor:2", "Peru", "country", mentions=[])]
    when = date(2024, 3, day) if day else None
    return _doc(b, actors, [event("event:1", "ASSAULT", when, when, "day" if day else "unknown",
                                  [("actor:1", "source"), ("actor:2", "target")], [b.span("shelled")])])


@pytest.mark.parametrize("order", [("3", "9", "?"), ("?", "3", "9"), ("9", "?", "3")])
def test_an_undated_account_that_fits_two_days_joins_neither(session, order):
    for name in order:
        add_document(session, _strike(None if name == "?" else int(name), name), f"Outlet {name}")
    events = session.exec(select(Event)).all()
    assert sorted(str(e.date_start) for e in events) == ["2024-03-03", "2024-03-09", "None"]


@pytest.mark.parametrize("gone", ["A", "B", "C"])
def test_removing_an_outlet_leaves_the_kb_the_other_two_give(session, engine, gone):
    from app.ingest import delete_document

    docs = {name: add_document(session, OUTLETS[name](), f"Outlet {name}") for name in "ABC"}
    delete_document(session, docs[gone].id)
    session.commit()
    assert actor_rollup(session) == actor_recount(session)
    after = dump(session)
    session.close()
    with emptied(engine) as s:
        assert _load(s, [n for n in "ABC" if n != gone])[0] == after


def test_removing_the_second_day_lets_the_undated_account_join_the_first(session, engine):
    from app.ingest import delete_document

    docs = {name: add_document(session, _strike(None if name == "?" else int(name), name), f"Outlet {name}")
            for name in ("3", "?", "9")}
    delete_document(session, docs["9"].id)
    session.commit()
    assert sorted(str(e.date_start) for e in session.exec(select(Event)).all()) == ["2024-03-03"]


@pytest.mark.parametrize("undated_first", [True, False])
def test_one_article_with_both_days_leaves_the_undated_account_alone(session, undated_first):
    both = _strike(3, "two days")
    second = _strike(9, "two days")
    shift = len(both.text) + 1
    both.text += " " + second.text
    both.body_end = len(both.text)
    moved = second.events[0]
    moved.key = "event:2"
    moved.evidence = [replace(s, start=s.start + shift, end=s.end + shift, sentence_start=s.sentence_start + shift)
                      for s in moved.evidence]
    both.events.append(moved)
    docs = [(_strike(None, "?"), "?"), (both, "both")]
    for extracted, name in docs if undated_first else reversed(docs):
        add_document(session, extracted, f"Outlet {name}")
    assert sorted(str(e.date_start) for e in session.exec(select(Event)).all()) == ["2024-03-03", "2024-03-09",
                                                                                      "None"]
