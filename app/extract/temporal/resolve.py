"""Normalise one time expression's text to an interval, given publication and the dates before it.

Three kinds of reading, tried in order: calendar dates ("April 30, 2024", "mid-April", "1993"),
expressions counted from publication ("yesterday", "last week", "on Monday"), and expressions counted
from the most recent date mentioned earlier in the text ("a day earlier", "the previous month").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from app.extract.temporal.arithmetic import (
    infer_year,
    month_interval,
    offset_interval,
    safe_date,
    week_interval,
    weekday_after,
    weekday_on_or_before,
)
from app.extract.temporal.patterns import (
    MONTHS,
    NUMBER,
    PART_OF_DAY,
    UNITS,
    WEEKDAYS,
    YEAR,
    number_value,
)
from app.extract.types import TimeExpression


@dataclass(frozen=True)
class Resolution:
    """What a time expression's text means: an interval, its precision and what fixed it."""

    date_start: date | None
    date_end: date | None
    precision: str
    anchor: str


UNKNOWN = Resolution(None, None, "unknown", "none")

_I = re.IGNORECASE
_MONTH_WORD = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY_NUM = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_TAIL = r"(?:,?\s+(?:(?P<year>" + YEAR + r")|(?P<rel_year>last|this|next)\s+year))?"
_LEADING_WORDS = re.compile(
    r"^(?:on|over|by|in|since|until|till|from|at|during|of|through|around|about|before|after)\s+",
    _I)

_DAY_RANGE_END = r"(?:\s*(?:-|–|—|to|and)\s*(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
_WEEKDAY_PREFIX = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?:the\s+)?)?"
_MONTH_DAY = re.compile(_WEEKDAY_PREFIX + _MONTH_WORD + r"\s+" + _DAY_NUM + _DAY_RANGE_END + _YEAR_TAIL + r"$", _I)
_DAY_MONTH = re.compile(
    _WEEKDAY_PREFIX + _DAY_NUM + _DAY_RANGE_END + r"\s+(?:of\s+)?" + _MONTH_WORD + _YEAR_TAIL + r"$", _I)
_ISO_DATE = re.compile(r"(?P<year>" + YEAR + r")-(?P<month>\d\d)-(?P<day>\d\d)$")
_DECADE = re.compile(r"(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?P<decade>1[6-9]\d0|20\d0)'?s$", _I)
_YEAR_RANGE = re.compile(r"(?P<year>" + YEAR + r")\s*(?:-|–|/)\s*(?P<year2>" + YEAR + r"|\d\d)$")
_MONTH_PART = re.compile(r"(?:the\s+)?(?P<part>early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of)"
                         r"[\s-]+" + _MONTH_WORD + _YEAR_TAIL + r"$", _I)
_MONTH_YEAR = re.compile(_MONTH_WORD + _YEAR_TAIL + r"$", _I)
_YEAR_ONLY = re.compile(r"(?:the\s+(?:year\s+)?)?(?P<year>" + YEAR + r")$", _I)
_OFFSET_FROM_DATE = re.compile(r"(?P<n>" + NUMBER + r")\s+(?P<unit>days?|weeks?|months?|years?)\s+"
                               r"(?P<dir>after|before)\s+(?P<rest>.+)$", _I)

_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_TODAY = re.compile(r"(?P<word>today|tonight|yesterday|tomorrow)(?:\s+" + PART_OF_DAY + r")?$", _I)
_THIS_PART_OF_DAY = re.compile(r"this\s+(?:morning|afternoon|evening)$", _I)
_THE_WEEKEND = re.compile(r"the\s+weekend$", _I)
_RELATIVE_PERIOD = re.compile(r"(?P<mod>this|last|next|earlier\s+this|later\s+this|earlier\s+last|early\s+last|"
                              r"late\s+last)\s+(?P<unit>week|weekend|month|year|night)$", _I)
_RECENT = re.compile(r"(?:in\s+)?(?P<mod>recent|the\s+past|the\s+last|the\s+coming|the\s+next)\s+(?:few\s+)?"
                     r"(?P<unit>days|weeks|months)$", _I)
