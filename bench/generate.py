"""Seeded synthetic knowledge base written through the real schema (Alembic head), fast enough for 1M events.

python -m bench.generate --events 1000000 --db bench/work/kb_1m.db
python -m bench.generate --events 100000 --url postgresql+psycopg://postgres@127.0.0.1:5432/eventkb_bench_100k

Shape per N events: N/10 actors (Zipf participation), N/5 documents, ~2 participants/event, N/2 statements,
one event_report and one evidence row per event and statement, one mention evidence per (document, actor),
~2 aliases per actor, 1-3 document_source rows per document, 10 years of dates (2015-2024).
Bulk mode drops secondary indexes and FTS triggers, loads, then rebuilds them exactly as the migrations made them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import Session

from app import migrate
from app.ingest import derived
from app.ingest.actors import name_keys, word_stems
from app.text import normalize
from bench import vocab
from bench.people import make_actors

FIRST_DAY = date(2015, 1, 1)
DAYS = (date(2024, 12, 31) - FIRST_DAY).days + 1
EVENTS_PER_DOC = 5
STATEMENTS_PER_EVENT = 0.5
ZIPF_EXPONENT = 1.07
INGESTED_AT = datetime(2025, 1, 1, tzinfo=UTC)
DOCS_PER_CHUNK = 20_000
FTS_TABLES = {"document": "text", "event": "summary", "statement": "text"}
JSON_COLUMNS = {"numbers", "cites", "match_reasons"}


def sqlite_url(path: str | Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path).resolve()}"


def zipf_sampler(rng: np.random.Generator, n: int, exponent: float = ZIPF_EXPONENT):
    """A function drawing k ids in 1..n with power-law popularity; popular ids are scattered, not the lowest."""
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    cdf = np.cumsum(weights / weights.sum())
    ids_by_rank = rng.permutation(n) + 1

    def draw(k: int) -> np.ndarray:
        ranks = np.minimum(np.searchsorted(cdf, rng.random(k)), n - 1)
        return ids_by_rank[ranks]

    return draw


def recreate_pg_database(url: str) -> None:
    """Drop and create the PostgreSQL database named in url (benchmark databases only)."""
    parsed = make_url(url)
    name = parsed.database
    assert name and name.startswith("eventkb_bench"), "refusing to drop a database not named eventkb_bench*"
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()


class BulkLoader:
    """Drops secondary indexes (and SQLite FTS triggers) for the load and puts them back afterwards."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.pg = engine.dialect.name == "postgresql"
        self.saved: list[str] = []

    def __enter__(self) -> Connection:
        self.conn = self.engine.connect()
        c = self.conn
        if self.pg:
            c.exec_driver_sql("SET session_replication_role = replica")  # no FK triggers during COPY
            c.exec_driver_sql("SET maintenance_work_mem = '512MB'")  # index builds sort in memory
            rows = c.exec_driver_sql(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname='public' "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)").all()
            for name, ddl in rows:
                c.exec_driver_sql(f'DROP INDEX "{name}"')
                self.saved.append(ddl)
        else:
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF", "cache_size=-400000",
                           "temp_store=MEMORY"):
                c.exec_driver_sql(f"PRAGMA {pragma}")
            rows = c.exec_driver_sql(
                "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
                "(type='index' OR (type='trigger' AND name LIKE '%\\_fts\\_%' ESCAPE '\\'))").all()
            for kind, name, ddl in rows:
                c.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
                self.saved.append(ddl)
        c.commit()
        return c

    def __exit__(self, *exc) -> None:
        c = self.conn
        if exc[0] is None:
            t0 = time.perf_counter()
            if not self.pg:
                for table, _ in FTS_TABLES.items():
                    c.exec_driver_sql(f"INSERT INTO {table}_fts({table}_fts) VALUES('rebuild')")
            for ddl in self.saved:
                c.exec_driver_sql(ddl)
            if self.pg:
                # the lexeme counts' trigger (migration 0012) was off with every trigger during COPY: count afresh
                c.exec_driver_sql("TRUNCATE event_fts_lexeme")
                c.exec_driver_sql("INSERT INTO event_fts_lexeme (lexeme, n) "
                                  "SELECT word, ndoc FROM ts_stat('SELECT summary_fts FROM event')")
                for table in ("actor", "actor_alias", "document", "document_source", "event", "event_report",
                              "event_participant", "statement", "evidence", "place"):
                    c.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)")
            c.commit()
            if self.pg:
                # VACUUM as autovacuum would after a load: sets the visibility map, so index-only scans
                # (e.g. actor + range on event_participant) skip the heap, as they do on a settled database
                with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as ac:
                    ac.exec_driver_sql("VACUUM ANALYZE")
            else:
                c.exec_driver_sql("ANALYZE")
                c.exec_driver_sql("PRAGMA journal_mode=WAL")
            c.commit()
            print(f"  indexes, FTS and statistics rebuilt in {time.perf_counter() - t0:.1f}s", file=sys.stderr,
                  flush=True)
        c.close()


