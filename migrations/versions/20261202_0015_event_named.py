"""event_named: the actors named by the articles of each cast-less event, indexed by actor, type and date

The writer looks up stored events without participants whose articles name one of a new account's parties. It
read them through every cast-less event of the type around the date (each probed in its articles' evidence) or
through every article naming the party: both grow with the knowledge base. One row per (cast-less event, actor an
account's evidence in one of its reports' documents names), with the event's type and dates, makes each lookup
one range of an index. Filled here from the stored rows; app.ingest.derived.name_castless keeps it in step.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# frozen copy of app.ingest.derived's statement (no app imports in migrations); 'account' is ACCOUNT_KIND
_FILL = """INSERT INTO event_named (event_id, actor_id, type, date_start, date_end)
SELECT DISTINCT e.id, v.actor_id, e.type, e.date_start, e.date_end
FROM event e JOIN event_report r ON r.event_id = e.id
JOIN evidence v ON v.document_id = r.document_id AND v.kind = 'account' AND v.actor_id IS NOT NULL
WHERE NOT EXISTS (SELECT 1 FROM event_participant p WHERE p.event_id = e.id)"""


def upgrade() -> None:
    op.create_table(
        "event_named",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], name=op.f("fk_event_named_event_id_event"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], name=op.f("fk_event_named_actor_id_actor"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "actor_id", name=op.f("pk_event_named")),
    )
    op.create_index("ix_event_named_lookup", "event_named",
                    ["actor_id", "type", "date_start", "date_end", "event_id"])
    op.execute(_FILL)


def downgrade() -> None:
    op.drop_index("ix_event_named_lookup", table_name="event_named")
    op.drop_table("event_named")
