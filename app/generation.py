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

from sqlalchemy import text
from sqlalchemy.engine import Engine

# max() of an empty table is NULL: an empty knowledge base is generation 0
_SQL = text("SELECT (SELECT max(seq) FROM kb_change), (SELECT max(version_num) FROM alembic_version)")

Generation = tuple[int, str]


def read_generation(engine: Engine) -> Generation:
    """(last change seq, schema revision), read in a transaction of its own so that it sees every commit made
    before the call, in this process or another."""
    with engine.connect() as conn:
        seq, revision = conn.execute(_SQL).one()
    return int(seq or 0), revision or ""


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
