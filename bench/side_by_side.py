"""Two API builds and datasette on one SQLite KB, interleaved case by case over several rounds: the ratios a
shared machine can still measure.

python -m bench.side_by_side --events 1000000 --rounds 3 --api before=/tmp/eventkb_before --api after=.
python -m bench.side_by_side --database-url postgresql+psycopg://postgres@127.0.0.1:5432/eventkb_bench_pg_1m

With --database-url the APIs serve that knowledge base (PostgreSQL, built beforehand with bench.generate --url)
instead of the SQLite one, without datasette, which serves SQLite files only; --events is then read from it. The
CPU ms per request is the uvicorn worker's alone there: the SQL runs in PostgreSQL's own processes.

Each `--api label=dir` is a source tree of eventkb served by uvicorn (1 worker) from that directory, so a build
of another commit (`git archive <commit> | tar -x -C dir`) runs against the same KB as this one. Every round
measures, for each case, /healthz of the first API, then each API and datasette in an order that rotates from
round to round; the figures are the medians of the rounds. Besides p50/p99 (one sequential client) and req/s
(4 concurrent clients, as bench.query_bench), it reads each server's own CPU time over the throughput phase
(/proc/<pid>/stat): CPU ms per request is what a request costs the server whatever else runs on the machine.

The APIs run with the response cache off (EVENTKB_RESPONSE_CACHE_MB=0): every request runs its list's SQL, as
every datasette request does. --with-cache adds a twin of each API with it on (`<label>+cache`): the 24 parameter
sets of a case repeat, so after their first request each is answered from the cache, as a dashboard polling the
same URLs is (one generation query, no list SQL). Its "vs datasette" figures compare unlike work: read them as
what a polling client gains, not as the query engines' race.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from bench import query_bench as qb
from bench.cases import deep_page_case, make_cases
from bench.generate import build_sqlite

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")
CACHE_MB = 64  # --with-cache: EVENTKB_RESPONSE_CACHE_MB of the cached twins (the setting's default)


def cpu_ms(pid: int) -> float:
    """User + system CPU time of a process so far, in ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * TICK_MS


def measure(port: int, pid: int, paths: list[str]) -> dict:
    """Latency and throughput as bench.query_bench measures them, plus the server's CPU ms per request."""
    load = qb.Load(port, paths)
    out = load.latency()
    before = cpu_ms(pid)
    out.update(load.throughput())
    out["cpu_ms_per_req"] = round((cpu_ms(pid) - before) / max(out["rps"] * qb.THROUGHPUT_SECONDS, 1), 3)
    return out


def serve_api_from(source: Path, database_url: str, port: int, cache_mb: int = 0):
    """uvicorn (1 worker) serving the eventkb tree at `source`: its directory comes first on the path. The response
    cache is off unless `cache_mb` is given: every request then runs its list's SQL, as datasette's does (a tree
    that predates the setting ignores it)."""
    env = {"EVENTKB_DATABASE_URL": database_url, "EVENTKB_SEED_ON_STARTUP": "false", "EVENTKB_LOG_LEVEL": "WARNING",
           "PYTHONPATH": str(source), "EVENTKB_RESPONSE_CACHE_MB": str(cache_mb)}
    cmd = [str(qb.VENV_BIN / "uvicorn"), "app.main:create_app", "--factory", "--workers", "1", "--app-dir",
           str(source), "--host", "127.0.0.1", "--port", str(port)]
    return qb.serve(cmd, port, "/healthz", env)


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def summarize(rounds: list[dict], labels: list[str]) -> dict:
    """Medians over the rounds, per case and server, and the ratios of the medians."""
    out: dict = {}
    for name in rounds[0]:
        per = {}
        for label in rounds[0][name]:
            runs = [r[name][label] for r in rounds if label in r.get(name, {})]
            per[label] = {k: _median([run[k] for run in runs]) for k in ("p50_ms", "p99_ms", "rps", "cpu_ms_per_req")}
            per[label]["rps_rounds"] = [run["rps"] for run in runs]
        # ratios per round (both sides measured back to back under the same load), then their median
        def ratio(a: str, b: str, field: str = "rps", name: str = name) -> float:
            return _median([r[name][a][field] / max(r[name][b][field], 0.001) for r in rounds
                            if a in r.get(name, {}) and b in r[name]])

        for label in [*labels, "datasette"]:
            if label not in per:
                continue
            if label != "datasette" and "datasette" in per:
                per[label]["rps_over_datasette"] = round(ratio(label, "datasette"), 2)
                # CPU ms per request, datasette's over this server's: how many of its requests a core serves
                # for each of datasette's, whatever else the machine runs
                per[label]["cpu_advantage_over_datasette"] = round(ratio("datasette", label, "cpu_ms_per_req"), 2)
            per[label]["rps_over_healthz"] = round(ratio(label, "healthz"), 3)
        out[name] = per
    return out


