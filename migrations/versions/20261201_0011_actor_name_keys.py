"""actor_name_key: people's candidate keys from whole words of their aliases

A person's candidates were every stored person with a word starting with the first one to three letters of
the new name's first or last word (actor_word): a set that grows with the knowledge base, read and scored for
every document (a third of the writer's time at 1,000 documents). A candidate can only
match through a whole name, a whole word of one (a bare surname, a family name written first), or a spelling
variant of a full name; actor_name_key holds, per person, "w:<word>" for every word of its aliases and, for
each multi-word alias, "p:<abc> <xyz>" (the first three letters of its first and last word), so the lookup
returns the people sharing a whole word or a name's shape (app.ingest.actors.name_keys). Backfilled here;
app.ingest.actors keeps it in step from then on.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _keys(normalized: str) -> set[str]:
    # the same as app.ingest.actors.name_keys (frozen here: a revision must not import app code)
    words = normalized.split()
    keys = {f"w:{w[:300]}" for w in words}
    if len(words) > 1:
        keys.add(f"p:{words[0][:3]} {words[-1][:3]}")
    return keys


def upgrade() -> None:
    table = op.create_table(
        "actor_name_key",
        sa.Column("key", sa.String(310), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], name=op.f("fk_actor_name_key_actor_id_actor"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", "actor_id", name=op.f("pk_actor_name_key")),
    )
    with op.batch_alter_table("actor_name_key", schema=None) as batch_op:
        batch_op.create_index("ix_actor_name_key_actor_id", ["actor_id"], unique=False)
    rows = op.get_bind().execute(sa.text(
        "SELECT al.actor_id, al.normalized FROM actor_alias al JOIN actor a ON a.id = al.actor_id "
        "WHERE a.type = 'person'"))
    keys = sorted({(key, actor_id) for actor_id, normalized in rows for key in _keys(normalized)})
    if keys:
        op.bulk_insert(table, [{"key": k, "actor_id": a} for k, a in keys])


def downgrade() -> None:
    with op.batch_alter_table("actor_name_key", schema=None) as batch_op:
        batch_op.drop_index("ix_actor_name_key_actor_id")
    op.drop_table("actor_name_key")
