"""Check that each datasette SQL statement in bench/cases.py returns what the API returns for the same parameters
(the same rows, fields and values; the two documented exceptions are a week label across two months and the
/changes `at` text). Runs the app in process against a benchmark KB.

python -m bench.fair_check --events 100000
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3

from bench.query_bench import WORK

JSON_COLUMNS = {"participants", "evidence", "place", "speaker", "numbers"}


def _decode(row: sqlite3.Row) -> dict:
    out = dict(row)
    for key in JSON_COLUMNS & out.keys():
        if isinstance(out[key], str):
            out[key] = json.loads(out[key])
    if "direct_quote" in out:
        out["direct_quote"] = bool(out["direct_quote"])
    return out


def _differs(item: dict, row: dict) -> set[str]:
    keys = {k for k in item if k in row and item[k] != row[k]} - {"at"}
    return set() if keys == {"date"} and "-W" in str(row["date"]) else keys


def check(n_events: int, per_case: int = 6) -> dict[str, list[str]]:
    path = WORK / f"kb_{n_events}.db"
    os.environ.update({"EVENTKB_DATABASE_URL": f"sqlite:///{path}", "EVENTKB_SEED_ON_STARTUP": "false",
                       "EVENTKB_ALLOWED_HOSTS": '["*"]', "EVENTKB_LOG_LEVEL": "WARNING"})
    from fastapi.testclient import TestClient
    from sqlalchemy import create_engine

    from app.main import create_app
    from bench.cases import make_cases

    engine = create_engine(os.environ["EVENTKB_DATABASE_URL"])
    cases = make_cases(engine)
    engine.dispose()
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    problems: dict[str, list[str]] = {}
    with TestClient(create_app()) as client:
        for case in (c for c in cases if c.sql):
            found = problems.setdefault(case.name, [])
            for api_params, sql_params in list(zip(case.api_params, case.sql_params, strict=False))[:per_case]:
                answer = client.get(case.path, params=api_params).raise_for_status().json()
                rows = [_decode(r) for r in db.execute(case.sql, sql_params)]
                if "bucket" in answer:  # a timeline: (period, type, n) rows
                    if [(i["period"], t, n) for i in answer["items"] for t, n in sorted(i["by_type"].items())] \
                            != [(r["period"], r["type"], r["n"]) for r in rows]:
                        found.append(f"{api_params}: other counts")
                    continue
                items = answer["items"]
                rows = rows[:len(items)]  # the SQL reads one row more, to know there is a next page
                if len(rows) != len(items):
                    found.append(f"{api_params}: {len(items)} items, {len(rows)} rows")
                    continue
                if rows and answer.get("total") is not None and rows[0].get("total") != answer["total"]:
                    found.append(f"{api_params}: total {answer['total']} vs {rows[0].get('total')}")
                missing = set(items[0]) - set(rows[0]) if items else set()
                if missing:
                    found.append(f"{api_params}: fields the SQL does not return: {sorted(missing)}")
                for item, row in zip(items, rows, strict=True):
                    if _differs(item, row):
                        found.append(f"{api_params}: item {item['id']} differs in {sorted(_differs(item, row))}")
                        break
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    args = ap.parse_args()
    for name, found in check(args.events).items():
        print(f"{name:36s} {'same' if not found else '; '.join(found[:3])}")


if __name__ == "__main__":
    main()
