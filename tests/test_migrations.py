"""Alembic is the schema authority: it builds every table, and the models match what it built."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import app.models  # noqa: F401
from app.migrate import include_object


def test_upgrade_creates_every_model_table(engine):
    tables = set(inspect(engine).get_table_names())
    assert {t.name for t in SQLModel.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables


def test_models_match_the_migrated_schema(engine):
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
        diff = compare_metadata(ctx, SQLModel.metadata)
    assert diff == []


def test_full_text_index_follows_inserts_and_deletes(engine):
    from sqlmodel import Session

    from app.models import Document
    from app.search import matching_ids

    with Session(engine) as s:
        doc = Document(sha256="a" * 64, text="Ministers discussed border checks by telephone.")
        s.add(doc)
        s.commit()
        assert matching_ids(s, Document, "telephone") == [doc.id]
        assert matching_ids(s, Document, "submarine") == []
        s.delete(doc)
        s.commit()
        assert matching_ids(s, Document, "telephone") == []


def test_full_text_index_follows_updates_of_the_text(engine):
    from sqlmodel import Session

    from app.models import Document
    from app.search import match_count, matching_ids

    with Session(engine) as s:
        doc = Document(sha256="b" * 64, text="The envoy travelled to the summit by train.")
        s.add(doc)
        s.commit()
        assert matching_ids(s, Document, "train") == [doc.id]
        doc.text = "The envoy travelled to the summit by ferry."
        s.add(doc)
        s.commit()
        # the stored vector (PostgreSQL) or FTS row (SQLite) is rewritten with the text: old word gone, new found
        assert matching_ids(s, Document, "train") == []
        assert matching_ids(s, Document, "ferries") == [doc.id]  # stemmed on both backends
        assert match_count(s, Document, "envoy summit") == 1
        s.delete(doc)
        s.commit()


def test_downgrade_to_base_and_back(database_url, db_backend):
    from app import migrate

    if db_backend["kind"] != "sqlite":
        return  # the PostgreSQL schema is shared by the session; its round trip runs in .ci's alembic check
    migrate.downgrade(database_url, "base")
    from app.db import make_engine

    eng = make_engine(database_url)
    assert set(inspect(eng).get_table_names()) <= {"alembic_version"}
    eng.dispose()
    migrate.upgrade(database_url)


def test_name_keys_are_backfilled_from_existing_aliases(tmp_path):
    """0011 fills actor_name_key for the people a knowledge base already holds, 0013 and 0014 rebuild it with the
    shape keys, as the writer would; downgrading gives back 0013's keys, then 0011's."""
    from sqlalchemy import text

    from app import migrate
    from app.db import make_engine
    from app.ingest.actors import name_keys

    url = f"sqlite:///{tmp_path / 'kb.db'}"
    migrate.upgrade(url, "0009")
    eng = make_engine(url)
    with eng.begin() as conn:
        conn.execute(text("INSERT INTO actor (id, key, name, type) VALUES (1, 'person:lena brandt', 'Lena Brandt', "
                          "'person'), (2, 'organization:port board', 'Port Board', 'organization')"))
        conn.execute(text("INSERT INTO actor_alias (actor_id, alias, normalized) VALUES (1, 'Lena Brandt', "
                          "'lena brandt'), (1, 'Brandt', 'brandt'), (2, 'Port Board', 'port board')"))
    migrate.upgrade(url)
    with eng.connect() as conn:
        rows = conn.execute(text("SELECT actor_id, key FROM actor_name_key")).all()
    eng.dispose()
    assert {k for a, k in rows if a == 1} == name_keys(["lena brandt", "brandt"])
    assert name_keys(["lena brandt"]) == {"w:lena", "w:brandt", "l:brandt l", "g:brandt ena", "c:brandt ln",
                                          "p:len bra", "s:len ndt"}
    assert name_keys(["brandt"]) == {"w:brandt", "o:brandt"}
    assert not [k for a, k in rows if a == 2]  # only people are matched by name keys
    migrate.downgrade(url, "0013")
    with eng.connect() as conn:
        rows = conn.execute(text("SELECT actor_id, key FROM actor_name_key")).all()
    assert sorted(rows) == [(1, "l:brandt"), (1, "o:brandt"), (1, "p:len bra"), (1, "s:len ndt"), (1, "w:brandt"),
                            (1, "w:lena")]
    migrate.downgrade(url, "0012")
    with eng.connect() as conn:
        rows = conn.execute(text("SELECT actor_id, key FROM actor_name_key")).all()
    eng.dispose()
    assert sorted(rows) == [(1, "p:len bra"), (1, "w:brandt"), (1, "w:lena")]


def test_event_text_counts_follow_inserts_updates_and_deletes(engine):
    """A word's event count (PostgreSQL: migration 0012's lexeme counts; SQLite: FTS5) is the number of events
    whose summary holds it, through every kind of write."""
    from sqlmodel import Session

    from app.models import Event
    from app.search import event_text_stats, match_count, matching_ids

    def counted(s: Session, word: str) -> tuple[int, int]:
        return match_count(s, Event, word), len(matching_ids(s, Event, word))

    with Session(engine) as s:
        a = Event(type="CONSULT", summary="Envoys held talks on grain corridors.", date_precision="unknown")
        b = Event(type="CONSULT", summary="The talks resumed after a pause in talking.", date_precision="unknown")
        s.add_all([a, b])
        s.commit()
        assert counted(s, "talks") == (2, 2) and counted(s, "corridor") == (1, 1)
        a.summary = "Envoys signed a grain accord."
        s.add(a)
        s.commit()
        assert counted(s, "talks") == (1, 1) and counted(s, "accords") == (1, 1) and counted(s, "corridor") == (0, 0)
        s.delete(b)
        s.commit()
        assert counted(s, "talks") == (0, 0) and counted(s, "grain envoys") == (1, 1)
        if engine.dialect.name == "postgresql":
            # one lexeme is counted from the table; several, or none but stop words, are not
            one_lexeme = [event_text_stats(s, q)[0] for q in ("Accord", "talks talking", "grain envoys", "the")]
            assert one_lexeme == [1, 0, None, None]
        s.delete(a)
        s.commit()
