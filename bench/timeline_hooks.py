"""Timeline probes for pipelined ingestion (bench.ingest_timeline): wrappers the parse process imports by name.

Every probe appends one JSON line (wall time, CPU time of its process, pid, what) to the file named by
EVENTKB_TIMELINE, so the writer's and the parse process's events can be merged on one clock.
"""

from __future__ import annotations

import json
import os
import time

_T_IMPORT = time.time()  # when the parse process imported this module (its initializer's unpickling)


def mark(what: str, **extra) -> None:
    path = os.environ.get("EVENTKB_TIMELINE")
    if not path:
        return
    with open(path, "a") as f:
        f.write(json.dumps({"t": time.time(), "cpu": time.process_time(), "pid": os.getpid(), "what": what,
                            **extra}) + "\n")


def _proc_start() -> float:
    """This process's start time on the wall clock (from /proc: clock ticks since boot)."""
    with open("/proc/self/stat") as f:
        ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        up = float(f.read().split()[0])
    return time.time() - up + ticks / os.sysconf("SC_CLK_TCK")


def child_init(parent_pid: int) -> None:
    """Initializer of the parse process: when it started, what it had imported, then the real initializer."""
    import sys

    mark("child:exec", at=_proc_start())
    mark("child:init", hooks_imported=_T_IMPORT, modules=len(sys.modules),
         heavy=sorted(m for m in ("spacy", "sqlalchemy", "sqlmodel", "fastapi", "app.extract.pipeline", "typer",
                                  "bench.articles", "thinc", "torch") if m in sys.modules))
    try:  # the parse process's own light module; older trees had these functions in bulk
        from app.documents import parse_process as mod

        real = mod.exit_with_parent
    except ImportError:
        from app.documents import bulk as mod

        real = mod._exit_with_parent
    mark("child:imported runner")
    real(parent_pid)


def child_load_model() -> None:
    mark("child:load:start")
    from app.extract.lexicon import lexicon

    lexicon()
    mark("child:lexicon")
    import spacy  # noqa: F401

    mark("child:import spacy")
    from app.extract import pipeline

    mark("child:import pipeline")
    pipeline.get_nlp()
    mark("child:model loaded")
    try:
        from app.documents.parse_process import WARM_UP_TEXT
    except ImportError:
        WARM_UP_TEXT = None
    if WARM_UP_TEXT:
        from datetime import date

        pipeline.extract(WARM_UP_TEXT, published=date(2024, 5, 6))
        mark("child:warmed up")
    _patch_extract_from_doc()


_EXTRACT = {"s": 0.0, "cpu": 0.0}


def _patch_extract_from_doc() -> None:
    from app.extract import pipeline

    if getattr(pipeline.extract_from_doc, "_timed", False):
        return
    real = pipeline.extract_from_doc

    def timed(*a, **k):
        t, c = time.perf_counter(), time.process_time()
        try:
            return real(*a, **k)
        finally:
            _EXTRACT["s"] += time.perf_counter() - t
            _EXTRACT["cpu"] += time.process_time() - c

    timed._timed = True
    pipeline.extract_from_doc = timed


def child_extract_batch(texts, batch_size):
    import pickle

    try:
        from app.documents.parse_process import extract_each
    except ImportError:
        from app.documents.bulk import _extract_each as extract_each

    _patch_extract_from_doc()
    before = dict(_EXTRACT)
    mark("child:batch:start", n=len(texts))
    out = extract_each(texts, batch_size)
    s, cpu = _EXTRACT["s"] - before["s"], _EXTRACT["cpu"] - before["cpu"]
    t = time.perf_counter()
    size = len(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    mark("child:batch:end", n=len(texts), extract_s=round(s, 3), extract_cpu=round(cpu, 3), pickle_bytes=size,
         pickle_s=round(time.perf_counter() - t, 4))
    return out
