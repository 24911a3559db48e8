"""The writer's time per SQL statement: every `app.sqlcore.run` call of `bench.writer_bench`, timed and grouped.

python -m bench.sql_profile --docs 300 --after 9000 --base bench/work/writer_9000.db

py-spy shows where the writer's Python spends its time, but a statement's cost hides under SQLAlchemy's frames.
This wraps `run` (the writer's Core statements; ORM flushes are timed apart, as FLUSH) and prints, per statement,
its total seconds, calls and mean milliseconds, and the parameters of its slowest call, so a lookup that grows
with the knowledge base shows with the arguments that make it grow. The timing adds ~15 µs per call.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import time
from collections import defaultdict
from pathlib import Path
from typing import Any


def _short(value: Any) -> Any:
    return f"<{len(value)} values>" if isinstance(value, list | tuple) and len(value) > 6 else value


def profile(n_docs: int, db: Path, after: int, base: Path | None, top: int) -> None:
    import app
    import app.sqlcore as sqlcore
    from bench import writer_bench

    totals: dict[Any, list] = defaultdict(lambda: [0, 0.0, None, (0.0, None)])  # calls, seconds, sql, slowest
    plain = sqlcore.run

    def timed(session, statement, params=None):
        t0 = time.perf_counter()
        session.flush()
        flush = totals["FLUSH"]
        flush[0], flush[1], flush[2] = flush[0] + 1, flush[1] + time.perf_counter() - t0, "FLUSH"
        t1 = time.perf_counter()
        result = plain(session, statement, params)
        if result.returns_rows:
            result = result.freeze()()  # rows fetched inside the timing
        dt = time.perf_counter() - t1
        entry = totals[id(statement)]
        entry[0] += 1
        entry[1] += dt
        entry[2] = entry[2] or " ".join(str(statement).split())
        if dt > entry[3][0]:
            entry[3] = (dt, params)
        return result

    # the writer's modules import `run` by name: rebind it in each of them
    for info in pkgutil.walk_packages(app.__path__, "app."):
        module = importlib.import_module(info.name)
        if getattr(module, "run", None) is plain:
            module.run = timed
    sqlcore.run = timed
    print(writer_bench.run(n_docs, db, after=after, base=base))
    print(f"SQL {sum(v[1] for v in totals.values()):.2f} s in all")
    for calls, seconds, sql, (slowest, params) in sorted(totals.values(), key=lambda v: -v[1])[:top]:
        args = {k: _short(v) for k, v in (params or {}).items()} if isinstance(params, dict) else ""
        print(f"{seconds:7.2f} s {calls:7d} calls {1000 * seconds / max(calls, 1):7.3f} ms  {sql[:200]}")
        if args:
            print(f"{'':36}slowest {1000 * slowest:.1f} ms: {args}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--after", type=int, default=0, help="skip the first AFTER documents (held by --base)")
    ap.add_argument("--base", type=Path, default=None, help="a KB (SQLite file) holding the first AFTER documents")
    ap.add_argument("--db", type=Path, default=Path("bench/work/sql_profile.db"))
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    if (args.base is None) != (args.after == 0):
        ap.error("--after and --base go together")
    profile(args.docs, args.db, args.after, args.base, args.top)


if __name__ == "__main__":
    main()
