"""The parse process of a pipelined ingest: light imports, warmed before its first batch, started by the caller,
and the writer's reference data loaded once the parse process holds every batch it may run ahead with."""

from __future__ import annotations

from concurrent.futures import Future

from sqlmodel import Session

import app.documents.bulk as bulk
from app.documents.bulk import PARSE_AHEAD, RawItem, ingest
from app.documents.parse_process import ParseProcess, load_model
from tests.ingest.kb import dump, emptied
from tests.support.articles import articles

WRITER_MODULES = ("sqlalchemy", "sqlmodel", "app.documents.bulk", "app.models", "app.ingest")


def _items(docs: list[dict]) -> list[RawItem]:
    return [RawItem(name=f"article-{i}", text=d["text"], meta={k: d[k] for k in ("title", "published", "outlet")})
            for i, d in enumerate(docs)]


class InlineParser:
    """Runs what a parse process would run, here, in order; counts the batches it was handed."""

    def __init__(self) -> None:
        self.batches = 0

    def submit(self, fn, *args) -> Future:
        self.batches += 1
        future: Future = Future()
        future.set_result(fn(*args))
        return future


def test_the_parse_process_imports_none_of_the_writer_and_is_ready_after_its_warm_up():
    with ParseProcess() as parser:
        # its first job is the model load and warm-up; a job after it sees what the process then holds
        loaded = parser.submit(eval, "sorted(m for m in __import__('sys').modules if m == 'spacy' "
                                     f"or m in {WRITER_MODULES!r})").result(timeout=300)
        cities = parser.submit(eval, "__import__('app.extract.actors.countries', fromlist=['_'])"
                                     "._cities.cache_info().currsize").result(timeout=60)
    assert loaded == ["spacy"]
    assert cities == 1  # the GeoNames cities are read during the warm-up, not by the first batch


def test_the_warm_up_reads_the_reference_data_the_first_batch_would():
    from app.extract.actors import countries

    countries._cities.cache_clear()
    load_model()
    assert countries._cities.cache_info().currsize == 1


def test_a_parser_started_by_the_caller_stores_the_same_knowledge_base_and_stays_open(engine):
    items = _items(articles(6, seed=11))
    ingest(engine, list(items), max_bytes=1_000_000, batch_size=2)
    with Session(engine) as s:
        reference = dump(s)
    emptied(engine).close()
    with ParseProcess() as parser:
        summary = ingest(engine, list(items), max_bytes=1_000_000, batch_size=2, parser=parser)
        assert parser.submit(len, "abc").result(timeout=60) == 3  # the caller's to close, not ingest's
    with Session(engine) as s:
        assert dump(s) == reference
    assert (summary.stored, summary.failed) == (6, [])


def test_the_writer_loads_the_gazetteer_once_the_parse_process_holds_every_batch_it_may_run_ahead_with(
        engine, monkeypatch):
    import app.places.gazetteer as gazetteer_module

    parser = InlineParser()
    handed: list[int] = []
    real = gazetteer_module.gazetteer

    def counting():
        handed.append(parser.batches)
        return real()

    monkeypatch.setattr(gazetteer_module, "gazetteer", counting)
    summary = ingest(engine, _items(articles(PARSE_AHEAD + 3, seed=12)), max_bytes=1_000_000, batch_size=1,
                     parser=parser)
    assert summary.stored == PARSE_AHEAD + 3
    assert parser.batches == PARSE_AHEAD + 3
    assert handed and handed[0] == PARSE_AHEAD + 1  # the writer's first call: before its first store, not earlier


def test_extraction_falls_back_to_the_writer_with_a_caller_started_parser(engine, monkeypatch):
    def broken(texts, batch_size):
        raise RuntimeError("parse process died")

    monkeypatch.setattr(bulk, "_extract_batch", broken)  # unpicklable: its future fails as a dead process's would
    with ParseProcess() as parser:
        summary = ingest(engine, _items(articles(3, seed=13)), max_bytes=1_000_000, batch_size=1, parser=parser)
    assert summary.stored == 3 and summary.failed == []
