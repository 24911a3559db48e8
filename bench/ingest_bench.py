"""Ingestion benchmark: end-to-end documents/s and words/s through the real ingest path, against bare nlp.pipe.

python -m bench.ingest_bench --docs 300                 # speed (each mode in its own process, so peak RSS is its own)
python -m bench.ingest_bench --docs 10000 --modes e2e   # the 10k-document memory run

e2e   = app.documents.bulk.ingest: validate, extract_many (nlp.pipe + extractors), store_document +
        store_extraction, one commit per document, into a freshly migrated SQLite file; one process.
pipelined = the same with pipelined=True (what `eventkb ingest` does for more than one batch): a spawned
        process parses and extracts the next batch while this one stores the previous; it is started first
        (before the migration, as `eventkb ingest` starts it before opening the database), its start-up, model
        load and warm-up are timed, and peak RSS adds the parse process's own peak.
extract = extract_many only (no database), to split the cost between extraction and storage.
bare  = nlp.pipe over the same texts with the same pipeline and batch size: the spaCy ceiling.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.articles import articles

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
BATCH_SIZE = 16


def peak_rss_mb() -> float:
    """This process's peak resident set size (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def cpu_s(who: int) -> float:
    """User + system CPU seconds of this process or of its waited-for children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_mode(mode: str, n_docs: int) -> dict:
    """Time one mode over n_docs generated articles in this process."""
    from app.extract import get_nlp

    items = articles(n_docs)
    words = sum(len(a["text"].split()) for a in items)
    if mode != "pipelined":  # the pipelined writer never loads the model; its parse process does, timed
        nlp = get_nlp()
        nlp("Warm-up sentence so model loading is not timed.")
    rss_before = peak_rss_mb()
    cpu0 = cpu_s(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    extra: dict = {}
    if mode == "bare":
        for _ in nlp.pipe((a["text"] for a in items), batch_size=BATCH_SIZE):
            pass
    elif mode == "extract":
        from datetime import date

        from app.extract import extract_many

        counts = [0, 0, 0]
        for doc in extract_many(((a["text"], date.fromisoformat(a["published"])) for a in items),
                                batch_size=BATCH_SIZE):
            counts[0] += len(doc.actors)
            counts[1] += len(doc.events)
            counts[2] += len(doc.statements)
        extra = {"actors": counts[0], "events": counts[1], "statements": counts[2]}
    else:
        extra = _ingest(items, pipelined=mode == "pipelined")
    seconds = time.perf_counter() - t0
    # CPU seconds, which the other load on a shared machine moves far less than wall time: this process's (the
    # writer's when pipelined) and the parse process's (a child, counted once it has exited)
    extra["cpu_s"] = round(cpu_s(resource.RUSAGE_SELF) - cpu0, 2)
    if mode == "pipelined":
        extra["parse_process_cpu_s"] = round(cpu_s(resource.RUSAGE_CHILDREN), 2)
    peak = peak_rss_mb()
    if mode == "pipelined":  # writer + parse process, both resident at once
        extra["writer_peak_rss_mb"] = peak
        extra["parse_process_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
        peak = round(peak + extra["parse_process_peak_rss_mb"], 1)
    return {"mode": mode, "documents": n_docs, "words": words, "seconds": round(seconds, 2),
            "docs_per_s": round(n_docs / seconds, 2), "words_per_s": round(words / seconds, 1),
            "peak_rss_mb": peak, "rss_after_model_load_mb": rss_before, **extra}


def _ingest(items: list[dict], pipelined: bool = False) -> dict:
    """The real ingest path into a fresh SQLite KB; returns what was stored."""
    from app.documents.parse_process import ParseProcess

    # pipelined: the parse process is started first, as `eventkb ingest` starts it before it opens the database,
    # so its start-up overlaps the writer's imports and the migration (all of it inside the timed region)
    parser = ParseProcess() if pipelined else None
    from sqlalchemy import text

    from app import migrate
    from app.db import make_engine
    from app.documents.bulk import RawItem, ingest

    db = WORK / f"ingest_{len(items)}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{db}"
    migrate.upgrade(url)
    engine = make_engine(url)
    raw = (RawItem(name=f"article-{i}", text=a["text"], meta={k: a[k] for k in ("title", "published", "outlet")})
           for i, a in enumerate(items))
    # when each document was stored (or refused), in wall time and in this process's CPU time (the writer's when
    # pipelined: the parse process is another process): the rates early and late in the run
    done: list[tuple[float, float]] = []

    def progress(n: int) -> None:
        done.extend([(time.perf_counter(), time.process_time())] * n)
        if len(done) % PROGRESS_EVERY < n:  # a long run says how it is doing (stderr: stdout is the result)
            print(json.dumps({"progress": len(done), **recent(done), "writer_rss_mb": rss_mb(),
                              "parse_rss_mb": children_rss_mb()}), file=sys.stderr,
                  flush=True)

    try:
        summary = ingest(engine, raw, max_bytes=1_000_000, batch_size=BATCH_SIZE, pipelined=pipelined,
                         parser=parser, progress=progress)
    finally:
        if parser is not None:
            parser.close()
    with engine.connect() as conn:
        stored = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("document", "actor", "event", "statement", "evidence")}
    engine.dispose()
    return {"stored": stored, "failed": len(summary.failed), "failures": summary.failed[:3], **growth(done)}


PROGRESS_EVERY = 250


def rss_mb(pid: int | str = "self") -> float:
    """A process's current resident set size (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return round(int(f.read().split()[1]) * resource.getpagesize() / 2**20, 1)
    except OSError:
        return 0.0


