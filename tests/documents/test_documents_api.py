"""POST /documents on odd but valid input: it is stored, or refused with a 4xx naming the field; never a 500."""

from __future__ import annotations

import pytest

from app.config import Settings


def _problem(r, status: int, field: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["detail"].startswith(f"{field}:")
    assert [e["parameter"] for e in body["errors"]] == [field]
    return body


def _count(client) -> int:
    return client.get("/api/v1/documents").json()["total"]


TEXT = "On Monday, the Kenyan foreign minister met the Norwegian envoy in Oslo. A day earlier, police detained " \
       "12 activists in Nairobi. Last year, the two countries signed a trade agreement."


def test_a_publication_date_at_the_start_of_the_calendar_is_stored_with_its_relative_dates_unknown(client):
    r = client.post("/api/v1/documents", json={"text": TEXT, "published": "0001-01-02"})
    assert r.status_code == 201, r.text
    assert r.json()["published"] == "0001-01-02" and r.json()["counts"]["events"] >= 1
    events = client.get("/api/v1/events", params={"document": r.json()["id"]}).json()["items"]
    assert events and all(e["date"] is None for e in events)  # "on Monday" of 0001-01-02 is not invented


@pytest.mark.parametrize("published", ["9999-12-31", "9999-12-30"])
def test_a_publication_date_at_the_end_of_the_calendar_is_a_422_naming_it(client, published):
    body = _problem(client.post("/api/v1/documents", json={"text": TEXT, "published": published}), 422, "published")
    assert "future" in body["detail"]
    assert _count(client) == 0


@pytest.mark.parametrize("published", [20240501, 0, 1714521600, 2024.5, True, ["2024-05-01"], "20240501", "May 1"])
def test_a_publication_date_that_is_not_an_iso_date_string_is_a_422_naming_it(client, published):
    body = _problem(client.post("/api/v1/documents", json={"text": TEXT, "published": published}), 422, "published")
    assert "ISO date" in body["detail"]
    assert _count(client) == 0


# The rule is the schema's TEXT_PATTERN, a portable (ECMA-262) regex: it names invisible characters of the Basic
# Multilingual Plane only, so astral format characters (tags) are not in it, and the service agrees with the schema.
@pytest.mark.parametrize("text", ["\u200b", "\u200b\u200c\u200d\u2060\ufeff", " \u200b\n\t\u00ad ", "\u202e\u202c",
                                  "\u3164\u115f\ufe0f"])
def test_a_text_of_only_invisible_characters_is_a_422(client, text):
    body = _problem(client.post("/api/v1/documents", json={"text": text}), 422, "text")
    assert "empty" in body["detail"]
    assert _count(client) == 0


def test_a_text_with_something_visible_among_zero_width_characters_is_stored(client):
    r = client.post("/api/v1/documents", json={"text": "\u200bThe envoy\u200b met the minister.\u200b"})
    assert r.status_code == 201, r.text


@pytest.fixture
def small_budget(database_url: str, tmp_path):
    from fastapi.testclient import TestClient

    from app.main import create_app

    settings = Settings(database_url=database_url, max_document_tokens=40, _env_file=None, api_key="budget-key",
                        data_dir=tmp_path / "data")
    with TestClient(create_app(settings), base_url="http://localhost", headers={"X-API-Key": "budget-key"}) as c:
        yield c


def test_a_text_over_the_token_budget_is_a_422_before_anything_parses_it(small_budget):
    text = "The envoy met the minister in Oslo on Monday, and the talks went on. " * 4  # 64 tokens
    body = _problem(small_budget.post("/api/v1/documents", json={"text": text}), 422, "text")
    assert "64 words and punctuation marks" in body["detail"] and "at most 40" in body["detail"]
    assert small_budget.post("/api/v1/documents", json={"text": text[:140]}).status_code == 201
    # a text that is not extracted costs no parsing and is not counted
    foreign = "Министр иностранных дел провёл переговоры со своим коллегой по телефону во вторник. " * 4
    assert small_budget.post("/api/v1/documents", json={"text": foreign}).status_code == 201


def test_a_post_while_the_server_stops_is_a_503_with_retry_after_and_stores_nothing(client):
    from app.extract.segments import clear_stop, request_stop

    request_stop()
    try:
        r = client.post("/api/v1/documents", json={"text": TEXT, "published": "2024-05-01"})
    finally:
        clear_stop()
    assert r.status_code == 503 and r.headers["retry-after"] == "5"
    assert r.headers["content-type"].startswith("application/problem+json") and "shutting down" in r.json()["detail"]
    assert _count(client) == 0
    assert client.post("/api/v1/documents", json={"text": TEXT, "published": "2024-05-01"}).status_code == 201
