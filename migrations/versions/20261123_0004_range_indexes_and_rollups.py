"""date-range indexes bounded on both sides, participant dates, timeline rollup, KB counters

- event: (type, date_start, date_end) replaces (type, date_start); with the lower bound
  date_start >= start - max span (kb_counter `event_max_span_days`) a type + range query reads one slice.
- event_participant gets copies of its event's date_start/date_end (kept by app.ingest.derived) and the
  index (actor_id, date_start, date_end, event_id, role): actor + range without walking the actor's events.
- event_count: events per (bucket, period, type) so the unfiltered timeline is O(periods).
Existing rows are backfilled; the code keeps them in step from then on.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _periods(d: date) -> dict[str, str]:
    # the same labels as app.ingest.derived.periods (frozen here: a revision must not import app code)
    iso = d.isoformat()
    return {"day": iso, "week": (d - timedelta(days=d.weekday())).isoformat(), "month": iso[:7], "year": iso[:4]}


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "kb_counter",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_kb_counter")),
    )
    op.create_table(
        "event_count",
        sa.Column("bucket", sa.String(8), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bucket", "period", "type", name=op.f("pk_event_count")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_type_date_start")
        batch_op.create_index("ix_event_type_dates", ["type", "date_start", "date_end"], unique=False)
    with op.batch_alter_table("event_participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("date_end", sa.Date(), nullable=True))
    op.execute(
        "UPDATE event_participant SET "
        "date_start = (SELECT e.date_start FROM event e WHERE e.id = event_participant.event_id), "
        "date_end = (SELECT e.date_end FROM event e WHERE e.id = event_participant.event_id)"
    )
    with op.batch_alter_table("event_participant", schema=None) as batch_op:
        batch_op.create_index("ix_event_participant_actor_dates",
                              ["actor_id", "date_start", "date_end", "event_id", "role"], unique=False)

    if bind.dialect.name == "postgresql":
        span_sql = "SELECT max(date_end - date_start) FROM event"
    else:
        span_sql = "SELECT max(CAST(julianday(date_end) - julianday(date_start) AS INTEGER)) FROM event"
    span = bind.execute(sa.text(span_sql)).scalar()
    bind.execute(sa.text("INSERT INTO kb_counter (name, value) VALUES ('event_max_span_days', :v)"),
                 {"v": max(int(span or 0), 0)})
    counts: Counter = Counter()
    rows = bind.execute(sa.text(
        "SELECT date_start, type, count(*) FROM event WHERE date_start IS NOT NULL GROUP BY date_start, type"))
    for day, kind, n in rows:
        for bucket, period in _periods(date.fromisoformat(str(day)[:10])).items():
            counts[(bucket, period, kind)] += n
    if counts:
        bind.execute(sa.text("INSERT INTO event_count (bucket, period, type, n) VALUES (:b, :p, :t, :n)"),
                     [{"b": b, "p": p, "t": t, "n": n} for (b, p, t), n in sorted(counts.items())])


def downgrade() -> None:
    with op.batch_alter_table("event_participant", schema=None) as batch_op:
        batch_op.drop_index("ix_event_participant_actor_dates")
        batch_op.drop_column("date_end")
        batch_op.drop_column("date_start")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_type_dates")
        batch_op.create_index("ix_event_type_date_start", ["type", "date_start"], unique=False)
    op.drop_table("event_count")
    op.drop_table("kb_counter")