def table(summary: dict, labels: list[str]) -> list[str]:
    """Markdown: per case, each API's p50/p99, req/s, CPU ms/request and ratios, then datasette's."""
    head = "| case | " + " | ".join(f"{lb} p50 / p99 ms | {lb} req/s | {lb} CPU ms/req | {lb} vs datasette "
                                    f"(req/s; CPU) | {lb} vs /healthz" for lb in labels)
    head += (" | datasette p50 / p99 ms | datasette req/s | datasette CPU ms/req | datasette vs /healthz "
             "| /healthz req/s |")
    lines = [head, "|---" + "|---:" * (5 * len(labels) + 5) + "|"]
    for name, per in summary.items():
        cells = []
        for lb in labels:
            a = per[lb]
            cells += [f"{a['p50_ms']:.1f} / {a['p99_ms']:.1f}", f"{a['rps']:.0f}", f"{a['cpu_ms_per_req']:.2f}",
                      f"{a.get('rps_over_datasette', '–')}; {a.get('cpu_advantage_over_datasette', '–')}",
                      f"{a['rps_over_healthz']:.2f}"]
        d = per.get("datasette")
        cells += ([f"{d['p50_ms']:.1f} / {d['p99_ms']:.1f}", f"{d['rps']:.0f}", f"{d['cpu_ms_per_req']:.2f}",
                   f"{d['rps_over_healthz']:.2f}"] if d else ["–"] * 4)
        cells.append(f"{per['healthz']['rps']:.0f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def run(n_events: int, apis: list[tuple[str, Path]], rounds: int, only: list[str],
        database_url: str | None = None, cached: list[tuple[str, Path]] = ()) -> dict:
    path = None if database_url else qb.WORK / f"kb_{n_events}.db"
    url = database_url or build_sqlite(path, n_events)
    engine = create_engine(url)
    cases = [c for c in make_cases(engine) if c.sql and (not only or any(o in c.name for o in only))]
    if database_url:
        with engine.connect() as conn:
            n_events = conn.exec_driver_sql("SELECT count(*) FROM event").scalar()
    engine.dispose()
    labels = [label for label, _ in apis] + [label for label, _ in cached]
    with ExitStack() as stack:
        servers = {}
        for (label, source), cache_mb in [*((a, 0) for a in apis), *((c, CACHE_MB) for c in cached)]:
            port = qb.free_port()
            servers[label] = (port, stack.enter_context(serve_api_from(source, url, port, cache_mb)).pid)
        if path is not None:
            port = qb.free_port()
            servers["datasette"] = (port, stack.enter_context(qb.serve_datasette(path, port)).pid)
        first_port = servers[labels[0]][0]
        if not only or any(o in "events deep cursor page" for o in only):
            cursors, page = qb.deep_cursors(first_port, qb.DEEP_PAGE)
            cases.append(deep_page_case(cursors, page))
        results: list[dict] = []
        order = [*labels, *(["datasette"] if path is not None else [])]
        for k in range(rounds):
            this: dict = {}
            for case in cases:
                r = this[case.name] = {"healthz": measure(first_port, servers[labels[0]][1], ["/healthz"])}
                turn = order[k % len(order):] + order[:k % len(order)]
                for label in turn:
                    port, pid = servers[label]
                    paths = qb.datasette_paths(case, path.stem) if label == "datasette" else qb.api_paths(case)
                    r[label] = measure(port, pid, paths)
                qb.log(f"round {k + 1} {case.name:34s} " + "  ".join(
                    f"{lb} {r[lb]['rps']:.0f}/s {r[lb]['cpu_ms_per_req']:.2f}ms" for lb in ["healthz", *turn]))
            results.append(this)
    return {"events": n_events, "backend": make_url(url).get_backend_name(), "rounds": results,
            "summary": summarize(results, labels), "labels": labels, "load_average_end": os.getloadavg()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--api", action="append", default=[], help="label=source dir (repeat); default: this tree")
    ap.add_argument("--only", nargs="*", default=[], help="cases whose name contains one of these")
    ap.add_argument("--out", help="write the JSON here")
    ap.add_argument("--database-url", help="serve this (PostgreSQL) KB instead of the SQLite one; no datasette")
    ap.add_argument("--with-cache", action="store_true",
                    help=f"also serve each API with the response cache on ({CACHE_MB} MB), labelled <label>+cache: "
                         "every parameter set is a repeat after the first round, as a polling dashboard makes them")
    args = ap.parse_args(argv)
    apis = [(a.split("=", 1)[0], Path(a.split("=", 1)[1]).resolve()) for a in args.api] or [("api", qb.ROOT)]
    cached = [(f"{label}+cache", source) for label, source in apis] if args.with_cache else []
    load_start = os.getloadavg()
    out = run(args.events, apis, args.rounds, args.only, args.database_url, cached)
    out["load_average_start"] = load_start
    text = json.dumps(out, indent=1)
    if args.out:
        Path(args.out).write_text(text)
    print("\n".join(table(out["summary"], out["labels"])))
    print(text if not args.out else f"(JSON in {args.out})", file=sys.stderr)


if __name__ == "__main__":
    main()
