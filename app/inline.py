"""The hot path of the lists: one SQL statement per page that inlines each item's related rows as JSON, and
a response serialized by orjson without passing through the ORM or the response model again.

Each list's page is the keyset-ordered, limited select of its filters (app/listing.Lister) wrapped as a
subquery; the list's service joins it to its table and adds correlated subqueries that aggregate the related
rows into JSON text (`json_group_array(json_object(...))` on SQLite, `json_agg(json_build_object(...))` on
PostgreSQL). That text goes into the response as it is (`orjson.Fragment`): it is never parsed in Python.
The OpenAPI models stay the documented contract: tests/test_inline.py validates real pages against them.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import Response


class FastJSON(Response):
    """A JSON body from plain dicts (dates, floats, `orjson.Fragment`s of JSON text) without model validation."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_UTC_Z)  # UTC as `Z`, as pydantic writes it


def json_list(dialect: str, rows_sql: str, fields: list[tuple[str, str]], order: str,
              json_columns: frozenset[str] = frozenset()) -> str:
    """SQL for a JSON array (as text) of one object per row of `rows_sql` (a subquery aliased `x`), in `order`.

    `fields` are (key, column of x); `json_columns` hold JSON text to embed as JSON, not as a string.
    PostgreSQL orders inside the aggregate; SQLite (before 3.44, no ORDER BY in aggregates) aggregates an
    ordered subquery, whose order json_group_array keeps. An empty set is `[]`.
    """
    if dialect == "postgresql":
        pairs = ", ".join(f"'{key}', x.{col}" + ("::json" if col in json_columns else "") for key, col in fields)
        return (f"(SELECT coalesce(json_agg(json_build_object({pairs}) ORDER BY {order}), '[]'::json)::text "
                f"FROM ({rows_sql}) x)")
    pairs = ", ".join(f"'{key}', " + (f"json(x.{col})" if col in json_columns else f"x.{col}") for key, col in fields)
    return f"(SELECT json_group_array(json_object({pairs})) FROM (SELECT * FROM ({rows_sql}) x ORDER BY {order}) x)"


def json_values(dialect: str, rows_sql: str, col: str, order: str) -> str:
    """SQL for a JSON array (as text) of one value per row of `rows_sql` (aliased `x`), in `order`."""
    if dialect == "postgresql":
        return f"(SELECT coalesce(json_agg(x.{col} ORDER BY {order}), '[]'::json)::text FROM ({rows_sql}) x)"
    return f"(SELECT json_group_array(x.{col}) FROM (SELECT * FROM ({rows_sql}) x ORDER BY {order}) x)"


def aliases_json(dialect: str, actor_id: str) -> str:
    """SQL: the aliases of the actor whose id is the column `actor_id`, as a JSON array (text) in alias order,
    as /actors lists them (`[]` for no actor)."""
    return json_values(dialect, f"SELECT al.alias FROM actor_alias al WHERE al.actor_id = {actor_id}", "alias",
                       "x.alias")


def json_object(dialect: str, rows_sql: str, fields: list[tuple[str, str]]) -> str:
    """SQL for one JSON object (as text) from the first row of `rows_sql` (aliased `x`), or NULL without one."""
    pairs = ", ".join(f"'{key}', x.{col}" for key, col in fields)
    if dialect == "postgresql":
        return f"(SELECT json_build_object({pairs})::text FROM ({rows_sql}) x)"
    return f"(SELECT json_object({pairs}) FROM ({rows_sql}) x)"


def fragment(value: str | None, empty: bytes | None = None) -> Any:
    """JSON text from the database, embedded as it is (None stays null unless `empty` is given)."""
    if value is None:
        return orjson.Fragment(empty) if empty is not None else None
    return orjson.Fragment(value)


def source_sql(dialect: str, doc: str) -> str:
    """A document's source label as app.events.service.source_label computes it: its outlet, else the first
    source it cites (the outlet when empty falls through, like Python's `or`)."""
    first = f"({doc}.cites ->> 0)" if dialect == "postgresql" else f"json_extract({doc}.cites, '$[0]')"
    return f"coalesce(nullif({doc}.outlet, ''), {first})"