def insert(conn: Connection, table: str, rows: list[dict]) -> None:
    """Bulk insert: COPY on PostgreSQL, executemany of the model table's INSERT on SQLite."""
    if not rows:
        return
    from sqlmodel import SQLModel

    if conn.dialect.name == "postgresql":
        cols = list(rows[0])
        raw = conn.connection.driver_connection
        quoted = ", ".join(f'"{c}"' for c in cols)  # "end" and "start" are reserved words
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([json.dumps(row[c]) if c in JSON_COLUMNS else row[c] for c in cols])
        return
    # The model table's INSERT compiled once, then the driver's executemany over tuples: SQLAlchemy's per-row
    # parameter construction was half the build time. Only typed columns (dates, JSON, booleans) are processed.
    compiled = SQLModel.metadata.tables[table].insert().compile(dialect=conn.dialect, column_keys=list(rows[0]))
    order = compiled.positiontup
    columns = SQLModel.metadata.tables[table].c
    procs = [columns[k].type._cached_bind_processor(conn.dialect) for k in order]
    typed = [(i, p) for i, p in enumerate(procs) if p is not None]
    tuples = []
    for row in rows:
        values = [row[k] for k in order]
        for i, proc in typed:
            if values[i] is not None:
                values[i] = proc(values[i])
        tuples.append(tuple(values))
    conn.exec_driver_sql(str(compiled), tuples)


def days_to_dates(days: np.ndarray) -> list[date]:
    """Day offsets from FIRST_DAY as datetime.date objects."""
    return (np.datetime64(FIRST_DAY) + days.astype("timedelta64[D]")).astype(object).tolist()


def city_places(cities: list[tuple[str, str]]) -> tuple[list[dict], list[int | None]]:
    """Place rows for the vocabulary's cities (their GeoNames entries, as ingest would store them) and, per city,
    its place id."""
    from app.places.gazetteer import gazetteer

    gaz = gazetteer()
    rows: dict[str, dict] = {}
    ids: list[int | None] = []
    for name, cc in cities:
        found = [e for e in gaz.cities_named(name) if e.country_code == cc]
        if not found:
            ids.append(None)
            continue
        entry = max(found, key=lambda e: (e.population, e.key))
        if entry.key not in rows:
            rows[entry.key] = {"id": len(rows) + 1, **entry.row()}
        ids.append(rows[entry.key]["id"])
    return list(rows.values()), ids


# every stored row as created in the change feed, in kind then id order (as migration 0007 backfills it)
CHANGE_BACKFILL = ("INSERT INTO kb_change (kind, entity_id, op, at) "
                   "SELECT '{kind}', id, 'created', CURRENT_TIMESTAMP FROM {kind} ORDER BY id")


