"""Bulk ingestion: pipelined (parse process + writer) stores exactly what the one-process path stores."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.documents.bulk import RawItem, ingest
from tests.ingest.kb import dump, emptied
from tests.support.articles import articles


def _items(docs: list[dict]) -> list[RawItem]:
    return [RawItem(name=f"article-{i}", text=d["text"], meta={k: d[k] for k in ("title", "published", "outlet")})
            for i, d in enumerate(docs)]


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return articles(10, seed=5)


def test_pipelined_ingest_stores_the_same_knowledge_base(engine, docs):
    items = _items(docs)
    items.insert(3, RawItem(name="empty", text="   "))  # a bad item in the middle of a batch
    items.append(_items(docs[:1])[0])  # a repeat across batches: skipped or found stored, never twice
    one = ingest(engine, list(items), max_bytes=1_000_000, batch_size=4)
    with Session(engine) as s:
        reference = dump(s)
    emptied(engine).close()
    piped = ingest(engine, list(items), max_bytes=1_000_000, batch_size=4, pipelined=True)
    with Session(engine) as s:
        assert dump(s) == reference
    for summary in (one, piped):
        assert (summary.stored, summary.skipped, [name for name, _ in summary.failed]) == (10, 1, ["empty"])
    assert reference["events"] and reference["statements"]


def test_a_failed_parse_process_falls_back_to_extracting_in_the_writer(engine, docs, monkeypatch):
    import app.documents.bulk as bulk

    def broken(texts, batch_size):
        raise RuntimeError("parse process died")

    monkeypatch.setattr(bulk, "_extract_batch", broken)  # unpicklable: its future fails as a dead process's would
    summary = ingest(engine, _items(docs[:5]), max_bytes=1_000_000, batch_size=2, pipelined=True)
    assert summary.stored == 5 and summary.failed == []
