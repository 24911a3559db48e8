"""ISO dates at any precision ("2024", "2024-04", "2024-04-30") as inclusive intervals."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# The calendar as regular expressions (no lookaround, [0-9] rather than \d, which is Unicode-wide in Python and
# Rust but ASCII in ECMA: the same text means the same in all three engines), so
# the OpenAPI schema says exactly which dates the server takes: years 0001-9999, real months, real days, and
# February 29 in leap years only.
_YEAR = r"(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH = r"(?:0[1-9]|1[0-2])"
_MONTH_DAY = (r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)"
              r"|(?:0[13578]|1[02])-31)")
ISO_DAY = rf"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
ISO_DAY_PATTERN = rf"^{ISO_DAY}$"
ISO_PARTIAL_PATTERN = rf"^(?:{_YEAR}(?:-{_MONTH})?|{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)$"


def parse_partial(value: str) -> tuple[date, date, str]:
    """The first and last day a partial ISO date covers, and its precision; ValueError if malformed."""
    m = _ISO.match(value.strip())
    if not m:
        raise ValueError("expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if year < 1:
        raise ValueError("year out of range")
    if month is None:
        return date(year, 1, 1), date(year, 12, 31), "year"
    mon = int(month)
    if not 1 <= mon <= 12:
        raise ValueError("month out of range")
    if day is None:
        return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1]), "month"
    d = date(year, mon, int(day))  # raises ValueError for 2024-02-31
    return d, d, "day"


def format_at_precision(start: date | None, end: date | None, precision: str) -> str | None:
    """ISO text of an interval at its precision: "2024-04-30", "2024-04", "2024", or "2024-W17" for a week."""
    if start is None:
        return None
    if precision == "day":
        return start.isoformat()
    if precision == "month":
        return start.strftime("%Y-%m")
    if precision == "year":
        return f"{start.year:04d}"
    if precision == "week":
        iso = start.isocalendar()
        # a week inside one month reads better as that month for prefix matching; keep ISO week otherwise
        if end is not None and end - start <= timedelta(days=6) and start.month == end.month:
            return start.strftime("%Y-%m")
        return f"{iso.year:04d}-W{iso.week:02d}"
    if end is not None and start.year == end.year:
        return start.strftime("%Y-%m") if start.month == end.month else f"{start.year:04d}"
    return None