# "in the last year", "over the past month": the stretch up to publication, not the previous calendar unit
_PAST_UNIT = re.compile(r"(?:in\s+|over\s+)?the\s+(?:past|last)\s+(?P<unit>week|month|year)$", _I)
_WEEKDAY = re.compile(r"(?:(?P<mod>last|next|this)\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|"
                      r"saturday|sunday)(?:\s+" + PART_OF_DAY + r")?$", _I)
_AGO = re.compile(r"(?P<n>" + NUMBER + r")\s+(?P<unit>days?|weeks?|months?|years?|nights?)\s+ago$", _I)
_COUNTED = re.compile(r"(?P<n>" + NUMBER + r")\s+(?P<unit>days?|weeks?|months?|years?|nights?)\s+"
                      r"(?P<dir>earlier|later|before|after|prior)$", _I)
_THE_ADJACENT = re.compile(r"the\s+(?P<mod>same|following|next|previous|preceding|prior)\s+"
                           r"(?P<unit>day|week|month|year|morning|afternoon|evening|night|weekend)$", _I)
_THE_UNIT_BEFORE = re.compile(r"the\s+(?P<unit>day|week|month|year|night)\s+(?P<dir>before|after|earlier|prior)$",
                              _I)
_WITHIN = re.compile(r"(?P<dir>earlier|later)\s+(?:in\s+the|that|the\s+same|in\s+that)\s+"
                     r"(?P<unit>day|week|month|year)$", _I)
_THAT_UNIT = re.compile(r"(?:that|the\s+same)\s+(?P<unit>day|week|month|morning|evening|night)$", _I)

_BACKWARD = {"earlier", "before", "prior", "previous", "preceding", "last", "ago"}


def strip_leading_words(text: str) -> tuple[str, int]:
    """Text without a leading preposition ("On April 27" -> "April 27") and how many characters went."""
    match = _LEADING_WORDS.match(text)
    return (text[match.end():], match.end()) if match else (text, 0)


def _unit(word: str) -> str:
    return UNITS.get(word.lower(), word.lower())


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


@dataclass(frozen=True)
class YearContext:
    """What the surrounding sentence says about a year-less date's year."""

    hint: int | None = None  # an explicit year written just before ("In 2021, on March 3")
    future: bool = False  # the sentence speaks of what will happen


def _explicit_year(match: re.Match, published: date | None, years: YearContext) -> int | None:
    if match.group("year"):
        return int(match.group("year"))
    if match.group("rel_year"):
        if published is None:
            return None
        return published.year + {"last": -1, "this": 0, "next": 1}[match.group("rel_year").lower()]
    return years.hint


def _day_reading(match: re.Match, published: date | None, years: YearContext) -> Resolution | None:
    month = _month(match.group("month"))
    if month is None:
        return None
    first = int(match.group("day"))
    last = int(match.group("day2")) if match.group("day2") else first
    if last < first:
        return None
    year = _explicit_year(match, published, years)
    if year is None:
        if published is None:  # never invent a year
            return UNKNOWN
        year = infer_year(month, first, published, years.future)
    start, end = safe_date(year, month, first), safe_date(year, month, last)
    return Resolution(start, end, "day", "absolute") if start and end else UNKNOWN


def _years_reading(text: str) -> Resolution | None:
    match = _ISO_DATE.match(text)
    if match:
        day = safe_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
        return Resolution(day, day, "day", "absolute") if day else None
    match = _DECADE.match(text)
    if match:
        first = int(match.group("decade"))
        part = (match.group("part") or "").lower()
        first, last = {"early": (first, first + 3), "mid": (first + 3, first + 6), "late": (first + 7, first + 9)}.get(
            part, (first, first + 9))
        return Resolution(date(first, 1, 1), date(last, 12, 31), "year", "absolute")
    match = _YEAR_RANGE.match(text)
    if match:
        first, second = int(match.group("year")), match.group("year2")
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if last > first:
            return Resolution(date(first, 1, 1), date(last, 12, 31), "year", "absolute")
    match = _YEAR_ONLY.match(text)
    if match:
        year = int(match.group("year"))
        return Resolution(date(year, 1, 1), date(year, 12, 31), "year", "absolute")
    return None


