"""Adversarial texts: time and peak memory to validate, extract and store each shape, side by side in one run.

python -m bench.adversarial                         # 64 KB, 1 MB and the largest text under the token budget
python -m bench.adversarial --sizes 65536 --shapes prose,nesting

Each (shape, size) runs in its own process (so peak RSS is its own): the document is validated exactly as
POST /documents does (size, EVENTKB_MAX_DOCUMENT_TOKENS), then extracted, then stored with one commit into a
freshly migrated SQLite file. A refused text reports the 422 detail and how long the refusal took. "budget"
is the longest text of that shape the token budget accepts: the worst accepted case. `s/100k chars` and its
ratio to ordinary prose of the same size show whether a shape costs more than its length.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = ["65536", "1000000", "budget"]


def _budget_size(shape: str, max_tokens: int, max_bytes: int) -> int:
    """The largest size (characters) whose text of `shape` is within the token budget and the byte limit."""
    from app.extract.bounds import count_tokens
    from tests.support.shapes import SHAPES

    lo, hi = 1_000, max_bytes
    while hi - lo > 1_000:
        mid = (lo + hi) // 2
        if count_tokens(SHAPES[shape](mid)) <= max_tokens:
            lo = mid
        else:
            hi = mid
    return lo


def run_one(shape: str, size: int) -> dict:
    """Validate, extract and store one text in this process."""
    from sqlmodel import Session

    from app import migrate
    from app.config import get_settings
    from app.db import make_engine, writer
    from app.documents.service import store_document, validate_new_document
    from app.errors import AppError
    from app.extract import extract, get_nlp
    from app.extract.bounds import count_tokens
    from app.extract.segments import split_segments
    from tests.support.shapes import SHAPES

    settings = get_settings()
    get_nlp()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = SHAPES[shape](size)
    row = {"shape": shape, "chars": len(text), "tokens": count_tokens(text), "model_rss_mb": round(baseline)}
    began = time.perf_counter()
    try:
        new = validate_new_document(text, max_bytes=settings.max_document_bytes,
                                    max_tokens=settings.max_document_tokens, published=date(2024, 5, 1))
    except AppError as exc:
        row.update(outcome=f"{exc.status} {exc.detail}", total_s=round(time.perf_counter() - began, 2))
        row["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return row
    t0 = time.perf_counter()
    extracted = extract(new.text, published=new.published)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/kb.db"
        migrate.upgrade(url)
        engine = make_engine(url)
        t2 = time.perf_counter()
        with Session(writer(engine), expire_on_commit=False) as session:
            store_document(session, new, extracted)
            session.commit()
        t3 = time.perf_counter()
        engine.dispose()
    row.update(outcome="201 stored", segments=len(split_segments(text)), actors=len(extracted.actors),
               events=len(extracted.events), statements=len(extracted.statements),
               extract_s=round(t1 - t0, 2), store_s=round(t3 - t2, 2), total_s=round(t1 - t0 + t3 - t2, 2),
               peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    return row


def main(argv: list[str] | None = None) -> int:
    from app.config import get_settings
    from tests.support.shapes import SHAPES

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(DEFAULT_SIZES), help="characters, or 'budget'")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--one", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help="also write the rows as JSON")
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]))))
        return 0
    settings = get_settings()
    rows = []
    for size_arg in args.sizes.split(","):
        for shape in args.shapes.split(","):
            size = (_budget_size(shape, settings.max_document_tokens, settings.max_document_bytes)
                    if size_arg == "budget" else int(size_arg))
            done = subprocess.run([sys.executable, "-m", "bench.adversarial", "--one", shape, str(size)],
                                  cwd=ROOT, capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            row["size"] = size_arg
            rows.append(row)
            print(_line(row, rows), flush=True)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1))
    return 0


def _line(row: dict, rows: list[dict]) -> str:
    per = row["total_s"] / row["chars"] * 100_000 if row["outcome"].startswith("201") else None
    base = next((r for r in rows if r["shape"] == "prose" and r["size"] == row["size"]
                 and r["outcome"].startswith("201")), None)
    ratio = f"{per / (base['total_s'] / base['chars'] * 100_000):.2f}x prose" if per and base else "-"
    work = (f"extract {row['extract_s']:6.2f} s + store {row['store_s']:5.2f} s, {row['segments']} segment(s), "
            f"{row['actors']} actors {row['events']} events {row['statements']} statements"
            if "extract_s" in row else row["outcome"][:110])
    return (f"{row['size']:>8} {row['shape']:16} {row['chars']:>8} chars {row['tokens']:>7} tokens "
            f"{row['total_s']:7.2f} s  peak {row['peak_rss_mb']:5} MB  "
            f"{(f'{per:.2f} s/100k chars' if per else ''):>17} {ratio:>11}  {work}")


if __name__ == "__main__":
    raise SystemExit(main())
