"""The knowledge base must not depend on ingestion order, and deleting a document must undo it exactly."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.errors import NotFound
from app.ingest import clear_extraction, delete_document
from app.models import Actor, Document, Event, Evidence
from tests.ingest.kb import add_document, document_a, document_b, dump, emptied


def test_a_then_b_equals_b_then_a(session, engine):
    add_document(session, document_a(), "Outlet A")
    add_document(session, document_b(), "Outlet B")
    forward = dump(session)
    session.close()
    with emptied(engine) as s:
        add_document(s, document_b(), "Outlet B")
        add_document(s, document_a(), "Outlet A")
        backward = dump(s)
    assert forward == backward
    assert len(forward["events"]) == 3 and forward["claims"]


@pytest.mark.parametrize("keep", ["A", "B"])
def test_delete_leaves_exactly_the_other_documents_kb(session, engine, keep):
    docs = {"A": add_document(session, document_a(), "Outlet A"), "B": add_document(session, document_b(), "Outlet B")}
    gone = "B" if keep == "A" else "A"
    delete_document(session, docs[gone].id)
    session.commit()
    after_delete = dump(session)
    assert session.get(Document, docs[gone].id) is None
    session.close()
    with emptied(engine) as s:
        add_document(s, document_a() if keep == "A" else document_b(), f"Outlet {keep}")
        reference = dump(s)
    assert after_delete == reference


def test_clear_extraction_keeps_the_document_and_reextraction_restores_the_kb(session):
    from app.ingest import store_extraction

    a = add_document(session, document_a(), "Outlet A")
    add_document(session, document_b(), "Outlet B")
    before = dump(session)
    clear_extraction(session, a.id)
    session.commit()
    assert session.get(Document, a.id) is not None
    assert session.exec(select(Evidence).where(Evidence.document_id == a.id)).all() == []
    store_extraction(session, a, document_a())
    session.commit()
    assert dump(session) == before


def test_deleting_every_document_empties_the_kb(session):
    a = add_document(session, document_a(), "Outlet A")
    b = add_document(session, document_b(), "Outlet B")
    delete_document(session, a.id)
    delete_document(session, b.id)
    session.commit()
    assert session.exec(select(Event)).all() == [] and session.exec(select(Actor)).all() == []


def test_delete_unknown_document_is_not_found(session):
    with pytest.raises(NotFound):
        delete_document(session, 999)


def _castless_doc(sentence: str, phrase: str, *, day: int, mode=None, location=None):
    """A one-event document whose attack names no participant."""
    from datetime import date

    from app.extract.types import ExtractedDocument
    from tests.ingest.kb import PUBLISHED, Builder, event

    b = Builder()
    b.sentence(sentence)
    ev = event("event:1", "ASSAULT", date(2024, 3, day), date(2024, 3, day), "day", [], [b.span(phrase)],
               mode=mode, location=location)
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=PUBLISHED,
                             extractor_version="test", actors=[], events=[ev], statements=[])


def _castless_pair(day_b=22, mode_b=None, location_b=None):
    a = _castless_doc("Gunmen opened fire at a concert hall on March 22.", "opened fire", day=22, mode="firearms",
                      location="Moscow")
    b = _castless_doc("The attack on the venue shocked the country.", "attack", day=day_b, mode=mode_b,
                      location=location_b)
    return a, b


def test_castless_reports_of_one_day_merge_in_either_order(session, engine):
    from app.models import EventReport

    a, b = _castless_pair()
    add_document(session, a, "Outlet A")
    add_document(session, b, "Outlet B")
    forward = dump(session)
    assert len(session.exec(select(Event)).all()) == 1
    reasons = [r.match_reasons for r in session.exec(select(EventReport)).all() if r.match_score is not None]
    assert reasons and "no participants on either side; same day" in reasons[0]
    session.close()
    with emptied(engine) as s:
        add_document(s, b, "Outlet B")
        add_document(s, a, "Outlet A")
        assert dump(s) == forward


@pytest.mark.parametrize("day_b, mode_b, location_b", [(23, None, None), (22, "bombing", None),
                                                        (22, None, "Kyiv")])
def test_castless_reports_stay_apart_on_other_day_mode_or_place(session, day_b, mode_b, location_b):
    a, b = _castless_pair(day_b, mode_b, location_b)
    add_document(session, a, "Outlet A")
    add_document(session, b, "Outlet B")
    assert len(session.exec(select(Event)).all()) == 2


def test_castless_events_of_one_document_do_not_merge(session):
    from datetime import date

    from tests.ingest.kb import event

    a, _ = _castless_pair()
    twin = event("event:2", "ASSAULT", date(2024, 3, 22), date(2024, 3, 22), "day", [], list(a.events[0].evidence))
    a.events.append(twin)
    add_document(session, a, "Outlet A")
    assert len(session.exec(select(Event)).all()) == 2


@pytest.fixture(scope="module")
def many_extracted(nlp, seed_texts):
    """Ten templated articles that share people, countries and days, plus both seeds: fusion has work to do."""
    from datetime import date

    from app.extract.pipeline import extract
    from tests.support.articles import articles

    items = [(a["text"], date.fromisoformat(a["published"])) for a in articles(10, seed=3)]
    items += list(seed_texts.values())
    return [extract(text, published=published, nlp=nlp) for text, published in items]


def test_many_documents_give_one_kb_whatever_the_order(session, engine, many_extracted):
    import random

    def load(s, order):
        for n in order:
            add_document(s, many_extracted[n], f"Outlet {n}")
        return dump(s)

    n = len(many_extracted)
    forward = load(session, range(n))
    session.close()
    for order in (list(reversed(range(n))), random.Random(5).sample(range(n), n)):
        with emptied(engine) as s:
            assert load(s, order) == forward, order
    sources: dict[tuple, set[str]] = {}
    for report in forward["reports"]:
        sources.setdefault(report[0], set()).add(report[1])
    assert sum(len(docs) > 1 for docs in sources.values()) >= 3, "too little fusion for the order to matter"


def test_incremental_actor_fusion_equals_a_full_rebuild(session, many_extracted):
    """Ingest folds each document's accounts into the actor's tally (app.ingest.accounts); rebuilding every actor
    from all of its accounts must change nothing, and every tally must be its accounts' tally."""
    from app.ingest.accounts import Tally, accounts_of, stored_accounts, tally_of
    from app.ingest.actors import refresh_actor

    for n, extracted in enumerate(many_extracted):
        add_document(session, extracted, f"Outlet {n}")
    incremental = dump(session)
    ids = sorted(session.exec(select(Actor.id)).all())
    for actor_id in ids:
        accounts = [acc for _, acc in accounts_of(session, actor_id)]
        assert tally_of(session, actor_id).counts == Tally.of(accounts).counts, actor_id
    shared = [i for i in ids if len(accounts_of(session, i)) > 1]
    assert len(shared) >= 5, "too few actors named by several documents for the test to mean much"
    # less one document's stored accounts (read for the whole document at once): the other documents' tally
    for actor_id in shared:
        document_id = accounts_of(session, actor_id)[0][0]
        own = stored_accounts(session, document_id)
        assert actor_id in own
        others = [acc for d, acc in accounts_of(session, actor_id) if d != document_id]
        assert tally_of(session, actor_id, own[actor_id]).counts == Tally.of(others).counts, actor_id
    for actor_id in ids:
        refresh_actor(session, actor_id)
    session.commit()
    assert dump(session) == incremental


