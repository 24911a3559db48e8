"""Where pipelined ingestion's time goes: a timeline of the writer and the parse process on one clock.

python -m bench.ingest_timeline --docs 300 [--json out.json]

Runs what `bench.ingest_bench --modes pipelined` times (the same articles, fresh SQLite KB, migration, ingest with
pipelined=True and batch size 16) with probes: the writer's imports, migration, pool start, reference data loads,
each batch's submission, each wait for a batch's results, each document's store; the parse process's exec, its
initializer, lexicon/spaCy/model load and each batch's parse + extraction (with the time inside our extractors and
the pickled size of the results). Prints the phases and per-batch lines; the raw events go to --json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench import timeline_hooks as hooks
from bench.articles import articles  # as bench.ingest_bench: the parse process imports the main module's imports

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
BATCH_SIZE = 16


def _patch_runner(runner) -> None:
    """Probes in what starts the parse process (app.documents.parse_process, or bulk in older trees)."""
    if runner.__name__.endswith("bulk"):
        runner._exit_with_parent, runner._load_model = hooks.child_init, hooks.child_load_model
    else:
        runner.exit_with_parent, runner.load_model = hooks.child_init, hooks.child_load_model
    real_pool = runner.ProcessPoolExecutor

    class Pool(real_pool):
        def __init__(self, *a, **k):
            hooks.mark("writer:pool:create")
            super().__init__(*a, **k)

    runner.ProcessPoolExecutor = Pool


def _patch_writer() -> None:
    from app.documents import bulk
    from app.extract import lexicon as lexicon_mod
    from app.places import gazetteer as gazetteer_mod

    bulk._extract_batch = hooks.child_extract_batch

    def wrap(mod, name, label):
        real = getattr(mod, name)

        def timed(*a, **k):
            hooks.mark(f"writer:{label}:start")
            try:
                return real(*a, **k)
            finally:
                hooks.mark(f"writer:{label}:end")

        setattr(mod, name, timed)

    wrap(lexicon_mod, "lexicon", "lexicon")
    wrap(gazetteer_mod, "gazetteer", "gazetteer")

    real_init, real_results = bulk._Extractor.__init__, bulk._Extractor.results
    counter = iter(range(10**6))

    def init(self, pool, texts, batch_size, n_process):
        self.batch_no = next(counter)
        hooks.mark("writer:submit", batch=self.batch_no, n=len(texts))
        real_init(self, pool, texts, batch_size, n_process)

    def results(self):
        hooks.mark("writer:wait:start", batch=self.batch_no)
        out = list(real_results(self))
        hooks.mark("writer:wait:end", batch=self.batch_no)
        return iter(out)

    bulk._Extractor.__init__, bulk._Extractor.results = init, results

    real_store = bulk.store_document

    def store_document(session, new, result):
        t, c = time.perf_counter(), time.process_time()
        out = real_store(session, new, result)
        hooks.mark("writer:store", s=round(time.perf_counter() - t, 4), store_cpu=round(time.process_time() - c, 4))
        return out

    bulk.store_document = store_document


def run(n_docs: int) -> list[dict]:
    trace = Path(tempfile.mkstemp(prefix="timeline-", suffix=".jsonl")[1])
    os.environ["EVENTKB_TIMELINE"] = str(trace)  # inherited by the spawned parse process
    items = articles(n_docs)
    hooks.mark("writer:t0")  # bench.ingest_bench's t0 for the pipelined mode
    parser = None
    try:  # as this tree's bench.ingest_bench does: the parse process first, when the tree can start it apart
        from app.documents import parse_process
    except ImportError:
        pass
    else:
        _patch_runner(parse_process)
        parser = parse_process.ParseProcess()
    from app import migrate
    from app.db import make_engine
    from app.documents import bulk

    hooks.mark("writer:imports")
    if parser is None:
        _patch_runner(bulk)
    _patch_writer()
    WORK.mkdir(parents=True, exist_ok=True)
    db = WORK / f"timeline_{n_docs}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{db}"
    migrate.upgrade(url)
    hooks.mark("writer:migrated")
    engine = make_engine(url)
    raw = (bulk.RawItem(name=f"article-{i}", text=a["text"],
                        meta={k: a[k] for k in ("title", "published", "outlet")}) for i, a in enumerate(items))
    hooks.mark("writer:ingest:start")
    if parser is None:
        bulk.ingest(engine, raw, max_bytes=1_000_000, batch_size=BATCH_SIZE, pipelined=True)
    else:
        with parser:
            bulk.ingest(engine, raw, max_bytes=1_000_000, batch_size=BATCH_SIZE, parser=parser)
    hooks.mark("writer:ingest:end")
    engine.dispose()
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    trace.unlink()
    return events


def report(events: list[dict]) -> dict:
    t0 = next(e["t"] for e in events if e["what"] == "writer:t0")
    writer_pid = events[0]["pid"]
    out: dict = {"phases": [], "batches": []}

    def rel(t: float) -> float:
        return round(t - t0, 3)

    stores = [e for e in events if e["what"] == "writer:store"]
    seen: set[str] = set()
    for e in events:
        if e["what"] in ("writer:store",) or e["what"] in seen and e["what"].startswith(("writer:lex", "writer:gaz")):
            continue
        seen.add(e["what"])
        if e["what"].startswith("child:batch") or e["what"].startswith("writer:wait") or e["what"] == "writer:submit":
            continue
        row = {"at": rel(e["t"]), "cpu": round(e["cpu"], 2), "what": e["what"]}
        if e["what"] == "child:exec":
            row["exec_at"] = rel(e["at"])
        if e["what"] == "child:init":
            row["hooks_imported_at"] = rel(e["hooks_imported"])
            row["modules"], row["heavy"] = e["modules"], e["heavy"]
        out["phases"].append(row)
    by_batch: dict[int, dict] = {}
    child_batches = [e for e in events if e["what"].startswith("child:batch")]
    starts = [e for e in child_batches if e["what"] == "child:batch:start"]
    ends = [e for e in child_batches if e["what"] == "child:batch:end"]
    for e in events:
        if e["what"] in ("writer:submit", "writer:wait:start", "writer:wait:end"):
            by_batch.setdefault(e["batch"], {})[e["what"].split(":", 1)[1]] = rel(e["t"])
    for i, (s, e) in enumerate(zip(starts, ends, strict=False)):
        b = by_batch.setdefault(i, {})
        b |= {"parse_start": rel(s["t"]), "parse_end": rel(e["t"]), "parse_s": round(e["t"] - s["t"], 3),
              "parse_cpu": round(e["cpu"] - s["cpu"], 3), "extract_s": e["extract_s"],
              "pickle_kb": round(e["pickle_bytes"] / 1024), "pickle_s": e["pickle_s"]}
    out["batches"] = [{"batch": k, **v} for k, v in sorted(by_batch.items())]
    end = next(e for e in events if e["what"] == "writer:ingest:end")
    wcpu0 = next(e["cpu"] for e in events if e["what"] == "writer:t0")
    child_cpu = max((e["cpu"] for e in events if e["pid"] != writer_pid), default=0.0)
    first_store = stores[0]["t"] if stores else end["t"]
    out["summary"] = {
        "total_s": rel(end["t"]), "writer_cpu_s": round(end["cpu"] - wcpu0, 2),
        "parse_cpu_s_at_last_event": round(child_cpu, 2),
        "store_s": round(sum(e["s"] for e in stores), 2), "store_cpu_s": round(sum(e["store_cpu"] for e in stores), 2),
        "first_store_at": rel(first_store),
        "writer_waiting_s": round(sum(b.get("wait:end", 0) - b.get("wait:start", 0) for b in by_batch.values()), 2),
        "parse_busy_s": round(sum(e["t"] - s["t"] for s, e in zip(starts, ends, strict=False)), 2),
        "parse_cpu_batches_s": round(sum(e["cpu"] - s["cpu"] for s, e in zip(starts, ends, strict=False)), 2),
        "extract_s": round(sum(e["extract_s"] for e in ends), 2),
        "extract_cpu_s": round(sum(e["extract_cpu"] for e in ends), 2),
        "parse_ready_at": next((rel(e["t"]) for e in events if e["what"] in ("child:warmed up", "child:model loaded")
                                and not any(x["what"] == "child:warmed up" for x in events)
                                or e["what"] == "child:warmed up"), None),
        "parse_cpu_at_ready": next((round(e["cpu"], 2) for e in reversed(events)
                                    if e["what"] in ("child:warmed up", "child:model loaded")), None),
        "first_parse_start": rel(starts[0]["t"]) if starts else None,
        "last_parse_end": rel(ends[-1]["t"]) if ends else None,
    }
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    events = run(args.docs)
    if args.json:
        args.json.write_text(json.dumps(events))
    out = report(events)
    for row in out["phases"]:
        print(json.dumps(row))
    for row in out["batches"]:
        print(json.dumps(row))
    print(json.dumps(out["summary"], indent=1))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
