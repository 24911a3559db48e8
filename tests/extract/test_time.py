"""Time expressions: every rule through the real model on plain sentences, then both seed articles."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from app.extract.time import find_times, interval_text, time_for_clause
from app.extract.types import Span, TimeExpression

PUB = date(2024, 5, 1)  # a Wednesday


def times_of(nlp, text: str, published: date | None = PUB) -> list[TimeExpression]:
    return find_times(nlp(text), published)


def only(nlp, text: str, phrase: str, published: date | None = PUB) -> TimeExpression:
    """The single expression whose text contains `phrase`."""
    found = [te for te in times_of(nlp, text, published) if phrase.lower() in te.span.text.lower()]
    assert len(found) == 1, [te.span.text for te in times_of(nlp, text, published)]
    return found[0]


def interval(te: TimeExpression) -> tuple[date | None, date | None, str]:
    return te.date_start, te.date_end, te.precision


# ---- absolute dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, expected", [
    ("The talks were held on April 30.", "April 30", (date(2024, 4, 30), date(2024, 4, 30), "day")),
    ("The talks were held on 30 April.", "30 April", (date(2024, 4, 30), date(2024, 4, 30), "day")),
    ("Officials met on March 22 in the capital.", "March 22", (date(2024, 3, 22), date(2024, 3, 22), "day")),
    ("The agency reported on May 1 that prices rose.", "May 1", (date(2024, 5, 1), date(2024, 5, 1), "day")),
    ("The deal was signed on April 30, 2023.", "April 30, 2023", (date(2023, 4, 30), date(2023, 4, 30), "day")),
    ("The law was passed in May 2022.", "May 2022", (date(2022, 5, 1), date(2022, 5, 31), "month")),
    ("The treaty was signed in 1993.", "1993", (date(1993, 1, 1), date(1993, 12, 31), "year")),
    ("Production fell sharply in 2024.", "2024", (date(2024, 1, 1), date(2024, 12, 31), "year")),
    ("Protests began in mid-April across the country.", "April", (date(2024, 4, 1), date(2024, 4, 30), "month")),
    ("Protests began in early March across the country.", "March", (date(2024, 3, 1), date(2024, 3, 31), "month")),
])
def test_absolute_dates(nlp, text, phrase, expected):
    te = only(nlp, text, phrase)
    assert interval(te) == expected
    assert te.anchor == "absolute"
    assert text[te.span.start:te.span.end] == te.span.text


def test_year_less_date_after_publication_rolls_back_a_year(nlp):
    te = only(nlp, "The minister arrived on December 28 for talks.", "December 28", published=date(2024, 1, 3))
    assert interval(te) == (date(2023, 12, 28), date(2023, 12, 28), "day")


def test_year_written_nearby_dates_a_year_less_date(nlp):
    text = "In 2021, on March 3, the two sides agreed to a truce."
    te = only(nlp, text, "March 3")
    assert te.date_start == date(2021, 3, 3)


def test_year_less_date_without_publication_is_unknown(nlp):
    te = only(nlp, "The minister arrived on December 28 for talks.", "December 28", published=None)
    assert interval(te) == (None, None, "unknown")
    assert te.anchor == "none"
    assert te.span.text == "December 28"


def test_explicit_year_needs_no_publication(nlp):
    te = only(nlp, "The deal was signed on April 30, 2023.", "April 30", published=None)
    assert te.date_start == date(2023, 4, 30)


@pytest.mark.parametrize("text, phrase, expected", [
    ("Fighting raged on March 22-23 near the border.", "March 22-23", (date(2024, 3, 22), date(2024, 3, 23), "day")),
    ("The report, dated 2023-11-30, was leaked.", "2023-11-30", (date(2023, 11, 30), date(2023, 11, 30), "day")),
    ("The war of the 1990s left deep scars.", "1990s", (date(1990, 1, 1), date(1999, 12, 31), "year")),
    ("The 2023-24 budget was cut.", "2023-24", (date(2023, 1, 1), date(2024, 12, 31), "year")),
    ("Parliament approved the 2014 Treaty on Borders.", "2014", (date(2014, 1, 1), date(2014, 12, 31), "year")),
    ("The general resigned on March 3 last year.", "March 3", (date(2023, 3, 3), date(2023, 3, 3), "day")),
])
def test_ranges_iso_decades_and_year_modifiers(nlp, text, phrase, expected):
    assert interval(only(nlp, text, phrase)) == expected


def test_a_number_counting_things_is_not_a_year(nlp):
    text = "Flooding damaged homes in 2000 villages. In 2000, a flood hit the valley."
    times = times_of(nlp, text)
    assert [(te.span.start, te.precision) for te in times] == [(text.index("In 2000") + 3, "year")]


def test_weekday_before_a_date_is_one_expression(nlp):
    te = only(nlp, "Talks began on Monday, April 29, in Geneva.", "April 29")
    assert te.span.text == "Monday, April 29" and te.date_start == date(2024, 4, 29)


def test_future_sentence_keeps_a_near_date_in_the_publication_year(nlp):
    assert only(nlp, "The ministers will meet on May 5 in Geneva.", "May 5").date_start == date(2024, 5, 5)
    assert only(nlp, "The ministers met on May 5 in Geneva.", "May 5").date_start == date(2023, 5, 5)


def test_modal_may_and_verb_march_are_not_months(nlp):
    times = times_of(nlp, "Protesters may march on the capital if talks fail.")
    assert times == []


# ---- relative to publication -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, expected", [
    ("The minister spoke to reporters today.", "today", (PUB, PUB, "day")),
    ("The minister spoke to reporters yesterday.", "yesterday", (date(2024, 4, 30), date(2024, 4, 30), "day")),
    ("The minister spoke to reporters on Monday.", "Monday", (date(2024, 4, 29), date(2024, 4, 29), "day")),
    # publication is a Wednesday: "on Wednesday" is publication day itself
    ("The minister spoke to reporters on Wednesday.", "Wednesday", (PUB, PUB, "day")),
    ("The minister spoke to reporters on Thursday.", "Thursday", (date(2024, 4, 25), date(2024, 4, 25), "day")),
    ("The ministers met last week in Geneva.", "last week", (date(2024, 4, 22), date(2024, 4, 28), "week")),
    ("The ministers met this week in Geneva.", "this week", (date(2024, 4, 29), date(2024, 5, 5), "week")),
    ("The ministers met last month in Geneva.", "last month", (date(2024, 4, 1), date(2024, 4, 30), "month")),
    ("The ministers met last year in Geneva.", "last year", (date(2023, 1, 1), date(2023, 12, 31), "year")),
    ("Prices have risen sharply in recent weeks.", "recent weeks", (date(2024, 4, 10), PUB, "week")),
    ("The ministers met three days ago in Geneva.", "three days ago", (date(2024, 4, 28), date(2024, 4, 28), "day")),
])
def test_relative_to_publication(nlp, text, phrase, expected):
    te = only(nlp, text, phrase)
    assert interval(te) == expected
    assert te.anchor == "publication"


def test_relative_to_publication_without_publication_is_unknown(nlp):
    te = only(nlp, "The ministers met last week in Geneva.", "last week", published=None)
    assert interval(te) == (None, None, "unknown")


def test_recently_is_not_a_date(nlp):
    assert [te for te in times_of(nlp, "The minister recently visited Paris.") if te.date_start] == []


# ---- relative to another date in the text ------------------------------------------------------------------------

def test_a_day_earlier_counts_from_latest_absolute_date(nlp):
    text = ("On March 3, the ministry issued a warning. On April 28, the ministry reported new arrests. "
            "A day earlier, the ministry advised citizens not to travel.")
    times = times_of(nlp, text)
    earlier = next(te for te in times if te.span.text.lower() == "a day earlier")
    anchor = next(te for te in times if te.span.text == "April 28")
    assert interval(earlier) == (date(2024, 4, 27), date(2024, 4, 27), "day")
    assert earlier.anchor == f"text:{anchor.span.start}"


@pytest.mark.parametrize("text, phrase, expected", [
    ("Troops crossed on April 10. The following day, talks collapsed.", "following day",
     (date(2024, 4, 11), date(2024, 4, 11), "day")),
    ("Troops crossed on April 10. Two days later, talks collapsed.", "Two days later",
     (date(2024, 4, 12), date(2024, 4, 12), "day")),
    ("Troops crossed on April 10. The same day, talks collapsed.", "same day",
     (date(2024, 4, 10), date(2024, 4, 10), "day")),
    ("Talks collapsed a day after April 10, officials said.", "a day after April 10",
     (date(2024, 4, 11), date(2024, 4, 11), "day")),
    ("On April 28, officials reported arrests after an attack the previous month.", "previous month",
     (date(2024, 3, 1), date(2024, 3, 31), "month")),
    ("On April 28, officials reported arrests after an attack the month before.", "month before",
     (date(2024, 3, 1), date(2024, 3, 31), "month")),
])
def test_relative_to_text_dates(nlp, text, phrase, expected):
    te = only(nlp, text, phrase)
    assert interval(te) == expected
    assert te.anchor.startswith("text:")
    anchor_start = int(te.anchor.split(":")[1])
    assert text[anchor_start:].startswith("April 10") or text[anchor_start:].startswith("April 28")


def test_relative_dates_chain_through_the_narrative(nlp):
    text = "Troops crossed on April 10. The following day, talks collapsed. Two days later, fighting resumed."
    times = times_of(nlp, text)
    following = only(nlp, text, "following day")
    later = only(nlp, text, "Two days later")
    assert later.date_start == date(2024, 4, 13)
    assert later.anchor == f"text:{following.span.start}"
    assert len(times) == 3


def test_fuzzy_stretches_are_not_anchors(nlp):
    text = "On April 28, officials spoke. Queues grew in recent weeks after an attack the previous month."
    assert interval_text(only(nlp, text, "previous month")) == "2024-03"


def test_over_the_weekend_is_the_latest_weekend(nlp):
    te = only(nlp, "Talks continued over the weekend.", "weekend")
    assert interval(te) == (date(2024, 4, 27), date(2024, 4, 28), "week")


def test_earlier_in_the_week_is_the_week_of_the_latest_date(nlp):
    text = "On April 30, the ministers spoke by phone. Earlier in the week, trucks were stuck at the border."
    te = only(nlp, text, "Earlier in the week")
    assert interval(te) == (date(2024, 4, 29), date(2024, 4, 30), "week")
    assert te.anchor == "text:3"


def test_earlier_in_the_week_without_a_date_uses_publication(nlp):
    te = only(nlp, "Earlier in the week, trucks were stuck at the border.", "Earlier in the week")
    assert interval(te) == (date(2024, 4, 29), PUB, "week")
    assert te.anchor == "publication"


def test_a_day_after_an_undated_event_stays_unknown(nlp):
    text = "On April 28, the ministry protested. The call came a day after the ambassador was summoned."
    te = only(nlp, text, "a day after")
    assert interval(te) == (None, None, "unknown")


def test_by_date_is_the_date_itself(nlp):
    te = only(nlp, "By April 29, the ambassador had been summoned.", "April 29")
    assert interval(te) == (date(2024, 4, 29), date(2024, 4, 29), "day")


def test_spans_do_not_overlap_and_are_in_text_order(nlp):
    text = ("On April 27, 2024, the ministry warned citizens. The same day, a spokesperson spoke. "
            "Two days later, on April 29, the ambassador was summoned, last week's talks having failed in 1993 style.")
    times = times_of(nlp, text)
    starts = [te.span.start for te in times]
    assert starts == sorted(starts)
    for left, right in pairwise(times):
        assert left.span.end <= right.span.start
    assert all(text[te.span.start:te.span.end] == te.span.text for te in times)


# ---- helpers -------------------------------------------------------------------------------------------------

def test_interval_text():
    span = Span(0, 1, "x")
    assert interval_text(TimeExpression(span, date(2024, 4, 30), date(2024, 4, 30), "day", "absolute")) == "2024-04-30"
    assert interval_text(TimeExpression(span, date(2024, 3, 1), date(2024, 3, 31), "month", "text:0")) == "2024-03"
    assert interval_text(TimeExpression(span, date(1993, 1, 1), date(1993, 12, 31), "year", "absolute")) == "1993"
    assert interval_text(TimeExpression(span, date(2024, 4, 22), date(2024, 4, 28), "week", "publication")) \
        == "2024-04-22/2024-04-28"
    assert interval_text(TimeExpression(span, None, None, "unknown", "none")) is None


def test_time_for_clause_prefers_the_date_in_the_triggers_clause(nlp):
    doc = nlp("On April 27, the ministry advised citizens to stay home, and police arrested two men on March 22.")
    times = find_times(doc, PUB)
    advised = next(t for t in doc if t.text == "advised")
    arrested = next(t for t in doc if t.text == "arrested")
    assert time_for_clause(advised, times).date_start == date(2024, 4, 27)
    assert time_for_clause(arrested, times).date_start == date(2024, 3, 22)


def test_time_for_clause_leaves_a_date_to_the_noun_it_modifies(nlp):
    text = ("On April 28, the ministry reported that about 1000 nationals had been stranded at airports due to "
            "tightened controls following a terror attack the previous month.")
    doc = nlp(text)
    times = find_times(doc, PUB)
    stranded = next(t for t in doc if t.text == "stranded")
    attack = next(t for t in doc if t.text == "attack")
    assert time_for_clause(stranded, times).date_start == date(2024, 4, 28)
    assert interval_text(time_for_clause(attack, times)) == "2024-03"


def test_time_for_clause_own_only_ignores_the_sentence_date(nlp):
    doc = nlp("The same day, a spokesperson said the checks stemmed from the attack.")
    times = [TimeExpression(Span(0, 12, "The same day"), date(2024, 4, 27), date(2024, 4, 27), "day", "text:0")]
    attack = next(t for t in doc if t.text == "attack")
    assert time_for_clause(attack, times, own_only=True) is None
    assert time_for_clause(attack, times) is times[0]  # the sentence fallback, without own_only


def test_time_for_clause_falls_back_to_the_sentence_and_ignores_other_sentences(nlp):
    doc = nlp("Talks failed on April 2. The minister resigned.")
    times = find_times(doc, PUB)
    resigned = next(t for t in doc if t.text == "resigned")
    failed = next(t for t in doc if t.text == "failed")
    assert time_for_clause(resigned, times) is None
    assert time_for_clause(failed, times).date_start == date(2024, 4, 2)


# ---- seeds -----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_times(nlp, seed_texts) -> dict[str, list[TimeExpression]]:
    out = {}
    for key, (text, published) in seed_texts.items():
        assert published == PUB
        out[key] = find_times(nlp(text.rstrip()), published)
    return out


def test_seed_days_found(seed_times):
    days = {te.date_start for times in seed_times.values() for te in times if te.precision == "day"}
    for expected in ("2024-04-30", "2024-03-22", "2024-04-26", "2024-04-29", "2024-04-27", "2024-04-28"):
        assert date.fromisoformat(expected) in days, expected


def test_seed_relative_expressions(seed_times):
    a_times, b_times = seed_times["A"], seed_times["B"]
    by_text = {te.span.text.lower(): te for te in a_times + b_times}
    april_28 = by_text["april 28"]
    assert by_text["a day earlier"].date_start == date(2024, 4, 27)
    assert by_text["a day earlier"].anchor == f"text:{april_28.span.start}"
    assert interval_text(by_text["the previous month"]) == "2024-03"
    assert by_text["the previous month"].anchor == f"text:{april_28.span.start}"
    assert by_text["april 27"].date_start == date(2024, 4, 27)
    assert by_text["april 29"].date_start == date(2024, 4, 29)
    week = by_text["earlier in the week"]
    assert week.precision == "week" and week.date_start.month == 4 and week.date_end.month == 4
    assert week.date_start.weekday() == 0


def test_seed_year_precision(seed_texts, seed_times):
    years = [te for te in seed_times["B"] if te.span.text == "1993"]
    assert len(years) == 2  # "the 1993 Treaty" and "the 1993 and 1999 agreements"
    assert all(interval(te) == (date(1993, 1, 1), date(1993, 12, 31), "year") for te in years)
    text_b = seed_texts["B"][0]
    assert all(text_b[te.span.start:te.span.end] == te.span.text for te in seed_times["B"])
