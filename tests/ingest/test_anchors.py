"""Relative dates across sources: "a day after the summons", undated in one article, dated by another."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from app.extract.types import ExtractedDocument
from app.ingest import delete_document
from app.models import Event, EventReport
from tests.ingest.kb import PUBLISHED, Builder, actor, add_document, dump, emptied, event

CALL = "telephone call"


def _doc(b: Builder, actors, events) -> ExtractedDocument:
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=PUBLISHED,
                             extractor_version="test", actors=actors, events=events, statements=[])


def _ministers(b: Builder) -> list:
    return [actor("actor:1", "Ana Soto", "person", country="Chile", mentions=[b.span("Ana Soto")]),
            actor("actor:2", "Jorge Diaz", "person", country="Peru", mentions=[b.span("Jorge Diaz")])]


def _ministry(b: Builder) -> object:
    return actor("actor:3", "Ministry of Foreign Affairs of Chile", "organization", country="Chile",
                 mentions=[b.span("Foreign Ministry of Chile")])


def relative_doc() -> ExtractedDocument:
    """The call and the summons, neither dated, one a day after the other."""
    b = Builder()
    b.sentence("Ana Soto made a telephone call to Jorge Diaz a day after the envoy Luis Ramos was summoned to the "
               "Foreign Ministry of Chile.")
    actors = _ministers(b) + [_ministry(b), actor("actor:4", "Luis Ramos", "person", mentions=[b.span("Luis Ramos")])]
    call = event("event:1", "CONSULT", None, None, "unknown", [("actor:1", "source"), ("actor:2", "target")],
                 [b.span("made a telephone call")], mode="telephone")
    summons = event("event:2", "DISAPPROVE", None, None, "unknown", [("actor:3", "source"), ("actor:4", "target")],
                    [b.span("was summoned")])
    call.anchor_key, call.anchor_days = "event:2", 1
    summons.anchor_key, summons.anchor_days = "event:1", -1
    return _doc(b, actors, [call, summons])


def dated_call_doc() -> ExtractedDocument:
    b = Builder()
    b.sentence("On April 30, Ana Soto spoke by phone with Jorge Diaz.")
    return _doc(b, _ministers(b), [event("event:1", "CONSULT", date(2024, 4, 30), date(2024, 4, 30), "day",
                                         [("actor:1", "source"), ("actor:2", "target")], [b.span("spoke by phone")],
                                         mode="telephone", date_text="April 30")])


def dated_protest_doc() -> ExtractedDocument:
    b = Builder()
    b.sentence("By April 29, the Foreign Ministry of Chile had protested to Peru.")
    actors = [_ministry(b), actor("actor:5", "Peru", "country", mentions=[b.span("Peru")])]
    return _doc(b, actors, [event("event:1", "PROTEST", date(2024, 4, 29), date(2024, 4, 29), "day",
                                  [("actor:3", "source"), ("actor:5", "target")], [b.span("had protested")],
                                  date_text="April 29")])


def both_dated_doc() -> ExtractedDocument:
    """Another outlet dating both: the call on April 30 and the protest on April 29."""
    b = Builder()
    b.sentence("On April 30, Ana Soto spoke by phone with Jorge Diaz.")
    b.sentence("By April 29, the Foreign Ministry of Chile had protested to Peru.")
    actors = _ministers(b) + [_ministry(b), actor("actor:5", "Peru", "country", mentions=[b.span("Peru")])]
    return _doc(b, actors, [
        event("event:1", "CONSULT", date(2024, 4, 30), date(2024, 4, 30), "day",
              [("actor:1", "source"), ("actor:2", "target")], [b.span("spoke by phone")], mode="telephone",
              date_text="April 30"),
        event("event:2", "PROTEST", date(2024, 4, 29), date(2024, 4, 29), "day",
              [("actor:3", "source"), ("actor:5", "target")], [b.span("had protested")], date_text="April 29"),
    ])


DOCS = {"relative": relative_doc, "call": dated_call_doc, "protest": dated_protest_doc, "both": both_dated_doc}


def _load(session: Session, names) -> dict:
    for name in names:
        add_document(session, DOCS[name](), f"Outlet {name}")
    return dump(session)


def _sources(session: Session) -> dict[str, int]:
    """Event type -> number of source documents."""
    return {e.type: len(session.exec(select(EventReport).where(EventReport.event_id == e.id)).all())
            for e in session.exec(select(Event)).all()}


@pytest.mark.parametrize("order", [("relative", "both"), ("both", "relative")])
def test_another_source_dates_the_relative_account_and_the_two_fuse(session, order):
    _load(session, order)
    # the fused type is voted; on a tie the account with its own date wins
    assert _sources(session) == {"CONSULT": 2, "PROTEST": 2}
    summons = session.exec(select(EventReport).where(EventReport.type == "DISAPPROVE")).one()
    assert (summons.date_start, summons.date_precision, summons.date_derived) == (date(2024, 4, 29), "day", True)
    assert summons.date_text.startswith("1 day before: ")
    fused = session.exec(select(Event).where(Event.type == "PROTEST")).one()
    assert fused.date_start == date(2024, 4, 29) and fused.date_text == "April 29"  # own date ranks first


def test_the_outcome_does_not_depend_on_the_order(session, engine):
    forward = _load(session, ["relative", "both"])
    session.close()
    with emptied(engine) as s:
        assert _load(s, ["both", "relative"]) == forward
    with emptied(engine) as s:
        three = _load(s, ["relative", "protest", "call"])
    with emptied(engine) as s:
        assert _load(s, ["call", "protest", "relative"]) == three
    with emptied(engine) as s:
        assert _load(s, ["protest", "relative", "call"]) == three


def test_without_a_dating_source_the_relative_accounts_stay_undated_and_apart(session):
    _load(session, ["relative", "protest"])
    assert sorted(_sources(session).items()) == [("CONSULT", 1), ("DISAPPROVE", 1), ("PROTEST", 1)]
    assert all(r.date_start is None for r in session.exec(select(EventReport).where(EventReport.date_derived)))


@pytest.mark.parametrize("gone, kept", [("both", ["relative"]), ("relative", ["both"]),
                                        ("call", ["relative", "protest"])])
def test_deleting_the_dating_source_withdraws_the_date_and_undoes_the_merge(session, engine, gone, kept):
    names = ["relative", "protest", "call"] if gone == "call" else ["relative", "both"]
    docs = {name: add_document(session, DOCS[name](), f"Outlet {name}") for name in names}
    if gone == "call":  # the summons joined the protest only through the call's date
        assert _sources(session)["PROTEST"] == 2
    delete_document(session, docs[gone].id)
    session.commit()
    after = dump(session)
    session.close()
    with emptied(engine) as s:
        assert after == _load(s, kept)


def test_event_detail_shows_each_sources_date_and_which_is_derived(client, settings):
    from app.db import make_engine

    engine = make_engine(settings.database_url)
    with Session(engine) as s:
        _load(s, ["relative", "both"])
        protest_id = s.exec(select(Event.id).where(Event.type == "PROTEST")).one()
    engine.dispose()
    body = client.get(f"/api/v1/events/{protest_id}").json()
    sources = {d["outlet"]: d for d in body["sources"]["documents"]}
    assert body["sources"]["count"] == 2 and body["date"] == "2024-04-29"
    assert (sources["Outlet both"]["date"], sources["Outlet both"]["date_derived"]) == ("2024-04-29", False)
    relative = sources["Outlet relative"]
    assert (relative["date"], relative["date_derived"]) == ("2024-04-29", True)
    assert relative["date_text"].startswith("1 day before: ") and "merged once dated" in relative["match_reasons"]
