"""The collector's settings for a bulk ingest (app.documents.collector): raised and frozen for the run, restored
after it, whatever the run does."""

from __future__ import annotations

import gc

import pytest

from app.documents.collector import YOUNG_THRESHOLD, long_run


@pytest.fixture(autouse=True)
def collector_as_default():
    """Each test starts from CPython's defaults with nothing frozen, and leaves them so."""
    before = gc.get_threshold()
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


def test_a_long_run_raises_the_young_threshold_and_freezes_once_settled():
    with long_run() as settle:
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        assert gc.get_freeze_count() == 0  # nothing frozen before the run's data is loaded
        kept = [{"n": i} for i in range(1000)]  # what the run loads and keeps
        settle()
        frozen = gc.get_freeze_count()
        assert frozen >= len(kept)
        settle()  # once only: later calls freeze nothing more
        assert gc.get_freeze_count() == frozen
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_a_failed_run_restores_the_collector_too():
    with pytest.raises(RuntimeError), long_run() as settle:
        settle()
        raise RuntimeError("a run that dies")
    assert (gc.get_threshold(), gc.get_freeze_count()) == ((700, 10, 10), 0)


def test_what_the_process_froze_before_stays_frozen():
    gc.freeze()  # a server that froze its start-up
    frozen = gc.get_freeze_count()
    with long_run() as settle:
        settle()
    assert gc.get_freeze_count() >= frozen > 0


def test_a_bulk_ingest_stores_under_the_long_run_settings_and_restores_them(engine, monkeypatch):
    import app.documents.bulk as bulk
    from app.documents.bulk import RawItem, ingest
    from tests.support.articles import articles

    seen = []
    store = bulk.store_document

    def watched(session, new, result):
        seen.append((gc.get_threshold()[0], gc.get_freeze_count() > 0))
        return store(session, new, result)

    monkeypatch.setattr(bulk, "store_document", watched)
    items = [RawItem(name=f"a{i}", text=a["text"], meta={"published": a["published"]})
             for i, a in enumerate(articles(3, seed=7))]
    summary = ingest(engine, items, max_bytes=1_000_000, batch_size=2)
    assert summary.stored == 3
    assert seen == [(YOUNG_THRESHOLD, True)] * 3
    assert (gc.get_threshold(), gc.get_freeze_count()) == ((700, 10, 10), 0)
