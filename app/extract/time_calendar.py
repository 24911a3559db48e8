"""Calendar arithmetic for time expressions: month ends, ISO weeks, year inference, offsets."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

FUTURE_MONTHS = 6  # how far ahead a year-less date in a future-tense sentence may lie


def month_end(year: int, month: int) -> date:
    """Last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def month_interval(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(year, month, 1), month_end(year, month)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by `delta` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def week_interval(day: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def safe_date(year: int, month: int, day: int) -> date | None:
    """date(year, month, day), or None when the day does not exist (February 30)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int | None, published: date, future: bool = False) -> int:
    """Year of a year-less date: the latest such date not after publication.

    With `future` (the sentence speaks of what will happen), a date up to half a year after publication
    keeps the publication year: "talks will resume on May 5" in a May 1 article means this May 5.
    """
    if day is None:
        if month > published.month and future and month - published.month <= FUTURE_MONTHS:
            return published.year
        return published.year if month <= published.month else published.year - 1
    candidate = safe_date(published.year, month, day)
    if candidate is None:  # February 29 in a non-leap year: count back to the leap year before
        year = published.year - 1
        while safe_date(year, month, day) is None:
            year -= 1
        return year
    if candidate > published and future and (candidate - published).days <= FUTURE_MONTHS * 31:
        return published.year
    return published.year if candidate <= published else published.year - 1


def weekday_on_or_before(weekday: int, reference: date) -> date:
    """The most recent `weekday` (0 = Monday) on or before `reference`."""
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def weekday_after(weekday: int, reference: date) -> date:
    """The first `weekday` strictly after `reference`."""
    return reference + timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1)


def offset_interval(anchor: date, amount: int, unit: str) -> tuple[date, date, str]:
    """Interval and precision `amount` units from `anchor` (negative = before)."""
    if unit == "day":
        target = anchor + timedelta(days=amount)
        return target, target, "day"
    if unit == "week":
        start, end = week_interval(anchor + timedelta(weeks=amount))
        return start, end, "week"
    if unit == "month":
        year, month = shift_month(anchor.year, anchor.month, amount)
        start, end = month_interval(year, month)
        return start, end, "month"
    year = anchor.year + amount
    return date(year, 1, 1), date(year, 12, 31), "year"
