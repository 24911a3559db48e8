"""Invented outlets of one story through the real extractor and the loader: told with other words, dates and
grain, each happening ends as one event, while a background happening of the same kind stays apart."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from app.models import Event, EventReport
from tests.ingest.kb import add_document

PUBLISHED = date(2024, 5, 10)  # a Friday

RAID_A = ("Mali herders die in raid\n\n"
          "Eight herders died after a Malian army air raid hit their camp near the river, residents said.\n\n"
          "A military helicopter bombed the camp, a witness said.\n\n"
          "Soldiers bombed a market in the north in February, killing ten people.")
RAID_B = ("Drone strike hits herders in Mali\n\n"
          "Eight herders died on Thursday in a Malian junta drone strike near the river.\n\n"
          "Residents said a helicopter fired rockets at the camp.")
ACCORD_A = ("Kenya and Uganda restore relations\n\n"
            "Kenya and Uganda agreed on Thursday to restore diplomatic relations, officials said.")
ACCORD_B = ("Norway praised for accord\n\n"
            "Norway's foreign minister has praised Norwegian diplomats for brokering an accord to restore relations "
            "between Kenya and Uganda.\n\n"
            "Ana Torres was speaking at a ceremony in Oslo on Thursday.")


@pytest.fixture(scope="module")
def extracted(nlp):
    from app.extract.pipeline import extract

    return {k: extract(text, published=PUBLISHED, nlp=nlp)
            for k, text in {"RA": RAID_A, "RB": RAID_B, "AA": ACCORD_A, "AB": ACCORD_B}.items()}


def _sources(session, type_: str) -> list[int]:
    return sorted(len(session.exec(select(EventReport).where(EventReport.event_id == e.id)).all())
                  for e in session.exec(select(Event).where(Event.type == type_)).all())


def test_two_outlets_of_a_raid_fuse_and_the_background_raid_stays_apart(session, extracted):
    add_document(session, extracted["RA"], "Outlet A")
    add_document(session, extracted["RB"], "Outlet B")
    assaults = session.exec(select(Event).where(Event.type == "ASSAULT")).all()
    dated = {e.date_start.month for e in assaults if e.date_start is not None}
    assert 2 in dated  # the February bombing keeps its own date
    assert max(_sources(session, "ASSAULT")) == 2


def test_a_brokered_accord_joins_the_parties_agreement(session, extracted):
    add_document(session, extracted["AA"], "Outlet A")
    add_document(session, extracted["AB"], "Outlet B")
    assert _sources(session, "AGREE") == [2]
