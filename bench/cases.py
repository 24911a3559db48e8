"""The benchmarked queries: API request and the equivalent single SQL statement for datasette, with parameters
sampled from the knowledge base itself (actors weighted by how often they appear, as real traffic would be)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from sqlalchemy import text
from sqlalchemy.engine import Engine

from app.events.service import evidence_json, participants_json
from app.inline import aliases_json, source_sql
from app.pagination import decode_cursor, encode_cursor
from app.statements.service import statement_evidence_json

API = "/api/v1"
PARAM_SETS = 24

# The datasette side of every case returns what the API returns, from the same SQL where the API has it: the
# participants and evidence fragments are the API's own (app.events.service, app.statements.service: roles
# deduplicated and ordered, evidence ordered, sources labelled as the API labels them), the place is joined, and
# the page total is the API's (counted up to COUNT_CAP rows). The one thing the API computes in Python is the
# `date` label (app.dates.format_at_precision); DATE_LABEL is its SQL, except that a week across two months
# prints the SQLite week number (%W) where the API prints the ISO week: SQLite 3.40 has no ISO week, and the
# cost is the same. The /changes case returns `at` as stored text where the API writes ISO 8601 with a `Z`.
DATE_LABEL = """CASE {t}.date_precision WHEN 'day' THEN {t}.date_start WHEN 'month' THEN substr({t}.date_start, 1, 7)
  WHEN 'year' THEN substr({t}.date_start, 1, 4) WHEN 'week' THEN CASE WHEN julianday({t}.date_end)
  - julianday({t}.date_start) <= 6 AND substr({t}.date_start, 1, 7) = substr({t}.date_end, 1, 7)
  THEN substr({t}.date_start, 1, 7) ELSE strftime('%Y-W%W', {t}.date_start) END
  ELSE CASE WHEN substr({t}.date_start, 1, 4) = substr({t}.date_end, 1, 4) THEN CASE WHEN
  substr({t}.date_start, 1, 7) = substr({t}.date_end, 1, 7) THEN substr({t}.date_start, 1, 7)
  ELSE substr({t}.date_start, 1, 4) END END END"""
PLACE_JSON = """CASE WHEN pl.id IS NULL THEN NULL ELSE json_object('id', pl.id, 'geonames_id', pl.geonames_id,
  'name', pl.name, 'precision', pl.precision, 'country_code', pl.country_code, 'region_code', pl.region_code,
  'region_name', pl.region_name, 'latitude', pl.latitude, 'longitude', pl.longitude) END"""

# One page of events exactly as the API answers it (app.events.service.inline_events): `{where}` filters `event e`
# in the page CTE; the outer row is `event`, which the API's fragments refer to.
EVENT_PAGE_SQL = """WITH page AS (SELECT e.id FROM event e WHERE {where} ORDER BY e.date_start DESC, e.id DESC LIMIT 51)
SELECT event.id, event.type, event.mode, event.summary, """ + DATE_LABEL.format(t="event") + """ AS date,
  event.date_start, event.date_end, event.date_precision, event.date_text, event.location,
  """ + PLACE_JSON + """ AS place, event.fatalities, event.affected, event.numbers,
  """ + participants_json("sqlite") + """ AS participants,
  """ + evidence_json("sqlite") + """ AS evidence,
  event.confidence, event.sources_count, event.independent_sources, {total} AS total
FROM page JOIN event ON event.id = page.id LEFT JOIN place pl ON pl.id = event.place_id
ORDER BY event.date_start DESC, event.id DESC"""

# One page of one speaker's statements as the API answers it (app.statements.service.inline_statements), the
# speaker with its aliases (the API's fragment).
STATEMENT_PAGE_SQL = """WITH page AS (SELECT s.id FROM statement s WHERE s.speaker_id = :speaker
  ORDER BY s.date_start DESC, s.id DESC LIMIT 51)
SELECT statement.id, json_object('actor_id', statement.speaker_id, 'name', a.name,
  'aliases', json(""" + aliases_json("sqlite", "statement.speaker_id") + """)) AS speaker, statement.text,
  statement.cue, statement.direct_quote, """ + DATE_LABEL.format(t="statement") + """ AS date,
  statement.date_start, statement.date_end, statement.date_precision, statement.event_id, statement.document_id,
  """ + source_sql("sqlite", "document") + """ AS source,
  """ + statement_evidence_json("sqlite") + """ AS evidence, statement.confidence,
  (SELECT count(*) FROM (SELECT 1 FROM statement WHERE speaker_id = :speaker LIMIT 10001)) AS total
