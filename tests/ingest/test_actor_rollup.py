"""The per-actor timeline rollup (actor_event_count) equals a recount from the events after every write: ingest,
fusion of a second account into a stored event, re-extraction and deletes; the API's one-actor timeline read
from it equals the one counted from the events."""

from __future__ import annotations

from sqlmodel import select

from app.ingest import clear_extraction, store_extraction
from app.ingest.delete import delete_document
from app.ingest.derived import rebuild
from app.models import Actor, Document, EventParticipant
from tests.ingest.kb import actor_recount, actor_rollup, add_document, document_a, document_b


def actor_id(session, name: str) -> int:
    return session.exec(select(Actor.id).where(Actor.name == name)).one()


def test_rollup_equals_a_recount_after_ingest_fusion_reextraction_and_delete(session):
    a = add_document(session, document_a(), "Outlet A")
    assert actor_rollup(session) == actor_recount(session) and actor_rollup(session)
    assert actor_rollup(session)[(actor_id(session, "Sergey Volkov"), "year", "2024", "CONSULT")] == 1
    b = add_document(session, document_b(), "Outlet B")  # the arrests fuse into A's event and gain B's cast
    assert actor_rollup(session) == actor_recount(session)

    clear_extraction(session, a.id)  # re-extraction: everything A said goes, then comes back
    session.flush()
    assert actor_rollup(session) == actor_recount(session)
    store_extraction(session, session.get(Document, a.id), document_a())
    session.commit()
    assert actor_rollup(session) == actor_recount(session)

    delete_document(session, a.id)  # the arrests are dated by B alone now (another day, the same month)
    session.commit()
    assert actor_rollup(session) == actor_recount(session)
    delete_document(session, b.id)
    session.commit()
    assert actor_rollup(session) == {} == actor_recount(session)


def test_rebuild_gives_what_ingest_kept(session):
    add_document(session, document_a(), "Outlet A")
    add_document(session, document_b(), "Outlet B")
    kept = actor_rollup(session)
    rebuild(session)
    session.commit()
    assert actor_rollup(session) == kept


def test_one_actor_timeline_from_the_rollup_equals_the_scan(client, session):
    add_document(session, document_a(), "Outlet A")
    add_document(session, document_b(), "Outlet B")
    cast = sorted(set(session.exec(select(EventParticipant.actor_id)).all()))
    assert len(cast) >= 4
    for actor in map(str, cast):
        for bucket in ("month", "year"):
            rolled = client.get("/api/v1/stats/timeline", params={"bucket": bucket, "actor": actor}).json()
            # a start bound far in the past changes nothing but takes the scanning path
            scanned = client.get("/api/v1/stats/timeline",
                                 params={"bucket": bucket, "actor": actor, "start": "1900"}).json()
            assert rolled == scanned and rolled["total"] > 0, (actor, bucket)
            typed = {"bucket": bucket, "actor": actor, "type": "COERCE"}
            assert client.get("/api/v1/stats/timeline", params=typed).json() == client.get(
                "/api/v1/stats/timeline", params={**typed, "start": "1900"}).json()
