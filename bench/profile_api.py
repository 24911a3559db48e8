"""Where a request's time goes: py-spy samples the uvicorn worker while one client repeats a request.

python -m bench.profile_api --events 1000000 "/api/v1/events?type=CONSULT&start=2020-03&end=2020-03&limit=50"
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import threading
import time

from bench.generate import sqlite_url
from bench.query_bench import WORK, Load, free_port, serve_api, tool


def top_frames(raw_path: str, limit: int = 40, only: str = "") -> list[tuple[float, str]]:
    """Inclusive share of samples per function (counted once per stack), from py-spy's raw output."""
    total, counts = 0, collections.Counter()
    for line in open(raw_path):
        stack, n = line.rsplit(" ", 1)
        total += int(n)
        seen = set()
        for frame in stack.split(";"):
            where = frame.split("(")[1].split(":")[0].split("/")[-1] if "(" in frame else ""
            name = frame.split(" (")[0] + " " + where
            if only in frame and name not in seen:
                seen.add(name)
                counts[name] += int(n)
    return [(v / max(total, 1), k) for k, v in counts.most_common(limit)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--only", default="", help="keep frames whose location contains this (e.g. /app/)")
    args = ap.parse_args()
    port = free_port()
    with serve_api(sqlite_url(WORK / f"kb_{args.events}.db"), port) as proc:
        load = Load(port, [args.path])
        load.latency()
        stop = time.monotonic() + args.seconds + 2
        worker = threading.Thread(target=lambda: [load.latency() for _ in iter(lambda: time.monotonic() < stop, False)])
        worker.start()
        raw = str(WORK / "profile.raw")
        subprocess.run([tool("py-spy"), "record", "-p", str(proc.pid), "-d", str(args.seconds), "-r", "200",
                        "-f", "raw", "-o", raw], check=True, capture_output=True)
        worker.join()
    for share, name in top_frames(raw, only=args.only):
        print(f"{share:6.1%}  {name}")


if __name__ == "__main__":
    main()