FROM page JOIN statement ON statement.id = page.id LEFT JOIN actor a ON a.id = statement.speaker_id
JOIN document ON document.id = statement.document_id ORDER BY statement.date_start DESC, statement.id DESC"""

OVERLAP = "e.date_end >= :start AND e.date_start <= :end"


@dataclass
class Case:
    """One benchmarked query: rotating API parameters and, where there is one, the datasette equivalent."""

    name: str
    path: str
    api_params: list[dict]
    sql: str | None = None
    sql_params: list[dict] = field(default_factory=list)
    filtered_list: bool = True  # held to the p99 < 50 ms target
    note: str = ""


# What the API runs since migration 0004 (app/events/service.py), so datasette is given the same plan:
# the redundant lower bound date_start >= start - max span, actor ranges from event_participant's date copies,
# totals counted up to COUNT_CAP rows, a text-only total from the FTS index, the timeline from event_count.
COUNT_CAP = 10_000
BOUNDED_OVERLAP = "e.date_end >= :start AND e.date_start >= :low AND e.date_start <= :end"
ACTOR_RANGE_PAGE = """WITH page AS (SELECT DISTINCT p.event_id AS id, p.date_start FROM event_participant p
  WHERE p.actor_id = :actor AND p.date_end >= :start AND p.date_start >= :low AND p.date_start <= :end
  ORDER BY p.date_start DESC, p.event_id DESC LIMIT 51)"""
ACTOR_RANGE_TOTAL = f"""(SELECT count(*) FROM (SELECT DISTINCT p.event_id, p.date_start FROM event_participant p
  WHERE p.actor_id = :actor AND p.date_end >= :start AND p.date_start >= :low AND p.date_start <= :end
  LIMIT {COUNT_CAP + 1}))"""
# The timelines: the API reads its rollups (event_count; actor_event_count for one actor given by id, migration
# 0008), so datasette reads the same rows.
ROLLUP_TIMELINE_SQL = """SELECT period, type, n FROM event_count WHERE bucket = 'month' AND n > 0
ORDER BY period, type"""
ACTOR_TIMELINE_SQL = """SELECT period, type, n FROM actor_event_count WHERE actor_id = :actor AND bucket = 'month'
AND n > 0 ORDER BY period, type"""


def event_page_sql(where: str, count: bool = True, total: str | None = None) -> str:
    """The datasette SQL for one page of events under `where` (total capped like the API's unless given)."""
    if total is None:
        total = f"(SELECT count(*) FROM (SELECT 1 FROM event e WHERE {where} LIMIT {COUNT_CAP + 1}))" if count \
            else "NULL"
    return EVENT_PAGE_SQL.format(where=where, total=total)


def actor_range_sql() -> str:
    """Actor + date range as the API reads it: the page from event_participant, not from event."""
    rest = EVENT_PAGE_SQL[EVENT_PAGE_SQL.index("LIMIT 51)") + len("LIMIT 51)"):]
    return ACTOR_RANGE_PAGE + rest.replace("{total}", ACTOR_RANGE_TOTAL)


def max_span(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT value FROM kb_counter WHERE name = 'event_max_span_days'")).scalar())


def month_bounds(year: int, month: int, months: int = 1) -> tuple[str, str, str, str]:
    """API strings (YYYY-MM) and ISO first/last days for a window of `months` months."""
    end_year, end_month = divmod(year * 12 + month - 1 + months - 1, 12)
    end_month += 1
    last = calendar.monthrange(end_year, end_month)[1]
    return (f"{year}-{month:02d}", f"{end_year}-{end_month:02d}", f"{year}-{month:02d}-01",
            f"{end_year}-{end_month:02d}-{last:02d}")


def _sample(engine: Engine, sql: str, table: str, rng: np.random.Generator, k: int) -> list:
    """Column values of k random rows of table (by id), skipping NULLs."""
    with engine.connect() as conn:
        top = conn.execute(text(f"SELECT max(id) FROM {table}")).scalar() or 1
        ids = ",".join(str(int(i)) for i in rng.integers(1, top + 1, k * 4))
        rows = [r[0] for r in conn.execute(text(sql.format(ids=ids))) if r[0] is not None]
    return rows[:k]


def make_cases(engine: Engine, seed: int = 11) -> list[Case]:
    """The benchmark cases for the knowledge base behind engine (the deep-page case is added at run time)."""
    rng = np.random.default_rng(seed)
    actors = _sample(engine, "SELECT actor_id FROM event_participant WHERE id IN ({ids})", "event_participant",
                     rng, PARAM_SETS)
    types = _sample(engine, "SELECT type FROM event WHERE id IN ({ids})", "event", rng, PARAM_SETS)
    speakers = _sample(engine, "SELECT speaker_id FROM statement WHERE id IN ({ids})", "statement", rng, PARAM_SETS)
    names = _sample(engine, "SELECT a.name FROM event_participant p JOIN actor a ON a.id = p.actor_id "
                            "WHERE p.id IN ({ids})", "event_participant", rng, PARAM_SETS)
    months = [(int(2015 + rng.integers(10)), int(1 + rng.integers(12))) for _ in range(PARAM_SETS)]
    span = max_span(engine)

    def low(first: str) -> str:
        return (date.fromisoformat(first) - timedelta(days=span)).isoformat()

    by_actor_api, by_actor_sql, by_type_api, by_type_sql = [], [], [], []
    for actor, typ, (y, m) in zip(actors, types, months, strict=False):
        a, b, first, last = month_bounds(y, m, 3)
        by_actor_api.append({"actor": actor, "start": a, "end": b, "limit": 50})
        by_actor_sql.append({"actor": actor, "start": first, "end": last, "low": low(first)})
        a, b, first, last = month_bounds(y, m, 1)
        by_type_api.append({"type": typ, "start": a, "end": b, "limit": 50})
        by_type_sql.append({"type": typ, "start": first, "end": last, "low": low(first)})
    # full text: half common trigger words, half a surname or place word of a frequently seen actor
    words = ["talks", "sanctions", "attacked", "agreement", "detained", "protested", "aid", "warned"]
    terms = [words[i % len(words)] if i % 2 else name.split()[-1] for i, name in enumerate(names)]
    return [
        Case("events by actor + 3-month range", f"{API}/events", by_actor_api, actor_range_sql(), by_actor_sql),
        Case("events by type + month", f"{API}/events", by_type_api,
             event_page_sql(f"e.type = :type AND {BOUNDED_OVERLAP}"), by_type_sql),
        Case("statements by speaker", f"{API}/statements", [{"speaker": s, "limit": 50} for s in speakers],
             STATEMENT_PAGE_SQL, [{"speaker": s} for s in speakers]),
        Case("events full-text q", f"{API}/events", [{"q": t, "limit": 50} for t in terms],
             event_page_sql("e.id IN (SELECT rowid FROM event_fts WHERE event_fts MATCH :fts)",
                            total="(SELECT count(*) FROM event_fts WHERE event_fts MATCH :fts)"),
             [{"fts": f'"{t}"'} for t in terms]),
        Case("timeline by month (all events)", f"{API}/stats/timeline", [{"bucket": "month"}],
             ROLLUP_TIMELINE_SQL, [{}], filtered_list=False),
        Case("timeline by month (one actor)", f"{API}/stats/timeline",
             [{"bucket": "month", "actor": a} for a in actors],
             ACTOR_TIMELINE_SQL, [{"actor": a} for a in actors], filtered_list=False),
        *map_cases(engine),
    ]


CHANGES_PAGE_SQL = """SELECT seq, kind, entity_id AS id, op, into_id AS "into", at FROM kb_change WHERE seq > :seq
ORDER BY seq LIMIT 101"""
BBOX_PLACES = ("e.place_id IN (SELECT id FROM place WHERE latitude BETWEEN :min_lat AND :max_lat "
               "AND longitude BETWEEN :min_lon AND :max_lon)")


def map_cases(engine: Engine, seed: int = 13) -> list[Case]:
    """A bbox around a place that holds events (1 degree square, as a city-level map view), and a /changes page
    from a random position of the feed (100 changes, as a sync loop reads them)."""
    rng = np.random.default_rng(seed)
    with engine.connect() as conn:
        places = conn.execute(text("SELECT latitude, longitude FROM place WHERE latitude IS NOT NULL "
                                   "ORDER BY id")).all()
        top = conn.execute(text("SELECT max(seq) FROM kb_change")).scalar() or 0
    cases = []
    if places:
        boxes = []
        for i in rng.integers(0, len(places), PARAM_SETS):
            lat, lon = places[int(i)]
            boxes.append({"min_lon": round(lon - 0.5, 4), "min_lat": round(lat - 0.5, 4),
                          "max_lon": round(lon + 0.5, 4), "max_lat": round(lat + 0.5, 4)})
        cases.append(Case("events in a bbox", f"{API}/events",
                          [{"bbox": f"{b['min_lon']},{b['min_lat']},{b['max_lon']},{b['max_lat']}", "limit": 50}
                           for b in boxes], event_page_sql(BBOX_PLACES), boxes))
    if top:
        seqs = [int(s) for s in rng.integers(0, max(top - 100, 1), PARAM_SETS)]
        cases.append(Case("changes page (100)", f"{API}/changes",
                          [{"cursor": change_cursor(s), "limit": 100} for s in seqs], CHANGES_PAGE_SQL,
                          [{"seq": s} for s in seqs]))
    return cases


def change_cursor(seq: int) -> str:
    """The /changes cursor that resumes after `seq` (as app.pagination encodes it)."""
    return encode_cursor("changes", [seq])


def cursor_key(cursor: str) -> tuple[str, int]:
    """The (date, id) sort key an API cursor resumes after (for the equivalent keyset SQL)."""
    d, i = decode_cursor(cursor, "events", (date, int))
    return d.isoformat(), int(i)


def deep_page_case(cursors: list[str], page: int) -> Case:
    """Page `page` of the unfiltered event list, reached by cursor; count=false as a client paging would send."""
    keys = [cursor_key(c) for c in cursors]
    where = "(e.date_start < :d OR (e.date_start = :d AND e.id < :id) OR e.date_start IS NULL)"
    return Case(f"events deep cursor page ({page})", f"{API}/events",
                [{"cursor": c, "limit": 50, "count": "false"} for c in cursors],
                event_page_sql(where, count=False), [{"d": d, "id": i} for d, i in keys])
