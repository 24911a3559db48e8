"""Places at ingest: reports, fused events and location actors point at place rows; generic places refer back."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from app.extract.types import ExtractedDocument
from app.ingest import delete_document
from app.ingest.places import resolve_places
from app.models import Actor, Event, Place
from tests.ingest.kb import PUBLISHED, Builder, actor, add_document, event


def harbour_doc(city_sentence: str = "Dockworkers walked out at Valparaiso port on May 1.") -> ExtractedDocument:
    b = Builder()
    b.sentence(city_sentence)
    b.sentence("Chilean police detained 20 strikers at the port the next day.")
    actors = [actor("actor:1", "Chile", "country", aliases=["Chilean"], mentions=[b.span("Chilean")]),
              actor("actor:2", "Valparaiso", "location", mentions=[b.span("Valparaiso")])]
    events = [
        event("event:1", "PROTEST", date(2024, 5, 1), date(2024, 5, 1), "day", [], [b.span("walked out")],
              location="Valparaiso port"),
        event("event:2", "COERCE", date(2024, 5, 2), date(2024, 5, 2), "day", [("actor:1", "source")],
              [b.span("detained 20 strikers")], location="port"),
    ]
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=PUBLISHED,
                             extractor_version="test", actors=actors, events=events, statements=[])


def test_a_generic_place_takes_the_named_place_it_refers_back_to():
    events, actors = resolve_places(harbour_doc())
    assert events["event:1"].name == "Valparaíso" and events["event:1"].precision == "city"
    assert events["event:2"] == events["event:1"]  # "the port" -> "Valparaiso port", at city precision
    assert actors["actor:1"].precision == "country" and actors["actor:2"] == events["event:1"]


def test_events_and_actors_are_linked_to_place_rows_and_deletion_unlinks(session):
    doc = add_document(session, harbour_doc(), "Outlet A")
    place = session.exec(select(Place).where(Place.name == "Valparaíso")).one()
    assert (place.country_code, place.precision, place.key) == ("CL", "city", f"geonames:{place.geonames_id}")
    assert {e.location: e.place_id for e in session.exec(select(Event)).all()} == {
        "Valparaiso port": place.id, "port": place.id}
    city = session.exec(select(Actor).where(Actor.name == "Valparaiso")).one()
    assert city.place_id == place.id
    chile = session.exec(select(Actor).where(Actor.name == "Chile")).one()
    assert session.get(Place, chile.place_id).precision == "country"
    delete_document(session, doc.id)
    session.commit()
    assert session.exec(select(Event)).all() == []
    assert session.exec(select(Place).where(Place.id == place.id)).one()  # gazetteer rows stay
