"""Actor keys: a document never fails to store because the key its actor would take is held by another actor."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from app.extract.types import ExtractedDocument
from app.models import Actor
from tests.ingest.kb import Builder, actor, add_document


def _lone_name_doc(i: int) -> ExtractedDocument:
    """A bare single name with no role or country: two such actors never match, so each is a new actor."""
    b = Builder()
    b.sentence(f"Officials told Zenthor about incident number {i}.")
    actors = [actor("actor:1", "Zenthor", "person", mentions=[b.span("Zenthor")])]
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=date(2024, 5, 1),
                             extractor_version="test", actors=actors)


def test_sixty_unmatched_namesakes_all_store_with_unique_keys(session):
    # the old allocator tried 49 suffixes and then raised "no free key for actor 'person:zenthor'"
    for i in range(60):
        add_document(session, _lone_name_doc(i), outlet=f"Outlet {i}")
    keys = session.exec(select(Actor.key).where(Actor.type == "person")).all()
    assert len(keys) == 60
    assert len(set(keys)) == 60
    assert "person:zenthor" in keys and "person:zenthor#2" in keys and "person:zenthor#60" in keys


def test_suffix_fills_the_lowest_free_slot(session):
    for i in range(3):
        add_document(session, _lone_name_doc(i), outlet=f"Outlet {i}")
    holder = session.exec(select(Actor).where(Actor.key == "person:zenthor#2")).one()
    holder.key = "person:zenthor-renamed"  # frees slot 2, as a rename would
    session.add(holder)
    session.commit()
    add_document(session, _lone_name_doc(99), outlet="Outlet 99")
    keys = sorted(session.exec(select(Actor.key).where(Actor.type == "person")).all())
    assert keys == ["person:zenthor", "person:zenthor#2", "person:zenthor#3", "person:zenthor-renamed"]
