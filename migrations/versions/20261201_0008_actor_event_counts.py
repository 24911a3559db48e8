"""per-actor timeline rollup

- actor_event_count: events per (actor, bucket, period, type), month and year buckets, kept by ingest, delete
  and re-extraction (app.ingest.derived) so the one-actor timeline is O(periods), like the unfiltered one
  (event_count, revision 0004). Existing events are counted here; the code keeps the rows in step from then on.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""
from collections import Counter
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "actor_event_count",
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.String(8), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], name=op.f("fk_actor_event_count_actor_id_actor"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("actor_id", "bucket", "period", "type", name=op.f("pk_actor_event_count")),
    )
    bind = op.get_bind()
    counts: Counter = Counter()
    # the same labels as app.ingest.derived.periods for month and year (frozen here: no app imports)
    rows = bind.execute(sa.text(
        "SELECT x.actor_id, e.date_start, e.type, count(*) FROM (SELECT DISTINCT event_id, actor_id "
        "FROM event_participant) x JOIN event e ON e.id = x.event_id WHERE e.date_start IS NOT NULL "
        "GROUP BY x.actor_id, e.date_start, e.type"))
    for actor_id, day, kind, n in rows:
        iso = date.fromisoformat(str(day)[:10]).isoformat()
        counts[(actor_id, "month", iso[:7], kind)] += n
        counts[(actor_id, "year", iso[:4], kind)] += n
    if counts:
        bind.execute(sa.text("INSERT INTO actor_event_count (actor_id, bucket, period, type, n) "
                             "VALUES (:a, :b, :p, :t, :n)"),
                     [{"a": a, "b": b, "p": p, "t": t, "n": n} for (a, b, p, t), n in sorted(counts.items())])


def downgrade() -> None:
    op.drop_table("actor_event_count")