def children_rss_mb() -> float:
    """The current resident set size of this process's children (the parse process when pipelined)."""
    import os

    try:
        with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as f:
            return round(sum(rss_mb(pid) for pid in f.read().split()), 1)
    except OSError:
        return 0.0


def recent(done: list[tuple[float, float]]) -> dict:
    """Seconds so far, and documents/s (wall and the writer's CPU) over the last PROGRESS_EVERY documents."""
    k = min(PROGRESS_EVERY, len(done) - 1)
    if k < 1:
        return {}
    return {"wall_s": round(done[-1][0] - done[0][0], 1), "cpu_s": round(done[-1][1] - done[0][1], 1),
            "recent_docs_per_s": round(k / max(done[-1][0] - done[-1 - k][0], 1e-9), 2),
            "recent_writer_cpu_docs_per_s": round(k / max(done[-1][1] - done[-1 - k][1], 1e-9), 2)}


def growth(done: list[tuple[float, float]]) -> dict:
    """Documents/s over the first and the last `window` documents (1,000, or a third of a shorter run): a writer
    whose cost per document grows with the knowledge base shows a last-window rate below the first. Wall time
    on a shared machine moves with the other load, so the writer's CPU time per document is given as well."""
    window = min(1000, len(done) // 3)
    if window < 10:
        return {}
    out: dict = {"window_docs": window}
    for name, k in (("", 0), ("writer_cpu_", 1)):
        first = window / max(done[window][k] - done[0][k], 1e-9)
        last = window / max(done[-1][k] - done[-1 - window][k], 1e-9)
        out |= {f"first_window_{name}docs_per_s": round(first, 2), f"last_window_{name}docs_per_s": round(last, 2),
                f"{name}last_over_first": round(last / first, 3)}
    return out


def run_isolated(mode: str, n_docs: int) -> dict:
    """run_mode in a child process, so each mode's peak memory is measured alone."""
    # stderr passes through: progress lines of a long run, and the traceback if the child fails
    out = subprocess.run([sys.executable, "-m", "bench.ingest_bench", "--child", mode, "--docs", str(n_docs)],
                         cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(n_docs: int = 300, modes: tuple[str, ...] = ("bare", "extract", "e2e", "pipelined")) -> dict:
    """All modes over the same n_docs articles, with the end-to-end / bare words-per-second ratio."""
    WORK.mkdir(parents=True, exist_ok=True)
    results = {mode: run_isolated(mode, n_docs) for mode in modes}
    if "bare" in results:
        bare = results["bare"]["words_per_s"]
        for mode in modes:
            if mode != "bare":
                results[f"{mode}_over_bare_words_per_s"] = round(results[mode]["words_per_s"] / bare, 3)
    return results


def main(argv: list[str] | None = None) -> None:
    """CLI entry point: prints the figures as JSON."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--modes", nargs="+", default=["bare", "extract", "e2e", "pipelined"])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        WORK.mkdir(parents=True, exist_ok=True)
        print(json.dumps(run_mode(args.child, args.docs)))
        return
    print(json.dumps(run(args.docs, tuple(args.modes)), indent=1))


if __name__ == "__main__":
    main()