def resolve_calendar(text: str, published: date | None, years: YearContext = YearContext()) -> Resolution | None:
    """Dates written with a month or a year ("April 30", "30 April 2024", "mid-April", "May 2024", "1993")."""
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        match = pattern.match(text)
        if match:
            reading = _day_reading(match, published, years)
            if reading is not None:
                return reading
    match = _MONTH_PART.match(text) or _MONTH_YEAR.match(text)
    if match and _month(match.group("month")):
        month = _month(match.group("month"))
        year = _explicit_year(match, published, years)
        if year is None:
            if published is None:
                return UNKNOWN
            year = infer_year(month, None, published, years.future)
        start, end = month_interval(year, month)
        return Resolution(start, end, "month", "absolute")
    return _years_reading(text)


def resolve_from_publication(text: str, published: date | None) -> Resolution | None:
    """Expressions counted from the publication date ("yesterday", "last week", "on Monday")."""
    readers = (_TODAY, _THIS_PART_OF_DAY, _THE_WEEKEND, _RELATIVE_PERIOD, _RECENT, _PAST_UNIT, _WEEKDAY, _AGO)
    match = next((m for m in (reader.match(text) for reader in readers) if m), None)
    if match is None:
        return None
    if published is None:
        return UNKNOWN
    groups = match.groupdict()
    pub = published
    if match.re is _TODAY or match.re is _THIS_PART_OF_DAY:
        day = pub + timedelta(days=_DAY_WORDS.get((groups.get("word") or "today").lower(), 0))
        return Resolution(day, day, "day", "publication")
    if match.re is _THE_WEEKEND:  # the latest weekend that had begun by publication
        saturday = weekday_on_or_before(5, pub)
        return Resolution(saturday, saturday + timedelta(days=1), "week", "publication")
    if match.re is _WEEKDAY:
        weekday, mod = WEEKDAYS[groups["weekday"].lower()], (groups["mod"] or "").lower()
        if mod == "next":
            day = weekday_after(weekday, pub)
        elif mod == "last":  # "last Monday" never means publication day itself
            day = weekday_on_or_before(weekday, pub - timedelta(days=1))
        else:
            day = weekday_on_or_before(weekday, pub)
        return Resolution(day, day, "day", "publication")
    if match.re is _AGO:
        amount = number_value(groups["n"]) or 1
        start, end, precision = offset_interval(pub, -amount, _unit(groups["unit"]))
        return Resolution(start, end, precision, "publication")
    if match.re is _PAST_UNIT:
        unit = groups["unit"].lower()
        back = {"week": timedelta(days=7), "month": timedelta(days=31), "year": timedelta(days=365)}[unit]
        return Resolution(pub - back, pub, unit, "publication")
    if match.re is _RECENT:
        unit, mod = groups["unit"].lower(), " ".join(groups["mod"].lower().split())
        span = {"days": timedelta(days=7), "weeks": timedelta(weeks=3), "months": timedelta(days=90)}[unit]
        precision = {"days": "week", "weeks": "week", "months": "month"}[unit]
        if mod in ("the coming", "the next"):
            return Resolution(pub, pub + span, precision, "publication")
        return Resolution(pub - span, pub, precision, "publication")
    return _relative_period(groups["mod"], groups["unit"], pub)


def _relative_period(mod: str, unit: str, pub: date) -> Resolution:
    mod = " ".join(mod.lower().split())
    unit = unit.lower()
    step = -1 if mod.endswith("last") else 1 if mod == "next" else 0
    if unit == "night":
        day = pub + timedelta(days=min(step, 0))
        return Resolution(day, day, "day", "publication")
    if unit == "weekend":
        saturday = week_interval(pub)[0] + timedelta(days=5 + 7 * step)
        return Resolution(saturday, saturday + timedelta(days=1), "week", "publication")
    start, end, precision = offset_interval(pub, step, unit)
    if mod == "earlier this":
        end = min(end, pub)
    elif mod == "later this":
        start = max(start, pub)
    return Resolution(start, end, precision, "publication")


