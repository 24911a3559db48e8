"""Same input, same knowledge base: an id-free dump of what storage produces, to compare before/after a change.

python -m bench.kb_check --save bench/work/kb_before.json      # on the old code
python -m bench.kb_check --compare bench/work/kb_before.json   # on the new code: exits 1 and names what differs

Scenarios, each into a freshly migrated SQLite file: the two seed articles in both orders, the hand-built
documents of tests/ingest/kb.py, and --docs templated articles (bench/articles.py) through store_document with
one commit per document, then with every 7th of them deleted. Extraction results are cached in bench/work
(keyed by document count), so a run compares storage alone.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
from datetime import date
from pathlib import Path

from sqlmodel import Session

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"


def _extracted(texts: list[tuple[str, date]], cache: Path) -> list:
    from app.extract import extract_many

    if cache.exists():
        return pickle.loads(cache.read_bytes())
    out = list(extract_many(texts, batch_size=16))
    WORK.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(out))
    return out


def _fresh_engine(tmp: Path, name: str):
    from app import migrate
    from app.db import make_engine

    url = f"sqlite:///{tmp / name}.db"
    migrate.upgrade(url)
    return make_engine(url)


def _store(engine, texts: list[tuple[str, date]], extracted: list, outlet: str) -> list[int]:
    from app.documents.service import store_document, validate_new_document

    ids = []
    for i, ((text, published), x) in enumerate(zip(texts, extracted, strict=True)):
        new = validate_new_document(text, max_bytes=1_000_000, title=f"doc {i}", outlet=outlet,
                                    published=published)
        with Session(engine, expire_on_commit=False) as session:
            doc, _ = store_document(session, new, x)
            session.commit()
            ids.append(doc.id)
    return ids


def _dump(engine) -> object:
    from tests.ingest.kb import dump

    with Session(engine) as session:
        # through JSON so tuples/lists and dates compare the way they are saved
        return json.loads(json.dumps(dump(session), default=str, sort_keys=True))


def run(n_docs: int) -> dict:
    from app.ingest import delete_document
    from bench.articles import articles
    from tests.ingest.kb import add_document, document_a, document_b

    manifest = json.loads((ROOT / "seeds" / "manifest.json").read_text())
    seeds = [((ROOT / "seeds" / e["file"]).read_text(), date.fromisoformat(e["published"]))
             for e in manifest["documents"]]
    seed_x = _extracted(seeds, WORK / "kb_check_seeds.pkl")
    arts = [(a["text"], date.fromisoformat(a["published"])) for a in articles(n_docs)]
    art_x = _extracted(arts, WORK / f"kb_check_articles_{n_docs}.pkl")
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, order in (("seeds_ab", [0, 1]), ("seeds_ba", [1, 0])):
            engine = _fresh_engine(tmp, name)
            _store(engine, [seeds[i] for i in order], [seed_x[i] for i in order], "seed outlet")
            out[name] = _dump(engine)
            engine.dispose()
        engine = _fresh_engine(tmp, "handbuilt")
        with Session(engine, expire_on_commit=False) as session:
            add_document(session, document_a(), "Outlet A")
            add_document(session, document_b(), "Outlet B")
        out["handbuilt"] = _dump(engine)
        engine.dispose()
        engine = _fresh_engine(tmp, "articles")
        ids = _store(engine, arts, art_x, "bench outlet")
        out["articles"] = _dump(engine)
        with Session(engine, expire_on_commit=False) as session:
            for doc_id in ids[::7]:
                delete_document(session, doc_id)
                session.commit()
        out["articles_after_deletes"] = _dump(engine)
        engine.dispose()
    return out


def _differences(before: dict, after: dict) -> list[str]:
    lines = []
    for scenario in sorted(set(before) | set(after)):
        b, a = before.get(scenario, {}), after.get(scenario, {})
        for table in sorted(set(b) | set(a)):
            rb, ra = b.get(table, []), a.get(table, [])
            if rb != ra:
                sb, sa = {json.dumps(r) for r in rb}, {json.dumps(r) for r in ra}
                lines.append(f"{scenario}.{table}: {len(rb)} -> {len(ra)} rows; "
                             f"only before: {sorted(sb - sa)[:3]}; only after: {sorted(sa - sb)[:3]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--save", type=Path)
    ap.add_argument("--compare", type=Path)
    args = ap.parse_args(argv)
    result = run(args.docs)
    sizes = {s: {t: len(rows) for t, rows in d.items()} for s, d in result.items()}
    print(json.dumps(sizes))
    if args.save:
        args.save.write_text(json.dumps(result, sort_keys=True))
    if args.compare:
        diffs = _differences(json.loads(args.compare.read_text()), result)
        print("\n".join(diffs) if diffs else "identical")
        return 1 if diffs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
