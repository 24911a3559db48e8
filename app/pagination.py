"""Keyset cursors (opaque to clients, exact in the schema) and the list envelope every collection answers with."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Generic, TypeVar
from urllib.parse import quote, unquote

from pydantic import BaseModel, Field

from app.dates import ISO_DAY
from app.errors import InvalidParameter

T = TypeVar("T")

DEFAULT_LIMIT = 50
# ids are 32-bit INTEGER columns on PostgreSQL: larger numbers can name nothing, and must not reach the driver
MAX_ID = 2**31 - 1
MAX_LIMIT = 500
# `total` counts at most this many rows (cost O(cap), not O(matches)); beyond it total_is_lower_bound is true
COUNT_CAP = 10_000


class Page(BaseModel, Generic[T]):
    """One page of a list: the items, the cursor of the next page (null on the last) and the total."""

    items: list[T]
    next_cursor: str | None = Field(None, description="Pass as `cursor` to get the next page; null on the last page.")
    total: int | None = Field(None, description=f"Rows matching the filters; null when `count=false`. Exact unless "
                              f"`total_is_lower_bound`: counting stops after {COUNT_CAP:,} rows (a `q`-only list "
                              "on SQLite is counted exactly from the full-text index, whatever its size).")
    total_is_lower_bound: bool = Field(False, description="True when `total` is the count cap, not the exact count.")


# A cursor names the last row sent, as readable text: the list's name, then each sort-key value, separated by
# dots: "events.2024-04-30.17", "events.~.17" (an undated row), "sources.Example%20News", "discrepancies.alias.12".
# Every value has a regular form, so each list's schema pattern is exact: any text that matches it is a
# position the server accepts, and nothing else is (tests/test_pagination.py holds the two together).
KeyType = type | tuple[str, ...]  # date, int, str, or a fixed set of words
_INT = (r"(?:[0-9]{1,9}|1[0-9]{9}|20[0-9]{8}|21[0-3][0-9]{7}|214[0-6][0-9]{6}|2147[0-3][0-9]{5}|21474[0-7][0-9]{4}"
        r"|214748[0-2][0-9]{3}|2147483[0-5][0-9]{2}|21474836[0-3][0-9]|214748364[0-7])")  # 0 ... MAX_ID
_TEXT = r"(?:[A-Za-z0-9_~-]|%(?:0[1-9A-Fa-f]|[1-9A-Fa-f][0-9A-Fa-f]))*"  # percent-encoded UTF-8 ("." too), no NUL
_UNDATED = "~"


def _value_pattern(kind: KeyType) -> str:
    if kind is date:
        return f"(?:{_UNDATED}|{ISO_DAY})"
    if kind is int:
        return _INT
    if kind is str:
        return _TEXT
    if isinstance(kind, tuple):
        return "(?:" + "|".join(re.escape(word) for word in kind) + ")"
    raise TypeError(f"unsupported cursor key type {kind!r}")


def cursor_pattern(kind: str, types: tuple[KeyType, ...]) -> str:
    """Exactly the cursors of one list (or empty, for the first page)."""
    values = r"\.".join(_value_pattern(t) for t in types)
    return rf"^(?:{re.escape(kind)}\.{values})?$"


def encode_cursor(kind: str, key: list[Any]) -> str:
    """The position after the last row sent, as a URL-safe token."""
    parts = [kind]
    for value in key:
        if value is None:
            parts.append(_UNDATED)
        elif isinstance(value, date):
            parts.append(value.isoformat())
        elif isinstance(value, int):
            parts.append(str(value))
        else:
            parts.append(quote(str(value), safe="").replace(".", "%2E"))
    return ".".join(parts)


def decode_cursor(token: str | None, kind: str, types: tuple[KeyType, ...]) -> list[Any] | None:
    """The key a cursor of this list names; anything that is not one (another list's included) is a 422."""
    if not token:
        return None
    if not re.fullmatch(cursor_pattern(kind, types), token):
        raise InvalidParameter("cursor", "not a cursor this list issued (pass `next_cursor` from the same list)")
    values = token[len(kind) + 1:].split(".")
    return [_parse(v, t) for v, t in zip(values, types, strict=True)]


def _parse(value: str, kind: KeyType) -> Any:
    if kind is date:
        return None if value == _UNDATED else date.fromisoformat(value)
    if kind is int:
        return int(value)
    if kind is str:
        return unquote(value, errors="replace")
    return value


CURSOR_PLACEHOLDER = encode_cursor("events", [date(2024, 4, 30), 1])
# what the shared `cursor` parameter admits; each list's documentation narrows it to cursor_pattern()
CURSOR_PATTERN = r"^[A-Za-z0-9_.~%-]*$"