_NATURAL_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}


def latest_anchor(prior: list[TimeExpression], precisions: tuple[str, ...]) -> TimeExpression | None:
    """The most recent earlier dated expression at one of `precisions` that a relative one can count from.

    Narratives chain ("On April 10 ... The following day ... Two days later"), so expressions dated from
    the text count too; fuzzy stretches ("in recent weeks", "March 22-23") do not.
    """
    for te in reversed(prior):
        if te.precision not in precisions or te.date_start is None or te.date_end is None:
            continue
        if (te.date_end - te.date_start).days + 1 > _NATURAL_DAYS[te.precision]:
            continue
        return te
    return None


def resolve_from_text(text: str, published: date | None, prior: list[TimeExpression]) -> Resolution | None:
    """Expressions counted from a date mentioned earlier ("a day earlier", "the previous month")."""
    readers = (_COUNTED, _THE_ADJACENT, _THE_UNIT_BEFORE, _WITHIN, _THAT_UNIT)
    match = next((m for m in (reader.match(text) for reader in readers) if m), None)
    if match is None:
        return None
    groups = match.groupdict()
    unit = _unit(groups["unit"])
    if unit not in ("day", "week", "month", "year"):  # morning, evening, weekend: the day or week itself
        unit = "week" if groups["unit"].lower() == "weekend" else "day"
    direction = (groups.get("dir") or groups.get("mod") or "same").lower()
    amount = number_value(groups["n"]) if groups.get("n") else 1
    if direction in ("same", "earlier", "later") and match.re in (_WITHIN, _THAT_UNIT, _THE_ADJACENT):
        amount = 0
    if match.re is _THAT_UNIT:
        direction = "same"
    sign = -1 if direction in _BACKWARD else 1
    needed = ("day",) if unit == "day" else ("day", "week", "month") if unit in ("week", "month") else \
        ("day", "week", "month", "year")
    anchor_te = latest_anchor(prior, needed)
    if anchor_te is not None:
        anchor_day, anchor = anchor_te.date_start, f"text:{anchor_te.span.start}"
        if anchor_te.precision == "day" or unit == "day":
            anchor_day = anchor_te.date_end or anchor_day
    elif unit != "day" and published is not None:  # "earlier in the week" with nothing before: publication
        anchor_day, anchor = published, "publication"
    else:
        return UNKNOWN
    start, end, precision = offset_interval(anchor_day, sign * (amount or 0), unit)
    exact_anchor = anchor_te is None or anchor_te.precision == "day"  # publication is a day too
    if match.re is _WITHIN and unit in ("week", "month", "year") and exact_anchor:
        # "earlier in the week" of April 30: from that Monday up to the anchor day ("later": from it on)
        if direction == "earlier":
            end = max(start, anchor_day)
        else:
            start = min(end, anchor_day)
    return Resolution(start, end, precision, anchor)


def resolve_offset_from_date(text: str, offset: int, published: date | None,
                             years: YearContext) -> Resolution | None:
    """"a day after April 27": the offset counted from the date written inside the expression."""
    match = _OFFSET_FROM_DATE.match(text)
    if not match:
        return None
    inner = resolve_calendar(match.group("rest"), published, years)
    if inner is None or inner.date_start is None:
        return UNKNOWN
    amount = (number_value(match.group("n")) or 1) * (-1 if match.group("dir").lower() == "before" else 1)
    base = inner.date_end if amount > 0 else inner.date_start
    start, end, precision = offset_interval(base, amount, _unit(match.group("unit")))
    return Resolution(start, end, precision, f"text:{offset + match.start('rest')}")


def resolve(text: str, offset: int, published: date | None, prior: list[TimeExpression],
            years: YearContext = YearContext()) -> Resolution | None:
    """Normalise an expression's text (starting at `offset`); None when no rule reads it."""
    return (resolve_offset_from_date(text, offset, published, years)
            or resolve_calendar(text, published, years)
            or resolve_from_publication(text, published)
            or resolve_from_text(text, published, prior))

