"""Parsed JSON -> frozen dataclasses, strictly: unknown keys, missing keys and wrong types are errors.

The dataclass annotations are the schema: str, bool, int, float, `X | None`, frozenset[X], tuple[X, ...],
Mapping[str, X] (read-only) and nested dataclasses. Errors name the entry ("verbs.meet[0].confidence").
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import MISSING, fields, is_dataclass
from typing import Any, Union, get_args, get_origin, get_type_hints


class DataError(Exception):
    """A value does not fit its declared type; the message starts with the entry's path."""


def _describe(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    return names.get(type(value), type(value).__name__)


def convert(tp: Any, value: Any, where: str = "") -> Any:
    """`value` (parsed JSON) as type `tp`; raises DataError naming the entry (`where`) on a mismatch."""
    origin, args = get_origin(tp), get_args(tp)
    at = f"{where}: " if where else ""
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        return convert(next(a for a in args if a is not type(None)), value, where)
    if is_dataclass(tp):
        return _build(tp, value, where)
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise DataError(f"{at}expected a number, got {_describe(value)}")
        return float(value)
    if tp is int:
        if type(value) is not int:
            raise DataError(f"{at}expected a whole number, got {_describe(value)}")
        return value
    if tp in (str, bool):
        if type(value) is not tp:
            raise DataError(f"{at}expected {_describe(tp())}, got {_describe(value)}")
        return value
    if origin in (frozenset, tuple):
        if not isinstance(value, list):
            raise DataError(f"{at}expected a list, got {_describe(value)}")
        items = [convert(args[0], v, f"{where}[{n}]") for n, v in enumerate(value)]
        return frozenset(items) if origin is frozenset else tuple(items)
    if origin is Mapping:
        if not isinstance(value, dict):
            raise DataError(f"{at}expected an object, got {_describe(value)}")
        prefix = f"{where}." if where else ""
        return types.MappingProxyType({k: convert(args[1], v, f"{prefix}{k}") for k, v in value.items()})
    raise TypeError(f"typed_json: no conversion for {tp!r}")  # pragma: no cover - a programming error


def _build(cls: type, value: Any, where: str) -> Any:
    """A frozen dataclass from a JSON object: unknown keys, missing keys and wrong types are errors."""
    at = f"{where}: " if where else ""
    if not isinstance(value, dict):
        raise DataError(f"{at}expected an object, got {_describe(value)}")
    hints = get_type_hints(cls)
    known = {f.name: f for f in fields(cls) if f.init}
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise DataError(f"{at}unknown key {unknown[0]!r} (known: {', '.join(known)})")
    missing = [n for n, f in known.items() if n not in value and f.default is MISSING]
    if missing:
        raise DataError(f"{at}missing key {missing[0]!r}")
    prefix = f"{where}." if where else ""
    return cls(**{k: convert(hints[k], v, f"{prefix}{k}") for k, v in value.items()})
