"""The knowledge base's generation (app/generation.py): every write that commits moves it; nothing else does."""

from __future__ import annotations

from sqlmodel import Session

from app import migrate
from app.changes.service import compact, record
from app.db import make_engine
from app.documents.bulk import RawItem, ingest
from app.generation import code_fingerprint, read_generation

TEXT = "Der Gesandte traf den Minister am Dienstag in der Hauptstadt und sprach lange mit ihm."


def _head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(migrate.alembic_config("sqlite://")).get_current_head()


def test_an_empty_knowledge_base_is_generation_zero_at_the_schema_head(engine):
    assert read_generation(engine) == (0, _head())


def test_each_api_write_moves_it_and_a_read_or_a_rejected_write_does_not(client):
    engine = client.app.state.engine
    g0 = read_generation(engine)
    created = client.post("/api/v1/documents", json={"text": TEXT})
    assert created.status_code == 201
    g1 = read_generation(engine)
    assert g1[0] > g0[0]
    assert client.post("/api/v1/documents", json={"text": TEXT}).status_code == 200  # already stored: no write
    assert client.post("/api/v1/documents", json={"text": " "}).status_code == 422
    client.get("/api/v1/documents")
    assert read_generation(engine) == g1
    assert client.delete(f"/api/v1/documents/{created.json()['id']}").status_code == 204
    assert read_generation(engine)[0] > g1[0]


def test_the_cli_ingest_path_moves_it_and_compaction_does_not_move_it_back(engine):
    g0 = read_generation(engine)
    summary = ingest(engine, [RawItem("one.txt", TEXT), RawItem("two.txt", TEXT + " Noch einmal.")],
                     max_bytes=100_000)
    assert summary.stored == 2
    g1 = read_generation(engine)
    assert g1[0] >= g0[0] + 2
    with Session(engine) as s:
        compact(s)
        s.commit()
    assert read_generation(engine) == g1


def test_the_code_fingerprint_is_stable_within_a_build():
    assert code_fingerprint() == code_fingerprint() and len(code_fingerprint()) == 16


def test_the_read_leaves_its_pooled_connection_transactional(database_url):
    """On PostgreSQL the read runs in autocommit: the connection must go back to the pool as it came, or the next
    writer's rollback would undo nothing."""
    engine = make_engine(database_url, pool_size=1)  # the session below gets the very connection the read used
    try:
        assert read_generation(engine)[0] == 0
        with Session(engine) as s:
            record(s, "document", 999, "created")
            s.flush()
            s.rollback()
        assert read_generation(engine)[0] == 0
    finally:
        engine.dispose()
