"""Run every benchmark, write bench/results/*.json and print (and put in bench/README.md) a markdown summary.

python -m bench.run_all                          # SQLite 10k + 1M, PostgreSQL 1M, ingestion over 300 articles
python -m bench.run_all --sizes 10000 100000 --pg-sizes --ingest-docs 100   # quicker
python -m bench.run_all --memory-docs 10000      # also the 10k-document ingestion memory run (~10+ minutes)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bench import ingest_bench, query_bench

RESULTS = Path(__file__).resolve().parent / "results"
README = Path(__file__).resolve().parent / "README.md"
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
# issue 16: every list case >= 1.0x datasette and >= 0.3x /healthz; p99 < 50 ms on filtered lists and < 100 ms
# on the one-actor timeline; the writer's documents/s over the last window >= 0.8x the first
TARGET_P99_MS, TARGET_HEALTHZ, TARGET_DATASETTE, TARGET_TIMELINE_P99_MS = 50, 0.3, 1.0, 100
TARGET_GROWTH, TARGET_INGEST, TARGET_RSS_MB, TARGET_WRITER_GROWTH = 2.0, 0.6, 1536, 0.8


def machine() -> dict:
    """What the figures were measured on (the machine may be shared: load averages are recorded too)."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
    import spacy

    try:
        pg = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
                            capture_output=True, text=True, timeout=10).stdout.strip() or None
    except (OSError, subprocess.TimeoutExpired):
        pg = None
    return {"date": datetime.now(UTC).isoformat(timespec="seconds"), "cpu": cpu, "cores": os.cpu_count(),
            "memory_gb": round(mem_kb / 1024 / 1024, 1), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "spacy": spacy.__version__, "postgresql": pg,
            "load_average": os.getloadavg()}


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def query_table(q: dict) -> list[str]:
    """Markdown rows: one per query, SQLite at every size, PostgreSQL at the largest, and the ratios."""
    sqlite_sizes = sorted(q["sqlite"], key=int)
    big = q["sqlite"][sqlite_sizes[-1]] if sqlite_sizes else None
    pg_sizes = sorted(q["postgresql"], key=int)
    pg = q["postgresql"][pg_sizes[-1]] if pg_sizes else None
    n_big = f"{int(sqlite_sizes[-1]):,}" if sqlite_sizes else "?"
    lines = [
        f"| query (SQLite {n_big} events unless said) | p50 ms | p99 ms | req/s | vs /healthz | vs datasette "
        f"| p50 growth {int(sqlite_sizes[0]):,}→{n_big} | PG p50 / p99 ms | PG req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    if big is None:
        return lines
    h = big["healthz"]
    lines.append(f"| /healthz (ceiling) | {_fmt(h['p50_ms'], 2)} | {_fmt(h['p99_ms'], 2)} | {_fmt(h['rps'], 0)} "
                 f"| 1.00 | | | {_fmt(pg['healthz']['p50_ms'], 2) if pg else '–'} | "
                 f"{_fmt(pg['healthz']['rps'], 0) if pg else '–'} |")
    growth = q.get("sqlite_p50_growth", {})
    for name, r in big["cases"].items():
        a = r["api"]
        ds = r.get("datasette")
        pgr = pg["cases"].get(query_bench._growth_key(pg["cases"], name) or "", None) if pg else None
        ds_text = f" ({_fmt(ds['rps'], 0)} req/s)" if ds else ""
        pg_lat = f"{_fmt(pgr['api']['p50_ms'])} / {_fmt(pgr['api']['p99_ms'])}" if pgr else "–"
        pg_rps = _fmt(pgr["api"]["rps"], 0) if pgr else "–"
        lines.append(
            f"| {name} | {_fmt(a['p50_ms'])} | {_fmt(a['p99_ms'])} | {_fmt(a['rps'], 0)} "
            f"| {_fmt(r['api_rps_over_healthz'], 2)} | {_fmt(r.get('api_rps_over_datasette'), 2)}{ds_text} "
            f"| {_fmt(growth.get(name), 2)}{'x' if name in growth else ''} | {pg_lat} | {pg_rps} |")
    return lines


def ingest_table(i: dict) -> list[str]:
    """Markdown rows for the ingestion modes."""
    lines = ["| ingestion mode | docs | docs/s | words/s | vs bare spaCy | peak RSS MB |",
             "|---|---:|---:|---:|---:|---:|"]
    for key, r in i.items():
        if isinstance(r, dict) and "mode" in r:
            ratio = i.get(f"{key}_over_bare_words_per_s", 1.0 if key == "bare" else None)
            lines.append(f"| {key} | {r['documents']} | {_fmt(r['docs_per_s'], 2)} | {_fmt(r['words_per_s'], 0)} "
                         f"| {_fmt(ratio, 2)} | {_fmt(r['peak_rss_mb'], 0)} |")
    return lines


def verdicts(q: dict, i: dict) -> list[str]:
    """One line per target: met or missed, and by how much."""
    out = []
    sizes = sorted(q.get("sqlite", {}), key=int)
    if sizes:
        big = q["sqlite"][sizes[-1]]["cases"]
        lists = {n: r for n, r in big.items() if r["filtered_list"]}
        worst = max(lists.items(), key=lambda kv: kv[1]["api"]["p99_ms"])
        out.append(f"- p99 < {TARGET_P99_MS} ms for filtered lists: worst {worst[0]} {worst[1]['api']['p99_ms']} ms "
                   f"({'met' if worst[1]['api']['p99_ms'] < TARGET_P99_MS else 'MISSED'})")
        timeline = big.get("timeline by month (one actor)")
        if timeline:
            p99 = timeline["api"]["p99_ms"]
            out.append(f"- p99 < {TARGET_TIMELINE_P99_MS} ms for the one-actor timeline: {p99} ms "
                       f"({'met' if p99 < TARGET_TIMELINE_P99_MS else 'MISSED'})")
        low = min(lists.items(), key=lambda kv: kv[1]["api_rps_over_healthz"])
        out.append(f"- list throughput >= {TARGET_HEALTHZ:.0%} of /healthz: lowest {low[0]} "
                   f"{low[1]['api_rps_over_healthz']:.2f}"
                   f" ({'met' if low[1]['api_rps_over_healthz'] >= TARGET_HEALTHZ else 'MISSED'})")
        ds = {n: r["api_rps_over_datasette"] for n, r in lists.items() if "api_rps_over_datasette" in r}
        if ds:
            n, v = min(ds.items(), key=lambda kv: kv[1])
            out.append(f"- >= {TARGET_DATASETTE}x datasette: lowest {n} {v:.2f}x "
                       f"({'met' if v >= TARGET_DATASETTE else 'MISSED'})")
        g = q.get("sqlite_p50_growth", {})
        if g:
            n, v = max(g.items(), key=lambda kv: kv[1])
            verdict = "met" if v <= TARGET_GROWTH else "MISSED"
            out.append(f"- p50 growth <= {TARGET_GROWTH}x: worst {n} {v:.2f}x ({verdict})")
    for key, label in (("e2e", "one process"), ("pipelined", "parse process + writer, `eventkb ingest`")):
        if f"{key}_over_bare_words_per_s" in i:
            v = i[f"{key}_over_bare_words_per_s"]
            out.append(f"- ingestion >= {TARGET_INGEST}x bare spaCy words/s ({label}): {v:.2f}x "
                       f"({'met' if v >= TARGET_INGEST else 'MISSED'})")
    runs = [r for r in i.values() if isinstance(r, dict) and r.get("mode") in ("e2e", "pipelined")]
    grown = [r for r in runs if "last_over_first" in r]
    if grown:
        r = max(grown, key=lambda r: r["documents"])
        out.append(f"- writer docs/s over the last {r['window_docs']:,} documents >= {TARGET_WRITER_GROWTH}x the first "
                   f"{r['window_docs']:,} ({r['mode']}, {r['documents']:,} documents): {r['last_over_first']:.2f}x "
                   f"({r['first_window_docs_per_s']} then {r['last_window_docs_per_s']} docs/s; writer CPU "
                   f"{r.get('writer_cpu_last_over_first', float('nan')):.2f}x; "
                   f"{'met' if r['last_over_first'] >= TARGET_WRITER_GROWTH else 'MISSED'})")
    if runs:
        m = max(runs, key=lambda r: r["documents"])
        ok = m["peak_rss_mb"] < TARGET_RSS_MB
        verdict = ("met" if ok else "MISSED") if m["documents"] >= 10_000 else (
            f"{'under' if ok else 'OVER'} at {m['documents']:,}; the 10k run (`--memory-docs 10000`) was not made")
        out.append(f"- peak RSS < 1.5 GB ingesting 10k docs: {m['peak_rss_mb']:.0f} MB at {m['documents']:,} docs "
                   f"({verdict})")
    return out


def summary_markdown(info: dict, q: dict, i: dict) -> str:
    """The README section."""
    head = (f"Measured {info['date']} on {info['cpu']} ({info['cores']} cores, {info['memory_gb']} GB), Python "
            f"{info['python']}, SQLite {info['sqlite']}, PostgreSQL {info['postgresql']}, spaCy {info['spacy']}; "
            f"load average at start {', '.join(f'{x:.1f}' for x in info['load_average'])} (shared machine).")
    return "\n".join([head, "", *query_table(q), "", *ingest_table(i), "", "Targets:", *verdicts(q, i)])


def update_readme(markdown: str) -> None:
    """Replace the results section of bench/README.md between its markers."""
    text = README.read_text() if README.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    before, rest = text.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    README.write_text(f"{before}{BEGIN}\n{markdown}\n{END}{after}")


def main(argv: list[str] | None = None) -> None:
    """Run, save, print."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    ap.add_argument("--pg-sizes", type=int, nargs="*", default=[1_000_000])
    ap.add_argument("--ingest-docs", type=int, default=300)
    ap.add_argument("--memory-docs", type=int, default=0, help="also ingest this many documents for peak memory")
    ap.add_argument("--skip-query", action="store_true")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--results", type=Path, default=RESULTS, help="where the JSON goes (README only for the default)")
    args = ap.parse_args(argv)
    results = args.results
    results.mkdir(parents=True, exist_ok=True)
    info = machine()
    q = {"sqlite": {}, "postgresql": {}}
    i: dict = {}
    if not args.skip_query:
        q = query_bench.run(args.sizes, args.pg_sizes)
        (results / "query.json").write_text(json.dumps({"machine": info, **q}, indent=1, default=str))
    elif (results / "query.json").exists():
        q = json.loads((results / "query.json").read_text())
    if not args.skip_ingest:
        i = ingest_bench.run(args.ingest_docs)
        if args.memory_docs:
            i[f"e2e_{args.memory_docs}"] = ingest_bench.run_isolated("e2e", args.memory_docs)
        (results / "ingest.json").write_text(json.dumps({"machine": info, **i}, indent=1, default=str))
    elif (results / "ingest.json").exists():
        i = json.loads((results / "ingest.json").read_text())
    # `python -m bench.ingest_bench --docs N --modes pipelined > bench/results/ingest_growth.json`: the long run
    for long_run in (results / "ingest_growth.json", results / "ingest_10k.json"):
        if long_run.exists() and not any(isinstance(r, dict) and r.get("documents", 0) > 1000 for r in i.values()):
            run = json.loads(long_run.read_text())["pipelined"]
            i[f"pipelined_{run['documents']}"] = run
    if args.skip_query and "machine" in q:
        info = q["machine"]  # the header describes when and where the query figures were measured
    q = {k: v for k, v in q.items() if k != "machine"}
    i = {k: v for k, v in i.items() if k != "machine"}
    markdown = summary_markdown(info, q, i)
    (results / "summary.json").write_text(json.dumps({"machine": info, "verdicts": verdicts(q, i)}, indent=1))
    if results == RESULTS:
        update_readme(markdown)
    print(markdown)


if __name__ == "__main__":
    main()
