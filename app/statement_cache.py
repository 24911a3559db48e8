"""Statements reused across requests of the same shape, so a list page does not rebuild its SQL every time.

Building a hot-path page statement (the page's select wrapped with its inlined JSON columns and the capped
count) and computing its SQLAlchemy cache key cost about as much Python per request as running the SQL. Two
requests whose page selects have the same structure (the same filters, sort, cursor form and limit, whatever
their values) get the same statement, so it is built once and executed again with the new request's values.

The values are the bound parameters of the request's own page select (`varying`): its cache key lists them in
a fixed order, and the first build records the name each one was compiled under. Everything else in the
statement must follow from the structure and `key` (tests set VERIFY, which rebuilds on every reuse and checks
that the reused statement renders the same SQL with the same parameters).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Connection

MAX_ENTRIES = 1024
VERIFY = False  # tests: check every reuse against a freshly built statement

_cache: dict[tuple, tuple[Select, list[str]]] = {}
_lock = threading.Lock()


def get(conn: Connection, varying: Select, key: tuple, build: Callable[[], Select]) -> tuple[Select, dict[str, Any]]:
    """The statement `build()` would return for this request, and the parameters to execute it with."""
    cache_key = varying._generate_cache_key()
    if cache_key is None:  # an element SQLAlchemy cannot cache: build every time
        return build(), {}
    values = cache_key.bindparams
    full_key = (conn.dialect.name, cache_key.key, *key)
    entry = _cache.get(full_key)
    if entry is None:
        stmt = build()
        names = stmt.compile(dialect=conn.dialect).bind_names
        plan = [names.get(bind) for bind in values]
        if None in plan:  # a value the built statement does not carry as it is: do not reuse
            return stmt, {}
        with _lock:
            if len(_cache) >= MAX_ENTRIES:
                _cache.clear()
            _cache[full_key] = (stmt, plan)  # type: ignore[assignment]
        return stmt, {}
    stmt, plan = entry
    params = {name: bind.effective_value for name, bind in zip(plan, values, strict=True)}
    if VERIFY:
        _check(conn, stmt, params, build())
    return stmt, params


def _check(conn: Connection, reused: Select, params: dict[str, Any], fresh: Select) -> None:
    a = reused.compile(dialect=conn.dialect)
    b = fresh.compile(dialect=conn.dialect)
    assert a.string == b.string, "a reused statement renders other SQL than a fresh build"
    assert a.construct_params(params) == b.construct_params(), "a reused statement got other parameters"
