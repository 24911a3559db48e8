"""The writer alone: `app.documents.bulk.ingest` with extraction replaced by results extracted once beforehand.

python -m bench.writer_bench --docs 1200                      # extracts once (cached in bench/work), then stores
python -m bench.writer_bench --docs 300 --dump kb.txt          # and writes the whole KB as sorted text
python -m bench.writer_bench --docs 300 --profile writer.prof  # cProfile of the storing
python -m bench.writer_bench --docs 500 --after 9000 --base kb9000.db  # the 500 after 9,000, on a copy of a KB
                                                   # holding the first 9,000 (`--docs 9000` leaves one: --db or
                                                   # bench/work/writer_9000.db)

On a shared machine the wall time follows the other load; the writer's CPU time per document, and its rate over
the first and last third of the run, follow its own cost. Two dumps (`--dump`) of the same documents from two
versions of the writer are byte-identical when the writer's changes leave the knowledge base as it was: every
table but Alembic's and the FTS shadow tables, without the timestamp columns, rows sorted.
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import shutil
import time
from pathlib import Path

from bench.articles import articles

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"


def extracted(n_docs: int) -> tuple[list[dict], list]:
    """The first n_docs bench articles and their extraction (cached per n_docs)."""
    cache = WORK / f"extracted_{n_docs}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    # articles(n) is the first n of articles(m) for m > n, and extraction is per document: a larger cache serves
    larger = sorted((int(p.stem.split("_")[1]), p) for p in WORK.glob("extracted_*.pickle")
                    if int(p.stem.split("_")[1]) > n_docs)
    if larger:
        items, results = pickle.loads(larger[0][1].read_bytes())
        return items[:n_docs], results[:n_docs]
    from datetime import date

    from app.extract import extract_many

    items = articles(n_docs)
    result = (items, list(extract_many(((a["text"], date.fromisoformat(a["published"])) for a in items),
                                       batch_size=16)))
    WORK.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(result))
    return result


def run(n_docs: int, db: Path, dump: Path | None = None, profile: Path | None = None, after: int = 0,
        base: Path | None = None) -> dict:
    from app import migrate
    from app.db import make_engine
    from app.documents import bulk

    items, results = extracted(after + n_docs)
    # the cached extraction results (millions of objects) are the bench's fixture, not the writer's heap: frozen
    # out of the collector's generations, or every full collection of the writer would traverse them too
    gc.collect()
    gc.freeze()
    by_text = {item["text"]: result for item, result in zip(items, results, strict=True)}
    bulk._extract_each = lambda texts, batch_size, n_process=1: [by_text[text] for text, _ in texts]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    if base is not None:  # a KB that already holds the first `after` documents: measure the writer at that size
        shutil.copyfile(base, db)
    url = f"sqlite:///{db}"
    migrate.upgrade(url)
    engine = make_engine(url)
    raw = [bulk.RawItem(name=f"article-{i}", text=a["text"], meta={k: a[k] for k in ("title", "published", "outlet")})
           for i, a in enumerate(items)][after:]
    done: list[tuple[float, float]] = []
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    wall, cpu = time.perf_counter(), time.process_time()
    summary = bulk.ingest(engine, raw, max_bytes=1_000_000, batch_size=16,
                          progress=lambda n: done.extend([(time.perf_counter(), time.process_time())] * n))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    third = len(done) // 3

    def rate(lo: int, hi: int) -> float:
        return (hi - lo) / max(done[hi][1] - done[lo][1], 1e-9)

    out = {"documents": n_docs, "stored": summary.stored, "failed": len(summary.failed), "wall_s": round(wall, 2),
           "cpu_s": round(cpu, 2), "cpu_ms_per_doc": round(1000 * cpu / n_docs, 1)}
    if third >= 10:
        first, last = rate(0, third), rate(len(done) - 1 - third, len(done) - 1)
        out |= {"window_docs": third, "first_window_cpu_docs_per_s": round(first, 2),
                "last_window_cpu_docs_per_s": round(last, 2), "cpu_last_over_first": round(last / first, 3)}
    if len(done) >= 2 * 1000:  # the measure: the last 1,000 documents against the first 1,000
        def ms(lo: int, hi: int) -> float:  # as `rate`: from the batch that holds document lo to the one of hi
            return round(1000 / rate(lo, hi), 1)

        last = len(done) - 1
        out |= {"first_1000_cpu_ms_per_doc": ms(0, 1000), "last_1000_cpu_ms_per_doc": ms(last - 1000, last),
                "cpu_ms_per_doc_by_1000": [ms(lo, min(lo + 1000, last)) for lo in range(0, last - 1, 1000)]}
        out["cpu_last_1000_over_first_1000"] = round(out["first_1000_cpu_ms_per_doc"]
                                                     / out["last_1000_cpu_ms_per_doc"], 3)
    if dump:
        write_dump(engine, dump)
    engine.dispose()
    return out


def write_dump(engine, path: Path) -> None:
    """Every row of the knowledge base as sorted text (no timestamps), to compare two writers' results."""
    from sqlalchemy import inspect, text

    insp = inspect(engine)
    with engine.connect() as conn, open(path, "w") as f:
        for table in sorted(insp.get_table_names()):
            if table.startswith("alembic") or "fts" in table:
                continue
            cols = [c["name"] for c in insp.get_columns(table) if not c["name"].endswith("_at") and c["name"] != "at"]
            rows = conn.execute(text(f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {table}")).all()
            f.write(f"## {table} {len(rows)} {cols}\n")
            for row in sorted(rows, key=repr):
                f.write(repr(tuple(row)) + "\n")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--dump", type=Path, default=None)
    ap.add_argument("--profile", type=Path, default=None)
    ap.add_argument("--after", type=int, default=0, help="skip the first AFTER documents (held by --base)")
    ap.add_argument("--base", type=Path, default=None, help="a KB (SQLite file) holding the first AFTER documents")
    args = ap.parse_args(argv)
    if (args.base is None) != (args.after == 0):
        ap.error("--after and --base go together")
    db = args.db or WORK / (f"writer_{args.after}+{args.docs}.db" if args.after else f"writer_{args.docs}.db")
    print(json.dumps(run(args.docs, db, args.dump, args.profile, args.after, args.base)))


if __name__ == "__main__":
    main()
