"""Opaque keyset cursors and the list envelope every collection endpoint answers with."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

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


def encode_cursor(kind: str, key: list[Any]) -> str:
    """Pack the sort key of the last row into an opaque, URL-safe token."""
    values = [v.isoformat() if isinstance(v, date) else v for v in key]
    raw = json.dumps({"k": kind, "v": values}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str | None, kind: str, types: tuple[type, ...]) -> list[Any] | None:
    """Unpack a cursor made by `encode_cursor` for the same listing and sort; anything else is a 422."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
        if not isinstance(payload, dict) or payload.get("k") != kind:
            raise ValueError("cursor belongs to another listing or sort order")
        values = payload["v"]
        if not isinstance(values, list) or len(values) != len(types):
            raise ValueError("cursor has the wrong shape")
        return [_coerce(v, t) for v, t in zip(values, types, strict=True)]
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError, RecursionError) as exc:
        raise InvalidParameter("cursor", f"not a cursor this listing issued ({exc})") from None


def _coerce(value: Any, kind: type) -> Any:
    if value is None:
        return None
    if kind is date:
        return date.fromisoformat(value)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_ID:
            raise ValueError("bad integer in cursor")
        return value
    if kind is str:
        if not isinstance(value, str) or len(value) > 1000:
            raise ValueError("bad string in cursor")
        return value
    raise ValueError("unsupported cursor type")
