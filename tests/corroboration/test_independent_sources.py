"""Corroboration: wire copies of one story count once; distinct outlets count apart; filters by either count."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from app.corroboration.wire import detect_wire, origin
from app.db import make_engine
from app.extract.types import ExtractedDocument
from tests.ingest.kb import PUBLISHED, Builder, actor, add_document, event


@pytest.mark.parametrize("text, agency", [
    ("QUITO, March 3 (Reuters) - Ecuador's navy seized a fishing vessel.", "reuters"),
    ("LIMA (AFP) - Peru's congress voted on Tuesday.", "afp"),
    ("Floods closed two highways near the coast on Sunday.\n\n— AP", "ap"),
    ("The senate passed the budget.\nAFP", "afp"),
    ("The senate passed the budget. © 2024 The Associated Press", "ap"),
    ("Officials told Reuters the budget would pass.", None),  # citing an agency is not being its copy
    ("AP officials met on Monday - the report said", None),
])
def test_wire_detection(text, agency):
    assert detect_wire(text) == agency


def test_origin_prefers_the_wire_over_the_outlet():
    assert origin("SANTIAGO (Reuters) - The port reopened.", "Daily Harbour") == "wire:reuters"
    assert origin("The port reopened.", "Daily Harbour") == "outlet:daily harbour"
    assert origin("The port reopened.", "Agence France-Presse") == "wire:afp"
    assert origin("The port reopened.", None) is None


def seizure(opening: str, closing: str) -> ExtractedDocument:
    """One story of a navy seizing a vessel, as a given outlet prints it (its own closing line)."""
    b = Builder()
    b.sentence(f"{opening} Ecuador's navy seized a Panamanian fishing vessel on March 3.")
    b.sentence(closing)
    actors = [actor("actor:1", "Ecuador", "country", mentions=[b.span("Ecuador")]),
              actor("actor:2", "Panama", "country", aliases=["Panamanian"], mentions=[b.span("Panamanian")])]
    events = [event("event:1", "COERCE", date(2024, 3, 3), date(2024, 3, 3), "day",
                    [("actor:1", "source"), ("actor:2", "target")], [b.span("seized a Panamanian fishing vessel")],
                    mode="seizure")]
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=PUBLISHED,
                             extractor_version="test", actors=actors, events=events, statements=[])


def test_wire_copies_count_once_in_independent_sources(client, settings):
    engine = make_engine(settings.database_url)
    with Session(engine, expire_on_commit=False) as s:
        # three outlets print the same Reuters story; a fourth outlet reports it itself, twice
        for outlet in ("Coast Daily", "Andes Times", "Harbour Post"):
            add_document(s, seizure("QUITO, March 3 (Reuters) -", f"Read more at {outlet}."), outlet)
        add_document(s, seizure("By our correspondent.", "Morning edition."), "Pacific Herald")
        add_document(s, seizure("Update:", "Evening edition."), "Pacific Herald")
    engine.dispose()
    [item] = client.get("/api/v1/events").json()["items"]
    assert (item["sources_count"], item["independent_sources"]) == (5, 2)
    def total(**params):
        return client.get("/api/v1/events", params=params).json()["total"]

    assert total(min_sources=5) == 1 and total(min_sources=6) == 0
    assert total(min_independent_sources=2) == 1 and total(min_independent_sources=3) == 0
    detail = client.get(f"/api/v1/events/{item['id']}").json()
    assert detail["sources"]["count"] == 5 and detail["independent_sources"] == 2
