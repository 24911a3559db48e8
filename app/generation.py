"""The knowledge base's generation: a token that changes whenever what a GET of /api/v1 answers may change.

It is the last change-feed position, `max(kb_change.seq)`, and the schema revision (`alembic_version`):

- Every transaction that writes the knowledge base records at least one change row in that transaction
  (app/changes/service.record: a stored document "created", a re-extracted one "updated", a deleted one
  "deleted", besides its events, statements and actors), and derived rows (rollups, places, tallies, claims)
  are only written inside those transactions. `seq` only grows (AUTOINCREMENT on SQLite, a sequence on
  PostgreSQL) and is allocated under the write lock every writer holds until it commits, so a commit that a
  reader can see has a higher seq than every commit before it: whichever process committed.
- A migration may rewrite rows without a change row (a backfill): the revision covers it.
- Compacting the feed deletes superseded change rows only, never the newest one, so max(seq) stays; it changes
  nothing but /changes pages, which the response cache leaves out (app/response_cache.py).

Reading it is one round trip of two index seeks (the last key of kb_change's primary key, one-row table).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import anyio.to_thread
from sqlalchemy.engine import Engine

# max() of an empty table is NULL: an empty knowledge base is generation 0
_SQL = "SELECT (SELECT max(seq) FROM kb_change), (SELECT max(version_num) FROM alembic_version)"

Generation = tuple[int, str]


def read_generation(engine: Engine) -> Generation:
    """(last change seq, schema revision) as of now: every commit made before the call, in any process.

    On the pooled DBAPI connection itself, in autocommit, so the SELECT is a read transaction of its own: through
    a SQLAlchemy Connection the same query cost 85 us instead of 14 on SQLite (whose connections are always in
    autocommit at the driver, app/db.py), and 424 us instead of 141 on a local PostgreSQL, where the transaction
    psycopg would open cost a BEGIN and the pool's rollback on return (bench KBs of 100k events).
    """
    conn = engine.raw_connection()
    try:
        driver = conn.driver_connection if engine.dialect.name == "postgresql" else None
        if driver is not None:
            driver.autocommit = True  # idle: the pool rolled back whatever its last user left
        try:
            cursor = conn.cursor()
            cursor.execute(_SQL)
            seq, revision = cursor.fetchone()
            cursor.close()
        finally:
            if driver is not None:
                driver.autocommit = False  # as every other user of the pool expects it
    finally:
        conn.close()
    return int(seq or 0), revision or ""


async def current_generation(engine: Engine) -> Generation:
    """read_generation from the event loop. SQLite's read is run right here: two index seeks in a WAL database,
    which readers open without waiting for any writer, cost less than the hand-off to a worker thread and back
    (14 against some 300 us). A PostgreSQL read is a network round trip of unknown length: in a worker thread."""
    if engine.dialect.name == "sqlite":
        return read_generation(engine)
    return await anyio.to_thread.run_sync(read_generation, engine)


@cache
def code_fingerprint() -> str:
    """A digest of the application's source: an ETag issued by one build must not validate the same request
    answered by another (a new field, another serialization) over an unchanged knowledge base. Every process of
    one deployment reads the same files, so they agree on it."""
    digest = hashlib.blake2b(digest_size=8)
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
