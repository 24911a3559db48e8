"""The seed articles on a map (issue 17's acceptance): the airport and concert-hall events at their places' coordinates
with an honest precision, a bbox around Moscow finds them, one elsewhere none, and the border event is no point."""

from __future__ import annotations

import hashlib

import pytest
from sqlmodel import Session

from app.db import make_engine
from app.models import Document

MOSCOW_BOX = "36.8,55.1,38.4,56.2"


@pytest.fixture
def seeded(client, settings, nlp, seed_texts):
    from app.extract.pipeline import extract
    from app.ingest import store_extraction

    engine = make_engine(settings.database_url)
    with Session(engine, expire_on_commit=False) as s:
        for text, published in seed_texts.values():
            doc = Document(sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, published=published)
            s.add(doc)
            s.flush()
            store_extraction(s, doc, extract(text, published=published, nlp=nlp))
            s.commit()
    engine.dispose()
    return client


def test_seed_events_on_the_map(seeded):
    features = seeded.get("/api/v1/events", params={"format": "geojson"}).json()["features"]
    by_location: dict[str, list] = {}
    for f in features:
        by_location.setdefault(f["properties"]["location"], []).append(f)
    airports = by_location["Moscow airports"]
    assert airports and all(f["properties"]["place"]["name"] == "Moscow" for f in airports)
    assert all(f["properties"]["place"]["precision"] == "city" for f in airports)  # several airports: the city
    lon, lat = airports[0]["geometry"]["coordinates"]
    assert lat == pytest.approx(55.75, abs=0.05) and lon == pytest.approx(37.62, abs=0.05)
    [hall] = by_location["Crocus City Hall"]  # "a concert hall in Krasnogorsk"
    assert (hall["properties"]["place"]["name"], hall["properties"]["place"]["precision"]) == ("Krasnogorsk", "city")
    lon, lat = hall["geometry"]["coordinates"]
    assert lat == pytest.approx(55.82, abs=0.05) and lon == pytest.approx(37.33, abs=0.05)
    [border] = by_location["Kazakh-Russian border"]
    assert border["geometry"] is None and border["properties"]["place"]["precision"] == "country"

    inside = {i["location"] for i in seeded.get("/api/v1/events", params={"bbox": MOSCOW_BOX}).json()["items"]}
    assert inside == {"Moscow airports", "Crocus City Hall"}
    for elsewhere in ("68.0,38.0,69.5,39.0", "71.0,51.0,72.0,51.5", "-10,35,30,60"):  # Dushanbe, Astana, Europe W
        assert seeded.get("/api/v1/events", params={"bbox": elsewhere}).json()["total"] == 0
