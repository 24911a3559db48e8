"""actor_word: indexed surname stems of people's aliases

Candidate people for a name were found with `normalized LIKE '% lav%'` over every alias, a scan that grew
with the knowledge base (37% of the writer's time at 3,000 documents). actor_word holds the first one to
three letters of each word of each person's aliases, so the same question is an index lookup. Backfilled
here; app.ingest.actors keeps it in step from then on.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _stems(normalized: str) -> set[str]:
    # the same as app.ingest.actors.word_stems (frozen here: a revision must not import app code)
    return {word[:n] for word in normalized.split() for n in (1, 2, 3) if len(word) >= n}


def upgrade() -> None:
    table = op.create_table(
        "actor_word",
        sa.Column("stem", sa.String(3), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], name=op.f("fk_actor_word_actor_id_actor"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("stem", "actor_id", name=op.f("pk_actor_word")),
    )
    with op.batch_alter_table("actor_word", schema=None) as batch_op:
        batch_op.create_index("ix_actor_word_actor_id", ["actor_id"], unique=False)
    rows = op.get_bind().execute(sa.text(
        "SELECT al.actor_id, al.normalized FROM actor_alias al JOIN actor a ON a.id = al.actor_id "
        "WHERE a.type = 'person'"))
    words = sorted({(stem, actor_id) for actor_id, normalized in rows for stem in _stems(normalized)})
    if words:
        op.bulk_insert(table, [{"stem": s, "actor_id": a} for s, a in words])


def downgrade() -> None:
    with op.batch_alter_table("actor_word", schema=None) as batch_op:
        batch_op.drop_index("ix_actor_word_actor_id")
    op.drop_table("actor_word")
