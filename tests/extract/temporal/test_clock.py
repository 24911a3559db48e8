"""Clock times dated by the narrative's clock (temporal/clock.py), on invented sentences."""

from __future__ import annotations

from datetime import date

from app.extract.temporal import find_times

PUB = date(2024, 5, 10)  # a Friday


def _clocked(nlp, text: str) -> dict[str, tuple[date | None, str]]:
    return {t.span.text: (t.date_start, t.precision) for t in find_times(nlp(text), PUB) if "m." in t.span.text}


def test_a_later_clock_time_without_a_day_is_the_day_of_the_clock_before(nlp):
    found = _clocked(nlp, "Senators gathered around 1 a.m. on Thursday in the capital.\n\n"
                          "Around 2 a.m., police arrested a senator outside the palace.")
    assert found == {"Around 2 a.m.": (date(2024, 5, 9), "day")}


def test_a_clock_that_runs_backwards_or_has_no_dated_clock_before_stays_undated(nlp):
    # 1 a.m. after 11 p.m.: the next day, or an earlier moment told out of order
    assert _clocked(nlp, "Senators gathered around 11 p.m. on Thursday in the capital.\n\n"
                         "At 1 a.m., police arrested a senator outside the palace.") == {}
    assert _clocked(nlp, "At 2 a.m., police arrested a senator outside the palace.") == {}
