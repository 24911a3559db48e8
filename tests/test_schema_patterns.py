"""The patterns the OpenAPI schema publishes are exact: a value matches if and only if the server takes it.

That is what lets `schemathesis --checks all` hold the schema to its word in both directions.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.dates import ISO_DAY_PATTERN, ISO_PARTIAL_PATTERN, parse_partial
from app.documents.schemas import TEXT_PATTERN, has_visible_text
from app.errors import InvalidParameter
from app.openapi import CURSORS
from app.pagination import MAX_ID, cursor_pattern, decode_cursor, encode_cursor


def calendar_ok(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("years", [range(1, 40), range(1596, 2105), range(9960, 10000), [100, 200, 400, 800, 1900]])
def test_the_date_patterns_are_the_calendar(years):
    day, partial = re.compile(ISO_DAY_PATTERN), re.compile(ISO_PARTIAL_PATTERN)
    wrong = []
    for y in years:
        for m in range(0, 14):
            for d in range(0, 33):
                text = f"{y:04d}-{m:02d}-{d:02d}"
                if bool(day.match(text)) != calendar_ok(y, m, d) or bool(partial.match(text)) != calendar_ok(y, m, d):
                    wrong.append(text)
            if bool(partial.match(f"{y:04d}-{m:02d}")) != (1 <= m <= 12):
                wrong.append(f"{y:04d}-{m:02d}")
        if not partial.match(f"{y:04d}"):
            wrong.append(f"{y:04d}")
    assert wrong == []


@given(st.from_regex(ISO_PARTIAL_PATTERN, fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_every_date_the_pattern_admits_parses(text):
    first, last, _ = parse_partial(text)
    assert first <= last


@pytest.mark.parametrize("text", ["0000", "2024-02-30", "2023-02-29", "1900-02-29", "2024-4", " 2024", "2024-13",
                                  "10000", "2024-04-31"])
def test_the_date_patterns_refuse_what_the_calendar_refuses(text):
    assert not re.match(ISO_PARTIAL_PATTERN, text)


@pytest.mark.parametrize("path", sorted(CURSORS))
def test_every_cursor_the_pattern_admits_is_a_position(path):
    kind, types, example = CURSORS[path]
    pattern = cursor_pattern(kind, types)
    assert re.match(pattern, encode_cursor(kind, example)) and re.match(pattern, "")

    @given(st.from_regex(pattern, fullmatch=True))
    @settings(max_examples=200, deadline=None)
    def decodes(token):
        key = decode_cursor(token, kind, types)
        assert key is None or (len(key) == len(types) and encode_cursor(kind, key) is not None)
        for value in key or []:
            assert not isinstance(value, int) or 0 <= value <= MAX_ID
            assert not isinstance(value, str) or "\x00" not in value

    decodes()


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
@settings(max_examples=300, deadline=None)
def test_cursors_round_trip_any_name(name):
    token = encode_cursor("sources", [name])
    assert re.match(cursor_pattern("sources", (str,)), token) or "\x00" in name
    if "\x00" not in name:
        assert decode_cursor(token, "sources", (str,)) == [name]


@pytest.mark.parametrize("token", ["events.2024-02-30.1", "events.2024-04-30.2147483648", "events.2024-04-30",
                                   "actors.1", "events.~.1.2", "sources.%00", "events..1"])
def test_malformed_cursors_are_refused(token):
    with pytest.raises(InvalidParameter):
        decode_cursor(token, "events" if token.startswith("e") else "sources", (date, int) if token[0] == "e"
                      else (str,))


BLANKS = "\t\n\x0b\x0c\r\x1c\x1f \x85\xa0\u1680\u180e\u2000\u200b\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"


@given(st.text(alphabet=st.sampled_from(list(BLANKS) + ["a", "\x00", "é", "\u200e", "1"]), max_size=12))
@settings(max_examples=500, deadline=None)
def test_the_text_pattern_is_the_servers_rule(text):
    server_takes = "\x00" not in text and has_visible_text(text)
    assert bool(re.match(TEXT_PATTERN, text)) == server_takes