def _load_counting(s, many_extracted, calls: list) -> tuple[str, int]:
    """Store the documents into an empty KB; its dump and how many calls the counter recorded meanwhile."""
    calls.clear()
    for n, extracted in enumerate(many_extracted):
        add_document(s, extracted, f"Outlet {n}")
    return dump(s), len(calls)


def test_views_matching_read_serve_the_merges_after_it(session, engine, many_extracted, monkeypatch):
    """The stored views match_events read, but for the events the document then joined, are what merge_chain and
    split_ambiguous would read again (app.ingest.reads.DocumentReads.seed): the KB is the same without them, and
    with them fewer views are read."""
    from app.ingest import reads

    read: list[int] = []
    real = reads.stored_views

    def counted(s, ids, facts=None):
        read.extend(ids)
        return real(s, ids, facts)

    monkeypatch.setattr(reads, "stored_views", counted)

    seeded, fewer = _load_counting(session, many_extracted, read)
    session.close()
    monkeypatch.setattr(reads.DocumentReads, "seed", lambda self, views: None)
    with emptied(engine) as s:
        unseeded, more = _load_counting(s, many_extracted, read)
    assert seeded == unseeded
    assert fewer < more


def test_new_events_candidates_from_matching_serve_merge_chain(session, engine, many_extracted, monkeypatch):
    """A new event's candidates as match_events looked them up are what merge_chain would look up again, less
    the document's own events, which it never merges (app.ingest.reads.DocumentReads.prime): the KB is the same
    without them, and with them fewer lookups run; each primed list, checked against a fresh lookup, is that
    lookup less events sharing the document."""
    from app.ingest import fusion, reads
    from app.models import EventReport

    looked: list[int] = []
    real = reads.candidate_ids

    def counted(s, view, near=False, facts=None):
        looked.append(1)
        return real(s, view, near, facts)

    monkeypatch.setattr(reads, "candidate_ids", counted)
    checked: list[int] = []
    real_candidates = reads.DocumentReads.candidates

    def verified(self, s, event_id, view, near=False):
        got = real_candidates(self, s, event_id, view, near)
        if near and event_id in self._primed:
            fresh = set(fusion.candidate_ids(s, view, near))
            docs = set(s.exec(select(EventReport.document_id).where(EventReport.event_id == event_id)).all())
            own = {i for i in fresh | set(got) if docs & set(s.exec(
                select(EventReport.document_id).where(EventReport.event_id == i)).all())}
            assert set(got) - own == fresh - own
            checked.append(event_id)
        return got

    monkeypatch.setattr(reads.DocumentReads, "candidates", verified)

    primed, fewer = _load_counting(session, many_extracted, looked)
    assert checked  # some new events were primed and every primed list checked
    session.close()
    monkeypatch.setattr(reads.DocumentReads, "prime", lambda self, event_id, key, ids: None)
    with emptied(engine) as s:
        unprimed, more = _load_counting(s, many_extracted, looked)
    assert primed == unprimed
    assert fewer < more
