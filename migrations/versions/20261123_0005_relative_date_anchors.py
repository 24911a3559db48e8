"""relative date anchors on event reports

An account dated only relative to another event of its document ("a day after the summons") keeps that
relation: event_report.anchor_report_id / anchor_days. When another source dates the anchor's event, the
account takes the derived date (date_derived = true) and may then fuse (app.ingest.anchors).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anchor_report_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("anchor_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("date_derived", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_foreign_key(op.f("fk_event_report_anchor_report_id_event_report"), "event_report",
                                    ["anchor_report_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index("ix_event_report_anchor_report_id", ["anchor_report_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_report", schema=None) as batch_op:
        batch_op.drop_index("ix_event_report_anchor_report_id")
        batch_op.drop_constraint(op.f("fk_event_report_anchor_report_id_event_report"), type_="foreignkey")
        batch_op.drop_column("date_derived")
        batch_op.drop_column("anchor_days")
        batch_op.drop_column("anchor_report_id")
