"""actor_name_key: a multi-word name looks up its shape, not every person sharing its given name

0011's keys made a multi-word name look up "w:<word>" for each of its words, so "John Smith" read every stored
John: a set that grows with the knowledge base, of whom only spelling variants could ever match, and a spelling
variant now needs the same shape (app.ingest.matching_actors.same_shape), which no given name alone gives. A
person now also holds "o:<word>" for a one-word alias and, per multi-word alias, "l:<last word>" and
"s:<abc> <xyz>" (first three letters of the first word, last three of the last) and, for a last word of five
letters or fewer, "f:<first word>:<its length>"; a multi-word name looks those and "p:" up instead of whole
words (app.ingest.actors.wanted_keys). Rebuilt here from the
stored aliases; app.ingest.actors keeps it in step from then on.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = sa.table("actor_name_key", sa.column("key", sa.String), sa.column("actor_id", sa.Integer))


def _keys_0011(normalized: str) -> set[str]:
    words = normalized.split()
    keys = {f"w:{w[:300]}" for w in words}
    if len(words) > 1:
        keys.add(f"p:{words[0][:3]} {words[-1][:3]}")
    return keys


def _keys_0013(normalized: str) -> set[str]:
    # the same as app.ingest.actors.name_keys (frozen here: a revision must not import app code)
    words = normalized.split()
    keys = {f"w:{w[:300]}" for w in words}
    if len(words) == 1:
        keys.add(f"o:{words[0][:300]}")
    elif words:
        first, last = words[0], words[-1]
        keys.update({f"l:{last[:300]}", f"p:{first[:3]} {last[:3]}", f"s:{first[:3]} {last[-3:]}"})
        if len(last) <= 5:
            keys.add(f"f:{first[:300]}:{len(last)}")
    return keys


def _rebuild(keys_of) -> None:
    bind = op.get_bind()
    bind.execute(sa.text("DELETE FROM actor_name_key"))
    rows = bind.execute(sa.text(
        "SELECT al.actor_id, al.normalized FROM actor_alias al JOIN actor a ON a.id = al.actor_id "
        "WHERE a.type = 'person'"))
    keys = sorted({(key, actor_id) for actor_id, normalized in rows for key in keys_of(normalized)})
    for start in range(0, len(keys), 50_000):  # bounded statements on a large knowledge base
        op.bulk_insert(_TABLE, [{"key": k, "actor_id": a} for k, a in keys[start:start + 50_000]])


def upgrade() -> None:
    _rebuild(_keys_0013)


def downgrade() -> None:
    _rebuild(_keys_0011)
