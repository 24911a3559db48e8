"""Query benchmark: uvicorn (1 worker) on loopback against a generated KB, side by side with /healthz and datasette.

python -m bench.query_bench --events 10000 1000000            # SQLite, builds missing KBs under bench/work/
python -m bench.query_bench --events 1000000 --pg             # also PostgreSQL (database eventkb_bench_<n>)

Latency (p50/p99) comes from one sequential client after a warm-up, so no request waits in a queue;
throughput from CONCURRENCY keep-alive clients for THROUGHPUT_SECONDS. The load generator uses the standard
library's http.client (keep-alive, no parsing) because httpx costs ~0.3 ms of client CPU per request, which
on two cores would cap the /healthz ceiling at the client, not the server.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from urllib.parse import urlencode

import httpx
import numpy as np
from sqlalchemy import create_engine

from bench.cases import API, Case, deep_page_case, make_cases
from bench.generate import build, build_sqlite, recreate_pg_database, schema_revision

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
VENV_BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """A command-line tool (datasette, py-spy) from this virtualenv, else from PATH: the benchmark tools may live
    in a virtualenv of their own, so that installing them does not move the app's dependencies."""
    local = VENV_BIN / name
    return str(local) if local.exists() else (shutil.which(name) or str(local))
PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
LATENCY_SECONDS, MAX_LATENCY_REQUESTS, WARMUP = 4.0, 400, 10
THROUGHPUT_SECONDS, CONCURRENCY = 3.0, 4
DEEP_PAGE = 1000


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, path: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Block until GET path answers 200 (or the server died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}{path}", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"server on {port} not ready")


