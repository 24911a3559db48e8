"""Pure matching rules: when two accounts can be one happening (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from app.ingest.matching_events import EventView, event_match

MARCH = (date(2024, 3, 1), date(2024, 3, 31))


def view(location=None, participants=(1,), type_="COERCE", dates=MARCH):
    return EventView(type_, dates[0], dates[1], location, frozenset(participants), "restrict", "month")


@pytest.mark.parametrize("a, b", [("Oslo airports", "entry checkpoints"), ("the crossing", "Oslo"),
                                  ("Oslo airports", None)])
def test_a_generic_or_missing_place_never_conflicts(a, b):
    result = event_match(view(a), view(b))
    assert result is not None and "location:same" not in result[1]


def test_two_named_places_that_differ_conflict():
    assert event_match(view("Oslo airports"), view("Finnish-Norwegian border")) is None


def test_named_places_that_contain_each_other_agree():
    result = event_match(view("Oslo"), view("Oslo airports"))
    assert result is not None and "location:same" in result[1]


def test_no_shared_participant_no_match():
    assert event_match(view(participants=(1,)), view(participants=(2,))) is None


def test_disjoint_dates_no_match():
    april = (date(2024, 4, 1), date(2024, 4, 30))
    assert event_match(view(), view(dates=april)) is None
