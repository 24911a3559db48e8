"""The lists read their query parameters as one model (app/query.py): the same values, the same 422s naming
the parameter, and the same OpenAPI parameters as FastAPI's one-by-one declarations gave."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import Depends, FastAPI, Query
from starlette.requests import Request

from app.discrepancies.dependencies import DiscrepancyQuery
from app.events.dependencies import EventQuery
from app.filters import ListQuery
from app.places.dependencies import PlaceQuery
from app.query import parse_query, query_doc
from app.statements.dependencies import StatementQuery
from app.stats.dependencies import TimelineQuery


def request(query: str, accept: str = "*/*") -> Request:
    return Request({"type": "http", "method": "GET", "path": "/", "query_string": query.encode(),
                    "headers": [(b"accept", accept.encode())]})


def test_repeated_values_make_lists_and_the_last_value_wins_elsewhere():
    q = parse_query(request("type=ASSAULT&type=FIGHT&actor=Ana+Lima&actor=7&limit=5&limit=2&nonsense=1"), EventQuery)
    assert q.type == ["ASSAULT", "FIGHT"] and q.actor == ["Ana Lima", "7"] and q.limit == 2
    assert q.paging(None).limit == 2 and q.filters().actors == ["Ana Lima", "7"]


def test_defaults_and_conversions():
    q = parse_query(request("count=false&start=2024-03&end=2024&bbox=10,20,11.5,21"), EventQuery)
    f, p, scope = q.filters(), q.paging("text/csv"), q.scope()
    assert (str(f.start), str(f.end), f.sort) == ("2024-03-01", "2024-12-31", "-date")
    assert (p.count, p.limit, p.limit_given, p.format) == (False, 50, False, "csv")
    assert (scope.bbox.min_lon, scope.bbox.max_lat) == (10.0, 21.0) and scope.place is None


def test_geojson_is_offered_by_the_events_list_only():
    assert parse_query(request(""), EventQuery).paging("application/geo+json").format == "geojson"
    assert parse_query(request(""), StatementQuery).paging("application/geo+json").format == "json"


@pytest.mark.parametrize(("path", "query", "parameter"), [
    ("/api/v1/events", "limit=0", "limit"),
    ("/api/v1/events", "limit=abc", "limit"),
    ("/api/v1/events", "type=NOPE", "type.0"),
    ("/api/v1/events", "bbox=1,2,3", "bbox"),
    ("/api/v1/events", "min_sources=0", "min_sources"),
    ("/api/v1/events", "start=2024-13", "start"),
    ("/api/v1/events", "count=maybe", "count"),
    ("/api/v1/statements", "event=x", "event"),
    ("/api/v1/statements", "speaker=" + "a" * 301, "speaker"),
    ("/api/v1/actors", "type=planet", "type"),
    ("/api/v1/documents", "format=geojson", "format"),
    ("/api/v1/stats/timeline", "bucket=decade", "bucket"),
    ("/api/v1/actors/1/events", "sort=newest", "sort"),
    ("/api/v1/sources", "kind=wire", "kind"),
    ("/api/v1/sources", "limit=0", "limit"),
    ("/api/v1/places", "country=RUS", "country"),
    ("/api/v1/places", "bbox=200,0,1,1", "bbox"),
    ("/api/v1/places", "cursor=nonsense", "cursor"),
    ("/api/v1/discrepancies", "kind=rumour", "kind"),
    ("/api/v1/discrepancies", "event=0", "event"),
    ("/api/v1/discrepancies", "format=geojson", "format"),
])
def test_invalid_parameters_are_422_problems_naming_them(client, path, query, parameter):
    r = client.get(f"{path}?{query}")
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json", r.text
    assert [e["parameter"] for e in r.json()["errors"]] == [parameter]


def test_date_values_the_schema_admits_but_the_calendar_does_not_are_422_naming_them(client):
    r = client.get("/api/v1/events?end=2023-02-30")
    assert r.status_code == 422 and r.json()["errors"][0]["parameter"] == "end"


@pytest.mark.parametrize("model", [ListQuery, EventQuery, StatementQuery, TimelineQuery, PlaceQuery,
                                   DiscrepancyQuery])
def test_documented_as_fastapi_documents_the_same_query_model(model):
    """query_doc gives what FastAPI writes for the model's fields declared with Query()."""
    app = FastAPI()

    def endpoint(q):
        return None

    endpoint.__annotations__ = {"q": Annotated[model, Query()]}
    app.get("/x")(lambda q=Depends(endpoint): None)
    assert app.openapi()["paths"]["/x"]["get"]["parameters"] == query_doc(model)["parameters"]


def test_a_documented_list_reads_what_it_documents(client):
    spec = client.get("/openapi.json").json()
    documented = {p["name"] for p in spec["paths"]["/api/v1/statements"]["get"]["parameters"]}
    assert documented == set(StatementQuery.model_fields)


def test_places_and_discrepancies_read_their_own_parameters():
    q = parse_query(request("country=ru&bbox=10,20,30,40&limit=3"), PlaceQuery)
    assert (q.country, q.bbox, q.paging("text/csv").format, q.paging(None).limit) == ("ru", "10,20,30,40", "csv", 3)
    d = parse_query(request("event=7&kind=number&source=+TASS+"), DiscrepancyQuery)
    assert (d.event, d.kind, d.source, d.paging(None).limit_given) == (7, "number", " TASS ", False)
    assert list(DiscrepancyQuery.model_fields)[:3] == ["event", "source", "kind"]  # documented before the paging


def test_places_country_filter_is_case_blind_through_the_api(client):
    lower, upper = client.get("/api/v1/places?country=zz"), client.get("/api/v1/places?country=ZZ")
    assert lower.status_code == upper.status_code == 200 and lower.json()["items"] == upper.json()["items"] == []