@contextmanager
def serve(cmd: list[str], port: int, ready_path: str, env: dict | None = None):
    """Run a server subprocess for the duration of the block; stopped by its own pid afterwards."""
    log = open(WORK / f"server_{port}.log", "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_ready(port, ready_path, proc)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def serve_api(database_url: str, port: int):
    """eventkb under uvicorn with one worker, as the brief's command line runs it."""
    # without the response cache: the parameter sets rotate, and every round after the first would be a stored
    # response instead of the list's SQL (bench.side_by_side --with-cache measures that separately)
    env = {"EVENTKB_DATABASE_URL": database_url, "EVENTKB_SEED_ON_STARTUP": "false", "EVENTKB_LOG_LEVEL": "WARNING",
           "EVENTKB_RESPONSE_CACHE_MB": "0"}
    return serve([str(VENV_BIN / "uvicorn"), "app.main:create_app", "--factory", "--workers", "1",
                  "--host", "127.0.0.1", "--port", str(port)], port, "/healthz", env)


def serve_datasette(db_path: Path, port: int):
    """datasette on the same SQLite file; time limit raised so slow queries are measured, not cut at 1 s."""
    return serve([tool("datasette"), "serve", str(db_path), "--host", "127.0.0.1", "--port", str(port),
                  "--setting", "sql_time_limit_ms", "60000", "--setting", "max_returned_rows", "5000"],
                 port, "/-/versions.json")


def datasette_db_name(db_path: Path) -> str:
    return db_path.stem


class Load:
    """Keep-alive GETs against one server, rotating through a list of request paths."""

    def __init__(self, port: int, paths: list[str]):
        self.port, self.paths = port, paths

    def _get(self, conn: http.client.HTTPConnection, path: str) -> int:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            raise RuntimeError(f"{resp.status} for {path}")
        return resp.status

    def latency(self) -> dict:
        """p50/p99/mean in ms from one sequential client after a warm-up."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        for i in range(WARMUP):
            self._get(conn, self.paths[i % len(self.paths)])
        times: list[float] = []
        stop = time.perf_counter() + LATENCY_SECONDS
        while len(times) < 20 or (time.perf_counter() < stop and len(times) < MAX_LATENCY_REQUESTS):
            path = self.paths[len(times) % len(self.paths)]
            t0 = time.perf_counter()
            self._get(conn, path)
            times.append((time.perf_counter() - t0) * 1000)
        conn.close()
        arr = np.array(times)
        return {"p50_ms": round(float(np.percentile(arr, 50)), 2), "p99_ms": round(float(np.percentile(arr, 99)), 2),
                "mean_ms": round(float(arr.mean()), 2), "n": len(times)}

    def throughput(self) -> dict:
        """Requests/s completed by CONCURRENCY clients in THROUGHPUT_SECONDS."""
        counts = [0] * CONCURRENCY
        errors: list[str] = []
        stop = time.perf_counter() + THROUGHPUT_SECONDS

        def client(k: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            i = k
            try:
                while time.perf_counter() < stop:
                    self._get(conn, self.paths[i % len(self.paths)])
                    counts[k] += 1
                    i += CONCURRENCY
            except Exception as exc:
                errors.append(repr(exc))
            conn.close()

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(CONCURRENCY)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        out = {"rps": round(sum(counts) / elapsed, 1)}
        if errors:
            out["errors"] = errors[:3]
        return out

    def measure(self) -> dict:
        return {**self.latency(), **self.throughput()}


def api_paths(case: Case) -> list[str]:
    return [f"{case.path}?{urlencode(p)}" for p in case.api_params]


def datasette_paths(case: Case, db_name: str) -> list[str]:
    return [f"/{db_name}.json?{urlencode({'sql': case.sql, '_shape': 'objects', **p})}" for p in case.sql_params]


def deep_cursors(port: int, page: int, extra: int = 4) -> tuple[list[str], int]:
    """Cursors of pages page..page+extra of the unfiltered event list (the last pages when the KB is smaller)."""
    cursors: list[str] = []  # cursors[j] fetches page j + 2
    cursor = None
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
        while len(cursors) < page - 2 + extra + 1:
            params = {"limit": 50, "count": "false", **({"cursor": cursor} if cursor else {})}
            cursor = client.get(f"{API}/events", params=params).raise_for_status().json()["next_cursor"]
            if not cursor:
                break
            cursors.append(cursor)
    first = max(2, min(page, len(cursors) + 1 - extra))
    return cursors[first - 2: first - 2 + extra + 1], first


def log(message: str) -> None:
    """Progress to stderr, so stdout stays JSON."""
    print(message, file=sys.stderr, flush=True)


def run_target(database_url: str, db_path: Path | None, with_datasette: bool) -> dict:
    """All cases against one KB: the API, its /healthz ceiling and (SQLite) datasette, interleaved per case.

    Both servers stay up and each case is measured on both back to back, with /healthz measured again around
    every case: the machine is shared, and interleaving keeps each ratio's two sides under the same load.
    """
    engine = create_engine(database_url)
    cases = make_cases(engine)
    engine.dispose()
    results: dict = {"database_url": database_url, "load_average_start": os.getloadavg(), "cases": {}}
    api_port, ds_port = free_port(), free_port()
    ds_ctx = serve_datasette(db_path, ds_port) if with_datasette and db_path is not None else nullcontext()
    with serve_api(database_url, api_port), ds_ctx as ds_proc:
        cursors, page = deep_cursors(api_port, DEEP_PAGE)
        cases.append(deep_page_case(cursors, page))
        healthz = []
        for case in cases:
            healthz.append(Load(api_port, ["/healthz"]).measure())
            r = results["cases"][case.name] = {"filtered_list": case.filtered_list,
                                               "api": Load(api_port, api_paths(case)).measure()}
            if ds_proc is not None and case.sql:
                r["datasette"] = Load(ds_port, datasette_paths(case, datasette_db_name(db_path))).measure()
            r["api_rps_over_healthz"] = round(r["api"]["rps"] / healthz[-1]["rps"], 3)
            if "datasette" in r:
                r["api_rps_over_datasette"] = round(r["api"]["rps"] / max(r["datasette"]["rps"], 0.01), 2)
            log(f"    {case.name:36s} api {r['api']}  datasette {r.get('datasette')}  healthz rps {healthz[-1]['rps']}")
    best = max(healthz, key=lambda h: h["rps"])
    results["healthz"] = {**best, "rps_all_rounds": [h["rps"] for h in healthz]}
    results["load_average_end"] = os.getloadavg()
    return results


def sqlite_target(n_events: int) -> tuple[str, Path]:
    """URL and path of the SQLite KB of n_events (built if missing)."""
    path = WORK / f"kb_{n_events}.db"
    log(f"  KB {path.name}: building if needed")
    return build_sqlite(path, n_events), path


def pg_target(n_events: int) -> str:
    """URL of the PostgreSQL KB of n_events (rebuilt when its size marker disagrees)."""
    from sqlalchemy.engine import make_url

    url = make_url(PG_ADMIN).set(database=f"eventkb_bench_{n_events}").render_as_string(hide_password=False)
    marker = WORK / f"pg_{n_events}.json"
    info = json.loads(marker.read_text()) if marker.exists() else {}
    if info.get("events") != n_events or info.get("revision") != schema_revision():
        recreate_pg_database(url)
        marker.write_text(json.dumps(build(url, n_events), indent=1))
    return url


def _growth_key(cases: dict, name: str) -> str | None:
    if name in cases:
        return name
    return next((n for n in cases if n.split(" (")[0] == name.split(" (")[0]), None)


def p50_growth(by_size: dict[int, dict]) -> dict[str, float]:
    """p50 at the largest size over p50 at the smallest, per case (deep pages matched by prefix)."""
    sizes = sorted(by_size)
    if len(sizes) < 2:
        return {}
    small, big = by_size[sizes[0]]["cases"], by_size[sizes[-1]]["cases"]
    out = {}
    for name, r in big.items():
        key = _growth_key(small, name)
        if key:
            out[name] = round(r["api"]["p50_ms"] / small[key]["api"]["p50_ms"], 2)
    return out


def run(sizes: list[int], pg_sizes: list[int]) -> dict:
    """The whole query benchmark; returns a JSON-able dict."""
    WORK.mkdir(parents=True, exist_ok=True)
    out: dict = {"sqlite": {}, "postgresql": {}}
    for n in sizes:
        url, path = sqlite_target(n)
        log(f"  SQLite {n:,} events")
        out["sqlite"][n] = run_target(url, path, with_datasette=True)
    for n in pg_sizes:
        log(f"  PostgreSQL {n:,} events")
        out["postgresql"][n] = run_target(pg_target(n), None, with_datasette=False)
    out["sqlite_p50_growth"] = p50_growth(out["sqlite"])
    out["postgresql_p50_growth"] = p50_growth(out["postgresql"])
    return out


def main(argv: list[str] | None = None) -> None:
    """CLI entry point: prints the figures as JSON."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, nargs="+", default=[10_000, 1_000_000])
    ap.add_argument("--pg", type=int, nargs="*", default=None, help="PostgreSQL sizes (default: the largest)")
    args = ap.parse_args(argv)
    pg = [] if args.pg is None else (args.pg or [max(args.events)])
    print(json.dumps(run(args.events, pg), indent=1))


if __name__ == "__main__":
    main()