class Generator:
    """Produces one chunk of documents with their events, statements and evidence at a time."""

    def __init__(self, n_events: int, seed: int):
        self.rng = np.random.default_rng(seed)
        self.n_events = n_events
        self.n_docs = max(1, n_events // EVENTS_PER_DOC)
        self.actors = make_actors(max(1000, n_events // 10), self.rng)
        self.names = [a["name"] for a in self.actors]
        self.draw_actor = zipf_sampler(self.rng, len(self.actors))
        # speakers are people and organizations, with their own power-law popularity
        speakers = np.array([a["id"] for a in self.actors if a["type"] in ("person", "organization")])
        draw_speaker_rank = zipf_sampler(self.rng, len(speakers))
        self.draw_speaker = lambda k: speakers[draw_speaker_rank(k) - 1]
        cities = vocab.cities()
        self.cities = [c for c, _ in cities]
        self.places, self.city_place = city_places(cities)
        self.type_names = list(vocab.EVENT_TYPES)
        probs = np.array([p for p, _ in vocab.EVENT_TYPES.values()])
        self.type_probs = probs / probs.sum()
        # events and statements belong to documents; sorted so each document's rows are contiguous ids
        self.event_doc = np.sort(self.rng.integers(0, self.n_docs, n_events))
        n_statements = int(n_events * STATEMENTS_PER_EVENT)
        self.statement_doc = np.sort(self.rng.integers(0, self.n_docs, n_statements))
        self.doc_day = self.rng.integers(0, DAYS, self.n_docs)
        self.evidence_id = 0

    def chunk(self, d0: int, d1: int) -> dict[str, list[dict]]:
        """All rows of documents d0..d1-1 (0-based), ids 1-based and global."""
        rng = self.rng
        e0, e1 = np.searchsorted(self.event_doc, [d0, d1])
        s0, s1 = np.searchsorted(self.statement_doc, [d0, d1])
        ne, ns = e1 - e0, s1 - s0
        ev_types = rng.choice(len(self.type_names), ne, p=self.type_probs)
        ev_verbs = rng.integers(0, 4, ne)
        ev_lag = np.minimum(rng.geometric(0.45, ne) - 1, 30)
        ev_days = np.maximum(self.doc_day[self.event_doc[e0:e1]] - ev_lag, 0)
        ev_prec = rng.choice(4, ne, p=[0.72, 0.08, 0.15, 0.05])  # day week month year
        n_part = rng.choice([1, 2, 3], ne, p=[0.25, 0.55, 0.20])
        part = self.draw_actor(ne * 3).reshape(ne, 3)
        ev_city = rng.integers(0, len(self.cities), ne)
        has_city = rng.random(ne) < 0.6
        conf = np.round(rng.uniform(0.3, 0.95, ne), 2)
        st_speaker = self.draw_speaker(ns)
        st_null = rng.random(ns) < 0.1
        st_topic = rng.integers(0, len(vocab.QUOTE_TOPICS), ns)
        st_verb = rng.integers(0, len(vocab.REPORTING_VERBS), ns)
        st_direct = rng.random(ns) < 0.6
        st_link = rng.random(ns) < 0.6
        doc_outlet = rng.integers(0, len(vocab.OUTLETS), d1 - d0)
        doc_cited = rng.integers(0, len(vocab.OUTLETS), (d1 - d0, 2))
        doc_ncited = rng.choice([0, 1, 2], d1 - d0, p=[0.4, 0.4, 0.2])
        ev_dates = days_to_dates(ev_days)
        doc_dates = days_to_dates(self.doc_day[d0:d1])
        prec_names = ("day", "week", "month", "year")
        prec_span = (0, 6, 29, 364)

        out: dict[str, list[dict]] = {k: [] for k in (
            "document", "document_source", "event", "event_report", "event_participant", "statement", "evidence")}
        ei, si = int(e0), int(s0)
        for d in range(d0, d1):
            doc_id, k = d + 1, d - d0
            published = doc_dates[k]
            sentences: list[str] = []
            pos = 0
            evidence: list[dict] = []
            mentioned: set[int] = set()
            doc_events: list[int] = []
            title = None
            while ei < e1 and self.event_doc[ei] == d:
                j = ei - e0
                event_id = ei + 1
                doc_events.append(event_id)
                etype = self.type_names[ev_types[j]]
                verbs = vocab.EVENT_TYPES[etype][1]
                verb = verbs[ev_verbs[j] % len(verbs)]
                actors = [int(a) for a in part[j, : n_part[j]]]
                if len(actors) > 1 and actors[1] == actors[0]:
                    actors[1] = actors[1] % len(self.names) + 1
                src = self.names[actors[0] - 1]
                tgt = self.names[actors[1] - 1] if len(actors) > 1 else "officials"
                city = self.cities[ev_city[j]] if has_city[j] else None
                summary = f"{src} {verb} {tgt}" + (f" in {city}" if city else "")
                when = ev_dates[j]
                sentence = f"On {when:%B} {when.day}, {summary}."
                start = pos
                pos += len(sentence) + 1
                sentences.append(sentence)
                title = title or summary
                p = int(ev_prec[j])
                row = {
                    "type": etype, "mode": None, "summary": summary, "date_start": when,
                    "date_end": date.fromordinal(when.toordinal() + prec_span[p]), "date_precision": prec_names[p],
                    "date_text": f"{when:%B} {when.day}", "location": city, "confidence": float(conf[j]),
                    "place_id": self.city_place[ev_city[j]] if has_city[j] else None,
                    "fatalities": None, "affected": None, "numbers": {},
                }
                out["event"].append({"id": event_id, **row})
                out["event_report"].append({**row, "event_id": event_id, "document_id": doc_id,
                                            "characterization": None, "match_score": None, "match_reasons": []})
                roles = ("source", "target", "participant")
                for r, actor_id in enumerate(actors):
                    out["event_participant"].append(
                        {"event_id": event_id, "actor_id": actor_id, "role": roles[r], "document_id": doc_id,
                         "date_start": row["date_start"], "date_end": row["date_end"]})
                evidence.append({"document_id": doc_id, "start": start, "end": start + len(sentence),
                                 "sentence": sentence, "kind": "event", "event_id": event_id,
                                 "statement_id": None, "actor_id": None})
                name_at = start + sentence.index(src)
                for actor_id, name, offset in ((actors[0], src, name_at),
                                               *(((actors[1], tgt, start + sentence.rindex(tgt)),)
                                                 if len(actors) > 1 else ())):
                    if actor_id not in mentioned:
                        mentioned.add(actor_id)
                        evidence.append({"document_id": doc_id, "start": offset, "end": offset + len(name),
                                         "sentence": sentence, "kind": "mention", "event_id": None,
                                         "statement_id": None, "actor_id": actor_id})
                ei += 1
            while si < s1 and self.statement_doc[si] == d:
                j = si - s0
                statement_id = si + 1
                speaker_id = None if st_null[j] else int(st_speaker[j])
                speaker = self.names[speaker_id - 1] if speaker_id else "An official"
                topic = vocab.QUOTE_TOPICS[st_topic[j]]
                cue = vocab.REPORTING_VERBS[st_verb[j]]
                sentence = f'"{topic[0].upper()}{topic[1:]}," {speaker} {cue}.'
                start = pos
                pos += len(sentence) + 1
                sentences.append(sentence)
                event_id = doc_events[j % len(doc_events)] if doc_events and st_link[j] else None
                out["statement"].append({
                    "id": statement_id, "speaker_id": speaker_id, "document_id": doc_id, "event_id": event_id,
                    "cue": cue, "text": topic, "direct_quote": bool(st_direct[j]), "date_start": published,
                    "date_end": published, "date_precision": "day", "confidence": 0.8,
                })
                evidence.append({"document_id": doc_id, "start": start, "end": start + len(sentence),
                                 "sentence": sentence, "kind": "statement", "event_id": None,
                                 "statement_id": statement_id, "actor_id": None})
                si += 1
            body = " ".join(sentences) or "No events were reported."
            outlet = vocab.OUTLETS[doc_outlet[k]]
            cited = sorted({vocab.OUTLETS[c] for c in doc_cited[k, : doc_ncited[k]]} - {outlet})
            out["document"].append({
                "id": doc_id, "sha256": hashlib.sha256(f"{doc_id}\n{body}".encode()).hexdigest(),
                "title": title or f"Bulletin {doc_id}", "outlet": outlet,
                "url": f"https://news.example/{published:%Y/%m/%d}/{doc_id}", "published": published,
                "language": "en", "extracted": True, "text": body, "cites": cited, "ingested_at": INGESTED_AT,
                "extractor_version": "bench",
            })
            for name, kind in ((outlet, "outlet"), *((c, "cited") for c in cited)):
                out["document_source"].append(
                    {"document_id": doc_id, "name": name, "normalized": normalize(name), "kind": kind})
            for row in evidence:
                self.evidence_id += 1
                out["evidence"].append({"id": self.evidence_id, **row})
        return out


def schema_revision() -> str:
    """The Alembic head a generated KB was built with: a KB from an older schema is rebuilt, not reused."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(migrate.alembic_config("sqlite://")).get_current_head()


def build(url: str, n_events: int, seed: int = 7) -> dict:
    """Migrate url to head and fill it with a synthetic KB of n_events; returns row counts and timings."""
    t0 = time.perf_counter()
    migrate.upgrade(url)
    engine = create_engine(url)
    gen = Generator(n_events, seed)
    counts: dict[str, int] = {}
    with BulkLoader(engine) as conn:
        aliases, words, keys = [], [], []
        for a in gen.actors:
            forms = [normalize(alias) for alias in a["aliases"]]
            for alias, form in zip(a.pop("aliases"), forms, strict=True):
                aliases.append({"actor_id": a["id"], "alias": alias, "normalized": form})
            if a["type"] == "person":  # surname stems, as app.ingest.actors.sync_words keeps them
                words += [{"stem": s, "actor_id": a["id"]} for s in sorted(word_stems(forms))]
                keys += [{"key": k, "actor_id": a["id"]} for k in sorted(name_keys(forms))]
        insert(conn, "place", gen.places)
        insert(conn, "actor", gen.actors)
        insert(conn, "actor_alias", aliases)
        insert(conn, "actor_word", words)
        insert(conn, "actor_name_key", keys)
        counts.update(actor=len(gen.actors), actor_alias=len(aliases), actor_word=len(words),
                      actor_name_key=len(keys))
        conn.commit()
        for d0 in range(0, gen.n_docs, DOCS_PER_CHUNK):
            rows = gen.chunk(d0, min(d0 + DOCS_PER_CHUNK, gen.n_docs))
            for table in ("document", "document_source", "event", "event_report", "event_participant",
                          "statement", "evidence"):
                insert(conn, table, rows[table])
                counts[table] = counts.get(table, 0) + len(rows[table])
            conn.commit()
            print(f"  {counts['event']:>9,} events  {time.perf_counter() - t0:6.1f}s", file=sys.stderr, flush=True)
    # what ingest keeps incrementally (timeline rollup, max-span bound); participant dates were written above
    with Session(engine) as session:
        derived.rebuild(session, participants=False)
        for kind in ("document", "actor", "event", "statement"):
            session.execute(text(CHANGE_BACKFILL.format(kind=kind)))
        session.commit()
    engine.dispose()
    return {"url": url, "events": n_events, "seed": seed, "revision": schema_revision(), "rows": counts,
            "seconds": round(time.perf_counter() - t0, 1)}


def build_sqlite(path: str | Path, n_events: int, seed: int = 7, *, reuse: bool = True) -> str:
    """Build (or reuse an existing complete) SQLite KB at path; returns its URL."""
    path = Path(path)
    marker = path.with_suffix(".json")
    if reuse and path.exists() and marker.exists():
        info = json.loads(marker.read_text())
        if info.get("events") == n_events and info.get("seed") == seed and info.get("revision") == schema_revision():
            return sqlite_url(path)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    marker.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    info = build(sqlite_url(path), n_events, seed)
    marker.write_text(json.dumps(info, indent=1))
    return sqlite_url(path)


def main(argv: list[str] | None = None) -> None:
    """CLI entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--db", help="SQLite file to (re)create")
    ap.add_argument("--url", help="PostgreSQL URL; the database (named eventkb_bench*) is dropped and recreated")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if args.url:
        recreate_pg_database(args.url)
        info = build(args.url, args.events, args.seed)
    else:
        db = args.db or f"bench/work/kb_{args.events}.db"
        build_sqlite(db, args.events, args.seed, reuse=False)
        info = json.loads(Path(db).with_suffix(".json").read_text())
    print(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
