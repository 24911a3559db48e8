"""Events on a map: places inlined, GeoJSON, bbox and place filters, /places, and bad bbox values."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from app.db import make_engine
from app.extract.types import ExtractedDocument
from tests.ingest.kb import PUBLISHED, Builder, actor, add_document, event

QUITO_BOX = "-78.7,-0.4,-78.3,0.0"


def andes_doc() -> ExtractedDocument:
    b = Builder()
    b.sentence("Protesters marched in Quito on March 4.")
    b.sentence("Police arrested 12 people at Guayaquil airports on March 5.")
    b.sentence("Ecuador closed the Ecuadorian-Peruvian border on March 6.")
    actors = [actor("actor:1", "Ecuador", "country", aliases=["Ecuadorian"], mentions=[b.span("Ecuadorian")]),
              actor("actor:2", "Peru", "country", aliases=["Peruvian"], mentions=[b.span("Peruvian")]),
              actor("actor:3", "Quito", "location", mentions=[b.span("Quito")])]
    events = [
        event("event:1", "PROTEST", date(2024, 3, 4), date(2024, 3, 4), "day", [], [b.span("marched in Quito")],
              location="Quito"),
        event("event:2", "COERCE", date(2024, 3, 5), date(2024, 3, 5), "day", [], [b.span("arrested 12 people")],
              location="Guayaquil airports"),
        event("event:3", "COERCE", date(2024, 3, 6), date(2024, 3, 6), "day", [("actor:1", "source")],
              [b.span("closed the Ecuadorian-Peruvian border")], location="Ecuadorian-Peruvian border"),
    ]
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=PUBLISHED,
                             extractor_version="test", actors=actors, events=events, statements=[])


@pytest.fixture
def mapped(client, settings):
    engine = make_engine(settings.database_url)
    with Session(engine, expire_on_commit=False) as s:
        add_document(s, andes_doc(), "Andes Times")
    engine.dispose()
    return client


def test_geojson_points_where_there_are_coordinates_and_null_otherwise(mapped):
    r = mapped.get("/api/v1/events", params={"format": "geojson"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 3
    by_location = {f["properties"]["location"]: f for f in body["features"]}
    quito = by_location["Quito"]
    assert quito["geometry"]["type"] == "Point"
    lon, lat = quito["geometry"]["coordinates"]
    assert lat == pytest.approx(-0.22, abs=0.05) and lon == pytest.approx(-78.52, abs=0.05)
    assert quito["properties"]["place"]["precision"] == "city" and quito["id"] == quito["properties"]["id"]
    airports = by_location["Guayaquil airports"]["properties"]["place"]
    assert (airports["name"], airports["precision"]) == ("Guayaquil", "city")
    border = by_location["Ecuadorian-Peruvian border"]
    assert border["geometry"] is None  # a country is never drawn at its capital
    assert border["properties"]["place"]["precision"] == "country"
    assert border["properties"]["place"]["country_code"] == "EC"
    assert mapped.get("/api/v1/events", params={"format": "geojson", "limit": 1}).json()["features"].__len__() == 1


def test_bbox_and_place_filters(mapped):
    def locations(**params):
        return sorted(i["location"] for i in mapped.get("/api/v1/events", params=params).json()["items"])

    assert locations(bbox=QUITO_BOX) == ["Quito"]
    assert locations(bbox="-81,-3,-78,1") == ["Guayaquil airports", "Quito"]
    assert locations(bbox="2.2,48.8,2.5,48.9") == []
    assert locations(bbox="170,-3,-78.3,1") == ["Guayaquil airports", "Quito"]  # across the antimeridian
    quito = mapped.get("/api/v1/events", params={"bbox": QUITO_BOX}).json()["items"][0]["place"]
    assert locations(place=quito["geonames_id"]) == ["Quito"]
    assert locations(place=3658394) == ["Ecuadorian-Peruvian border", "Guayaquil airports", "Quito"]  # Ecuador
    assert locations(place=3932488) == []  # Peru
    timeline = mapped.get("/api/v1/stats/timeline", params={"bbox": "-81,-3,-78,1", "bucket": "day"}).json()
    assert [(b["period"], b["count"]) for b in timeline["items"]] == [("2024-03-04", 1), ("2024-03-05", 1)]


def test_places_list_counts_events(mapped):
    items = {p["name"]: p for p in mapped.get("/api/v1/places").json()["items"]}
    assert items["Quito"]["event_count"] == 1 and items["Guayaquil"]["event_count"] == 1
    assert items["Ecuador"]["event_count"] == 1 and items["Peru"]["event_count"] == 0  # an actor's place only
    boxed = mapped.get("/api/v1/places", params={"bbox": QUITO_BOX}).json()["items"]
    assert [p["name"] for p in boxed] == ["Quito"]
    assert [p["name"] for p in mapped.get("/api/v1/places", params={"country": "pe"}).json()["items"]] == ["Peru"]


@pytest.mark.parametrize("bbox", ["1,2,3", "a,b,c,d", "0,0,200,10", "0,80,10,-80", "0,nan,1,1", "1,2,3,4,5"])
def test_a_bad_bbox_is_a_422_naming_it(client, bbox):
    for path in ("/api/v1/events", "/api/v1/stats/timeline", "/api/v1/places"):
        r = client.get(path, params={"bbox": bbox})
        assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["errors"][0]["parameter"] == "bbox"


def test_geojson_only_on_events(client):
    r = client.get("/api/v1/documents", params={"format": "geojson"})
    assert r.status_code == 422 and r.json()["errors"][0]["parameter"] == "format"
